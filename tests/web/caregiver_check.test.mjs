// The caregiver's own check in the browser (issue 17, part 6): a caregiver
// answers the 13 questions with the keyboard only, sees the score in plain
// words and the support near them, then the check in the history; the page
// names its source and is axe-clean in Dutch and English.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	launch, newPage, open, ready, checkAxe, apiRegister, uiLogin, assertNoScriptErrors, screenshot, ApiClient,
} from './lib/browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('caregiver check: keyboard only, a high score explained, support shown, then in the history', async () => {
	const { email, password } = await apiRegister({ tag: 'cgcheck', roles: ['caregiver'] });
	const { context, page } = await newPage(browser);
	try {
		await uiLogin(page, email, password, '/mantelzorgcheck.html');
		await open(page, '/mantelzorgcheck.html');
		assert.match(await page.textContent('main'), /Caregiver Strain Index \(CSI\)/);
		assert.match(await page.textContent('main'), /Robinson/);
		assert.equal(await page.locator('#questions input[type=checkbox]').count(), 13);
		await checkAxe(page, 'mantelzorgcheck.html');

		// Keyboard only: tab to the first question, tick 8 of them with space.
		await page.focus('#q1');
		for (let i = 1; i <= 13; i++) {
			if (i <= 8) await page.keyboard.press('Space');
			await page.keyboard.press('Tab');
		}
		assert.equal(await page.evaluate(() => document.activeElement.matches('#check-form button[type=submit]')), true,
			'the button follows the questions in the tab order');
		await page.keyboard.press('Enter');
		await page.locator('#result:not([hidden])').waitFor();
		assert.match(await page.textContent('#result-score'), /8 van de 13/);
		assert.match(await page.textContent('#result-explain'), /7 of meer/);
		assert.ok(await page.locator('#result-support li').count() >= 1);
		await page.locator('#history li', { hasText: '8 van 13' }).waitFor();
		await checkAxe(page, 'mantelzorgcheck.html with a result');
		await screenshot(page, 'mantelzorgcheck-nl');

		await page.evaluate(() => localStorage.setItem('bh_lang', 'en'));
		await page.reload();
		await ready(page);
		assert.match(await page.textContent('h1'), /How heavy is caring for you/);
		assert.match(await page.textContent('#history'), /8 of 13/);
		await checkAxe(page, 'mantelzorgcheck.html in English');
		await screenshot(page, 'mantelzorgcheck-en');
		assertNoScriptErrors(page);
	} finally {
		await context.close();
	}
});

test('check-in on recurring help: the volunteer answers "stop" with the keyboard and is offered, kindly, to end the match', async () => {
	const owner = await apiRegister({ tag: 'ckowner', roles: ['resident'] });
	const vol = await apiRegister({ tag: 'ckvol', roles: ['volunteer'] });
	const o = new ApiClient(); await o.login(owner.email, owner.password);
	const v = new ApiClient(); await v.login(vol.email, vol.password);
	const m = new ApiClient(); await m.login('moderator@demo.burenhulp.nl');
	const req = await o.call('POST', '/requests', {
		title: 'Wekelijks een wandeling', description: 'Elke week samen een rondje lopen.',
		category: 'shopping', postcode: '7811', recurrence: 'weekly',
	});
	assert.equal(req.status, 201, JSON.stringify(req.data));
	assert.equal((await m.call('POST', `/requests/${req.data.request.id}/review`, { decision: 'approve' })).status, 200);
	const match = await v.call('POST', '/matches', { request_id: req.data.request.id, message: 'Ik loop graag mee' });
	assert.equal(match.status, 201, JSON.stringify(match.data));
	assert.equal((await o.call('POST', `/matches/${match.data.match.id}/accept`)).status, 200);

	const { context, page } = await newPage(browser);
	try {
		await uiLogin(page, vol.email, vol.password, `/match.html?id=${match.data.match.id}`);
		await open(page, `/match.html?id=${match.data.match.id}`);
		await page.locator('#checkin-section:not([hidden])').waitFor();
		await checkAxe(page, 'match.html with the check-in form');
		await page.focus('#checkin-good');
		await page.keyboard.press('ArrowDown');	// could be better
		await page.keyboard.press('ArrowDown');	// stop
		assert.equal(await page.isChecked('#checkin-stop'), true);
		await page.focus('#checkin-note');
		await page.keyboard.type('Het past niet meer in mijn week.');
		await page.keyboard.press('Tab');
		await page.keyboard.press('Enter');
		await page.locator('#checkin-done a[href="#cancel-section"]').waitFor();
		assert.match(await page.textContent('#checkin-done'), /Stoppen mag/);
		await checkAxe(page, 'match.html after a stop');
		await screenshot(page, 'match-checkin-stop');
		assertNoScriptErrors(page);
	} finally {
		await context.close();
	}
});

test('the moderators\' attention list shows a "stop" with its note, and a coordinator\'s note is saved by keyboard', async () => {
	const owner = await apiRegister({ tag: 'atowner', roles: ['resident'] });
	const vol = await apiRegister({ tag: 'atvol', roles: ['volunteer'] });
	const o = new ApiClient(); await o.login(owner.email, owner.password);
	const v = new ApiClient(); await v.login(vol.email, vol.password);
	const m = new ApiClient(); await m.login('moderator@demo.burenhulp.nl');
	const title = `Maandelijks de tuin ${Date.now().toString(36)}`;
	const req = await o.call('POST', '/requests', {
		title, description: 'Elke maand de tuin bijhouden.', category: 'shopping', postcode: '7811', recurrence: 'monthly',
	});
	assert.equal(req.status, 201);
	assert.equal((await m.call('POST', `/requests/${req.data.request.id}/review`, { decision: 'approve' })).status, 200);
	const match = await v.call('POST', '/matches', { request_id: req.data.request.id, message: 'Ik kom graag' });
	assert.equal((await o.call('POST', `/matches/${match.data.match.id}/accept`)).status, 200);
	assert.equal((await o.call('POST', `/matches/${match.data.match.id}/checkin`, { answer: 'could_be_better', note: 'Hij komt vaak te laat.' })).status, 201);

	const { context, page } = await newPage(browser);
	try {
		await uiLogin(page, 'moderator@demo.burenhulp.nl', undefined, '/admin/aandacht.html');
		await open(page, '/admin/aandacht.html');
		let card = page.locator(`li[data-match="${match.data.match.id}"]`);
		while (!(await card.count()) && await page.isVisible('#checkins-more')) {
			await page.click('#checkins-more');
			await page.waitForTimeout(300);
		}
		await card.waitFor();
		assert.match(await card.innerText(), /Kan beter/);
		assert.match(await card.innerText(), /Hij komt vaak te laat/);
		await checkAxe(page, 'admin/aandacht.html');
		await card.locator('textarea').focus();
		await page.keyboard.type('Gebeld, komt goed.');
		await page.keyboard.press('Tab');
		await page.keyboard.press('Enter');
		await card.locator('[role=status]', { hasText: 'opgeslagen' }).waitFor();
		await screenshot(page, 'admin-aandacht');
		const list = await m.call('GET', '/admin/checkins?attention=true&limit=100');
		assert.equal(list.status, 200);
		assertNoScriptErrors(page);
	} finally {
		await context.close();
	}
});

test('the monthly reminder of the check: switched on and off by keyboard, kept by the API (nl, en axe)', async () => {
	const { email, password } = await apiRegister({ tag: 'cgremind', roles: ['caregiver'] });
	const { context, page } = await newPage(browser);
	try {
		await uiLogin(page, email, password, '/mantelzorgcheck.html');
		await open(page, '/mantelzorgcheck.html');
		assert.equal(await page.isChecked('#reminder-monthly'), false);
		await page.focus('#reminder-monthly');
		await page.keyboard.press('Space');
		await page.keyboard.press('Tab');
		assert.ok(await page.evaluate(() => document.activeElement.matches('#reminder-form button[type=submit]')));
		await page.keyboard.press('Enter');
		await page.locator('#reminder-status', { hasText: 'elke maand een herinnering' }).waitFor();
		await checkAxe(page, 'mantelzorgcheck.html with the reminder on');
		await screenshot(page, 'caregiver-check-reminder');
		const c = new ApiClient();
		await c.login(email, password);
		assert.equal((await c.call('GET', '/me/caregiver-check/reminder')).data.monthly, true);
		// After a reload the box shows what is stored; off again.
		await open(page, '/mantelzorgcheck.html');
		assert.equal(await page.isChecked('#reminder-monthly'), true);
		await page.focus('#reminder-monthly');
		await page.keyboard.press('Space');
		await page.keyboard.press('Tab');
		await page.keyboard.press('Enter');
		await page.locator('#reminder-status', { hasText: 'geen herinnering meer' }).waitFor();
		assert.equal((await c.call('GET', '/me/caregiver-check/reminder')).data.monthly, false);
		assertNoScriptErrors(page);
	} finally {
		await context.close();
	}
	const en = await newPage(browser, { lang: 'en' });
	try {
		await uiLogin(en.page, email, password, '/mantelzorgcheck.html');
		await open(en.page, '/mantelzorgcheck.html');
		assert.match(await en.page.textContent('#reminder-form'), /Remind me of this check every month/);
		await checkAxe(en.page, 'mantelzorgcheck.html (en)');
	} finally {
		await en.context.close();
	}
});

// While an answer is on its way the button says so and is disabled
// (aria-disabled, forms.js), and pressing it again sends nothing: the API
// would answer a second one 200 with the first (issue 17), but the page does
// not even ask. The API calls are held back so the second press lands
// while the first is in flight.
test('double presses send one answer: the caregiver check and the check-in buttons are disabled while sending', async () => {
	const carer = await apiRegister({ tag: 'cgdouble', roles: ['caregiver'] });
	const { context, page } = await newPage(browser);
	try {
		await uiLogin(page, carer.email, carer.password, '/mantelzorgcheck.html');
		await open(page, '/mantelzorgcheck.html');
		let posts = 0;
		await page.route('**/api/v1/me/caregiver-check', async (route) => {
			if (route.request().method() === 'POST') {
				posts++;
				await new Promise((r) => setTimeout(r, 800));
			}
			await route.continue();
		});
		await page.focus('#q1');
		await page.keyboard.press('Space');
		const submit = page.locator('#check-form button[type=submit]');
		await submit.focus();
		await page.keyboard.press('Enter');
		await page.waitForFunction(() => document.querySelector('#check-form button[type=submit]').getAttribute('aria-disabled') === 'true');
		await page.keyboard.press('Enter');
		await submit.click({ force: true });
		await page.locator('#result:not([hidden])').waitFor();
		assert.equal(posts, 1, 'one POST for three presses');
		// The form's busy guard lets go just after the result is shown (the
		// handler returns, then forms.js re-enables): wait for it, not race it.
		await page.waitForFunction(() => !document.querySelector('#check-form button[type=submit]').hasAttribute('aria-disabled'), null, { timeout: 5000 });
		const c = new ApiClient();
		await c.login(carer.email, carer.password);
		assert.equal((await c.call('GET', '/me/caregiver-check')).data.items.length, 1);
		assertNoScriptErrors(page);
	} finally {
		await context.close();
	}

	const owner = await apiRegister({ tag: 'ckdouble-o', roles: ['resident'] });
	const vol = await apiRegister({ tag: 'ckdouble-v', roles: ['volunteer'] });
	const o = new ApiClient(); await o.login(owner.email, owner.password);
	const v = new ApiClient(); await v.login(vol.email, vol.password);
	const m = new ApiClient(); await m.login('moderator@demo.burenhulp.nl');
	const req = await o.call('POST', '/requests', {
		title: 'Maandelijks de ramen', description: 'Elke maand samen de ramen lappen.',
		category: 'shopping', postcode: '7811', recurrence: 'monthly',
	});
	assert.equal((await m.call('POST', `/requests/${req.data.request.id}/review`, { decision: 'approve' })).status, 200);
	const match = await v.call('POST', '/matches', { request_id: req.data.request.id, message: 'Ik help graag' });
	assert.equal((await o.call('POST', `/matches/${match.data.match.id}/accept`)).status, 200);
	const p2 = await newPage(browser);
	try {
		await uiLogin(p2.page, vol.email, vol.password, `/match.html?id=${match.data.match.id}`);
		await open(p2.page, `/match.html?id=${match.data.match.id}`);
		await p2.page.locator('#checkin-section:not([hidden])').waitFor();
		let posts = 0;
		await p2.page.route('**/api/v1/matches/*/checkin', async (route) => {
			posts++;
			await new Promise((r) => setTimeout(r, 800));
			await route.continue();
		});
		await p2.page.focus('#checkin-good');
		await p2.page.keyboard.press('Space');
		const submit = p2.page.locator('#checkin-form button[type=submit]');
		await submit.focus();
		await p2.page.keyboard.press('Enter');
		await p2.page.waitForFunction(() => document.querySelector('#checkin-form button[type=submit]').getAttribute('aria-disabled') === 'true');
		await p2.page.keyboard.press('Enter');
		await p2.page.locator('#checkin-done p').first().waitFor();
		assert.equal(posts, 1, 'one POST for two presses');
		const rows = await v.call('GET', `/matches/${match.data.match.id}`);
		assert.equal(rows.status, 200);
		assertNoScriptErrors(p2.page);
	} finally {
		await p2.context.close();
	}
});
