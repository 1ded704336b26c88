// care_search.test.mjs — the home page's search by how often help is asked
// (GET /requests?recurrence=, issue 17): a visitor chooses "Elke week" with
// the keyboard, the list holds only weekly help, each card says so, the URL
// keeps the choice; axe-clean in Dutch and English.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	launch, newPage, open, ready, checkAxe, screenshot, assertNoScriptErrors, apiRegister, ApiClient,
} from './lib/browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the search page filters on recurrence (keyboard), and the cards name the rhythm', async () => {
	const owner = await apiRegister({ tag: 'recsearch', roles: ['resident'] });
	const o = new ApiClient(); await o.login(owner.email, owner.password);
	const m = new ApiClient(); await m.login('moderator@demo.burenhulp.nl');
	const tag = Date.now().toString(36);
	const ids = {};
	for (const rec of ['weekly', 'monthly']) {
		const r = await o.call('POST', '/requests', {
			title: `Ritme ${rec} ${tag}`, description: 'Terugkerende hulp.', category: 'shopping', postcode: '7811', recurrence: rec,
		});
		assert.equal(r.status, 201, JSON.stringify(r.data));
		assert.equal((await m.call('POST', `/requests/${r.data.request.id}/review`, { decision: 'approve' })).status, 200);
		ids[rec] = r.data.request.id;
	}
	for (const lang of ['nl', 'en']) {
		const { context, page } = await newPage(browser, { lang });
		try {
			await open(page, '/');
			await page.fill('#near', '');
			await page.focus('#recurrence');
			await page.keyboard.press('ArrowDown');	// once
			await page.keyboard.press('ArrowDown');	// every week
			assert.equal(await page.inputValue('#recurrence'), 'weekly');
			await page.keyboard.press('Tab');
			assert.ok(await page.evaluate(() => document.activeElement.matches('#search-form button[type=submit]')));
			await page.keyboard.press('Enter');
			await page.waitForFunction(() => new URL(location.href).searchParams.get('recurrence') === 'weekly');
			await page.waitForFunction(() => document.querySelector('#search-form').getAttribute('aria-busy') === 'false');
			const cards = page.locator('#requests-list li.card');
			const n = await cards.count();
			assert.ok(n >= 1, 'weekly help is listed');
			for (let i = 0; i < n; i++)
				assert.match(await cards.nth(i).innerText(), lang === 'nl' ? /Elke week/ : /Every week/);
			if (lang === 'nl') {
				assert.ok(!(await page.locator(`a[href="/hulpvraag.html?id=${ids.monthly}"]`).count()), 'monthly help is not');
				await screenshot(page, 'care-search-recurrence');
			}
			await checkAxe(page, `home with the recurrence filter (${lang})`);
			// The URL brings the choice back.
			await open(page, '/?recurrence=monthly');
			assert.equal(await page.inputValue('#recurrence'), 'monthly');
			assertNoScriptErrors(page);
		} finally {
			await context.close();
		}
	}
	// Open requests in 7811 crowd the suggestions of the other stories.
	for (const id of Object.values(ids))
		assert.equal((await o.call('POST', `/requests/${id}/cancel`)).status, 200);
});

test('the post form asks how often: weekly help is posted as weekly, and edited back to once', async () => {
	const owner = await apiRegister({ tag: 'recpost', roles: ['resident'] });
	const o = new ApiClient(); await o.login(owner.email, owner.password);
	const { context, page } = await newPage(browser);
	await context.addCookies([{ name: 'bh_session', value: o.cookie.split('=')[1], url: process.env.BURENHULP_URL || 'http://127.0.0.1:8080', httpOnly: true, sameSite: 'Lax' }]);
	const title = `Elke week de hond uitlaten ${Date.now().toString(36)}`;
	try {
		await open(page, '/hulpvraag-plaatsen.html');
		await page.fill('#title', title);
		await page.fill('#description', 'Op dinsdag een uur wandelen met de hond.');
		await page.selectOption('#category', 'pets');
		await page.fill('#postcode', '7811');
		await page.focus('#recurrence');
		await page.keyboard.press('ArrowDown');	// every week
		assert.equal(await page.inputValue('#recurrence'), 'weekly');
		await checkAxe(page, 'post form with how often');
		await Promise.all([
			page.waitForURL((u) => !u.pathname.startsWith('/hulpvraag-plaatsen')),
			page.click('#request-form button[type=submit]'),
		]);
		await ready(page);
		const mine = (await o.call('GET', '/me/requests')).data.items.find((i) => i.title === title);
		assert.ok(mine, 'posted');
		assert.equal(mine.recurrence, 'weekly');
		await open(page, `/hulpvraag-plaatsen.html?id=${mine.id}`);
		assert.equal(await page.inputValue('#recurrence'), 'weekly');
		await page.selectOption('#recurrence', '');
		await Promise.all([
			page.waitForURL((u) => !u.pathname.startsWith('/hulpvraag-plaatsen')),
			page.click('#request-form button[type=submit]'),
		]);
		const after = (await o.call('GET', `/requests/${mine.id}`)).data.request;
		assert.ok(!after.recurrence, 'once again');
		assert.equal((await o.call('POST', `/requests/${mine.id}/cancel`)).status, 200);
		assertNoScriptErrors(page);
	} finally {
		await context.close();
	}
});
