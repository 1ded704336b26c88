// care.test.mjs — issue 17, parts 2 and 3 in the browser: a caregiver who
// types a diagnosis into the public description is asked before the post
// goes out, sees the words, chooses "Aanpassen" and is back in the field;
// moves the words to the private part and posts without a question. A
// resident who asks for wound care sees home care nearby (with links) and
// posts anyway ("Toch plaatsen"). The moderator's queue shows the flag. A
// caregiver walks through the questions of /mantelzorg.html by keyboard
// alone to respite care and support near her. axe on every state, in both
// languages for the new page; screenshots.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	launch, newPage, open, checkAxe, screenshot, assertNoScriptErrors, ApiClient, BASE, DEMO_PASSWORD,
} from './lib/browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function asDemo(role, lang) {
	const api = new ApiClient();
	await api.login(`${role}@demo.burenhulp.nl`, DEMO_PASSWORD);
	const { context, page } = await newPage(browser, { lang });
	await context.addCookies([{ name: 'bh_session', value: api.cookie.split('=')[1], url: BASE, httpOnly: true, sameSite: 'Lax' }]);
	return { context, page, api };
}

async function fillRequest(page, { title, description, category = 'company' }) {
	await open(page, '/hulpvraag-plaatsen.html');
	await page.check('#for-self');
	await page.fill('#title', title);
	await page.selectOption('#category', category);
	await page.fill('#description', description);
	await page.fill('#postcode', '7811 AB');
}

test('health words in the description: asked first, "Aanpassen" goes back, the private part posts silently', async () => {
	const { context, page } = await asDemo('caregiver');
	try {
		const tag = Math.random().toString(36).slice(2, 8);
		await fillRequest(page, {
			title: `Wandelen met moeder ${tag}`,
			description: 'Mijn moeder heeft dementie en loopt graag een rondje door het park.',
		});
		await page.click('#request-submit');
		const panel = page.locator('#care-check');
		await panel.waitFor({ state: 'visible' });
		assert.match(await panel.textContent(), /Voordat u plaatst/);
		assert.deepEqual(await panel.locator('mark').allTextContents(), ['dementie']);
		assert.equal(await page.evaluate(() => document.activeElement.id), 'care-check-h', 'focus on the question');
		await checkAxe(page, 'the question before posting');
		await screenshot(page, 'care-check-health-1280');
		// Keyboard: Tab to "Aanpassen" (the first choice) and press it.
		await page.keyboard.press('Tab');
		assert.equal(await page.evaluate(() => document.activeElement.dataset.choice), 'edit');
		await page.keyboard.press('Enter');
		await page.waitForFunction(() => document.activeElement?.id === 'description');
		assert.ok(page.url().includes('/hulpvraag-plaatsen.html'), 'not posted');
		// The words go to the private part.
		await page.fill('#description', 'Mijn moeder loopt graag een rondje door het park.');
		await page.fill('#care_situation', 'Mijn moeder heeft dementie.');
		await Promise.all([
			page.waitForURL((u) => u.pathname === '/mijn-hulpvragen.html'),
			page.click('#request-submit'),
		]);
		assertNoScriptErrors(page);
	} finally {
		await context.close();
	}
});

test('an ask for wound care: home care nearby with links, then "Toch plaatsen"; the queue flags both', async () => {
	const { context, page } = await asDemo('resident');
	const mod = await asDemo('moderator');
	try {
		const tag = Math.random().toString(36).slice(2, 8);
		const title = `Hulp voor mijn man ${tag}`;
		await fillRequest(page, {
			title,
			description: 'Wie kan de wondverzorging van zijn been doen? En hij heeft diabetes.',
		});
		await page.click('#request-submit');
		const panel = page.locator('#care-check');
		await panel.waitFor({ state: 'visible' });
		assert.deepEqual(await panel.locator('mark').allTextContents(), ['diabetes', 'wondverzorging']);
		const links = await panel.locator('.care-orgs a[href^="https://"]').allTextContents();
		assert.ok(links.some((n) => /Thuiszorg/.test(n)), `home care among ${links}`);
		assert.equal(await panel.locator('a[href="/mantelzorg.html"]').count(), 1);
		await checkAxe(page, 'the question with suggestions');
		await screenshot(page, 'care-check-care-1280');
		await page.setViewportSize({ width: 375, height: 812 });
		await screenshot(page, 'care-check-care-375');
		await page.setViewportSize({ width: 1280, height: 900 });
		await Promise.all([
			page.waitForURL((u) => u.pathname === '/mijn-hulpvragen.html'),
			page.click('#care-check [data-choice=post]'),
		]);
		assertNoScriptErrors(page);

		// The moderator's queue: the post is flagged (oldest first: look it up by title).
		const queue = await mod.api.call('GET', '/admin/queue?limit=100');
		assert.equal(queue.status, 200);
		let item = queue.data.items.find((i) => i.title === title);
		for (let cursor = queue.data.next_cursor; !item && cursor;) {
			const next = await mod.api.call('GET', `/admin/queue?limit=100&cursor=${encodeURIComponent(cursor)}`);
			item = next.data.items.find((i) => i.title === title);
			cursor = next.data.next_cursor;
		}
		assert.ok(item, 'in the queue');
		assert.deepEqual(item.flags.sort(), ['health_term', 'professional_care']);
	} finally {
		await context.close();
		await mod.context.close();
	}
});

test('the admin queue shows the flags in words', async () => {
	const { context, page } = await asDemo('moderator');
	try {
		await page.route('**/api/v1/admin/queue*', async (route) => {
			const res = await route.fetch();
			const body = await res.json();
			body.items = [{
				type: 'request', id: 'AAAAAAAAAAAAAAAAAAAAAA', title: 'Wandelen', description: 'Moeder heeft dementie.',
				category: 'company', area: { pc4: '7811', place: 'Emmen', municipality: 'Emmen' },
				owner: { id: 'BBBBBBBBBBBBBBBBBBBBBB', display_name: 'Test' }, created_at: '2026-12-01T10:00:00Z',
				flags: ['health_term'],
			}];
			body.next_cursor = null;
			await route.fulfill({ response: res, json: body });
		});
		await open(page, '/admin/');
		const flag = page.locator('.queue-flag-health_term');
		await flag.waitFor({ state: 'visible' });
		assert.match(await flag.textContent(), /Gezondheidswoorden/);
		await checkAxe(page, 'the queue with a flag');
		await screenshot(page, 'admin-queue-flag-1280');
	} finally {
		await context.close();
	}
});

for (const lang of ['nl', 'en']) {
	test(`the caregivers' page by keyboard alone (${lang})`, async () => {
		const { context, page } = await newPage(browser, { lang });
		try {
			await open(page, '/mantelzorg.html');
			assert.equal(await page.getAttribute('html', 'lang'), lang);
			assert.equal(await page.locator('h1').count(), 1);
			await checkAxe(page, `/mantelzorg.html (${lang})`);
			if (lang === 'nl')
				await screenshot(page, 'mantelzorg-1280');
			// Submitting empty names the questions.
			await page.click('#care-form button[type=submit]');
			await page.locator('#care-form [data-error-summary]').waitFor({ state: 'visible' });
			await checkAxe(page, `/mantelzorg.html with errors (${lang})`);
			// Keyboard only: focus the first answer of each question, arrow to the one wanted.
			await page.focus('#who-partner');
			await page.keyboard.press('ArrowDown');	// parent
			await page.keyboard.press('Tab');
			await page.keyboard.press('Space');	// the first answer of the next question: time
			await page.keyboard.press('Tab');
			await page.keyboard.press('Space');	// daily
			await page.keyboard.press('Tab');
			await page.keyboard.press('Control+A');
			await page.keyboard.type('7811');
			await page.keyboard.press('Enter');
			const h = page.locator('#care-result-h');
			await h.waitFor({ state: 'visible' });
			assert.equal(await page.evaluate(() => document.activeElement.id), 'care-result-h', 'focus on the result');
			assert.equal(await page.locator('input[name=who]:checked').getAttribute('value'), 'parent');
			const headings = await page.locator('#care-orgs h3').allTextContents();
			assert.equal(headings.length, 2);
			assert.match(headings[0], lang === 'nl' ? /Respijtzorg/ : /Respite care/);
			const names = await page.locator('#care-orgs li a[href^="https://"]').allTextContents();
			assert.ok(names.some((n) => /Logeerhuis/.test(n)), `respite care nearby: ${names}`);
			assert.ok(names.some((n) => /Steunpunt Mantelzorg/.test(n)), `caregiver support nearby: ${names}`);
			await checkAxe(page, `/mantelzorg.html with the result (${lang})`);
			if (lang === 'nl') {
				await screenshot(page, 'mantelzorg-result-1280');
				await page.setViewportSize({ width: 375, height: 812 });
				const over = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
				assert.ok(over <= 0, `sideways scroll ${over}px`);
				await screenshot(page, 'mantelzorg-result-375');
			}
			// An unknown postcode is named on the postcode field.
			await page.fill('#postcode', '1000AA');
			await page.click('#care-form button[type=submit]');
			await page.locator('#care-form [data-field=postcode] .field-error').waitFor({ state: 'visible' });
			assertNoScriptErrors(page);
		} finally {
			await context.close();
		}
	});
}
