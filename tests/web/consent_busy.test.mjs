// consent_busy.test.mjs — revoking consent shows that it is under way
// (issue 18, left from issue 17): while POST /requests/{id}/consent/revoke
// is on its way (slowed here), the "yes" button says so, is marked disabled
// and keeps the keyboard focus, the block is aria-busy, and a second click
// or Enter sends nothing. On the request page (the poster) and in the
// moderation queue (a moderator). Failed before the fix: the button kept its
// label, lost the focus to the page, and nothing said the revocation was
// being sent. Screenshot into tests/results/screenshots/ (consent-busy.png).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	launch, newPage, open, checkAxe, screenshot, assertNoScriptErrors, apiRegister, uiLogin, ApiClient,
} from './lib/browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const RUN = Date.now().toString(36);

// Holds every revocation until release() and counts them.
async function slowRevoke(page) {
	const state = { count: 0, release: null };
	const gate = new Promise((resolve) => { state.release = resolve; });
	await page.route('**/api/v1/requests/*/consent/revoke', async (route) => {
		state.count++;
		await gate;
		await route.continue();
	});
	return state;
}

// While the revocation is held: busy, focused, and deaf to more clicks.
async function assertBusy(page, block, yes, slow) {
	await page.waitForTimeout(100);
	assert.equal(await block.getAttribute('aria-busy'), 'true', 'the block is busy');
	assert.equal(await yes.getAttribute('aria-disabled'), 'true', 'the button is marked disabled');
	assert.match(await yes.innerText(), /Even geduld/, 'the button says it is busy');
	assert.ok(await yes.evaluate((b) => b === document.activeElement), 'the focus stays on the button');
	await page.keyboard.press('Enter');
	await yes.click({ force: true });
	await page.waitForTimeout(300);
	assert.equal(slow.count, 1, 'a second click sends nothing');
}

test('the poster revokes consent on the request page: busy while sending, a second click sends nothing', async () => {
	const owner = await apiRegister({ tag: 'busy-owner', roles: ['caregiver'], name: `Mantelzorger ${RUN}` });
	const o = new ApiClient();
	await o.login(owner.email, owner.password);
	const r = await o.call('POST', '/requests', {
		title: `Boodschappen voor vader ${RUN}`, description: 'Elke week de boodschappen.', category: 'shopping',
		postcode: '7811', on_behalf_of: { first_name: 'Kees', consent: { how: 'verbal' } },
	});
	assert.equal(r.status, 201, JSON.stringify(r.data));
	const id = r.data.request.id;
	const { context, page } = await newPage(browser);
	try {
		await uiLogin(page, owner.email, owner.password, '/');
		await open(page, `/hulpvraag.html?id=${id}`);
		const slow = await slowRevoke(page);
		const wrap = page.locator('.confirm', { hasText: 'Toestemming intrekken' }).first();
		await wrap.waitFor();
		await wrap.locator('button').first().focus();
		await page.keyboard.press('Enter');
		const yes = wrap.locator('.notice button').first();
		await yes.waitFor();
		assert.ok(await yes.evaluate((b) => b === document.activeElement), '"yes" has the focus');
		await page.keyboard.press('Enter');
		await assertBusy(page, wrap, yes, slow);
		await checkAxe(page, 'revoking consent, busy');
		await screenshot(page, 'consent-busy');
		slow.release();
		await page.waitForFunction(() => /ingetrokken/i.test(document.querySelector('#request-status')?.textContent || ''));
		assert.equal(slow.count, 1);
		assertNoScriptErrors(page);
	} finally {
		await context.close();
	}
	const after = await o.call('GET', `/requests/${id}`);
	assert.equal(after.data.request.status, 'cancelled');
});

test('a moderator revokes consent in the queue: busy while sending, a second click sends nothing', async () => {
	const owner = await apiRegister({ tag: 'busy-q', roles: ['caregiver'], name: `Mantelzorger ${RUN}` });
	const o = new ApiClient();
	await o.login(owner.email, owner.password);
	const r = await o.call('POST', '/requests', {
		title: `Boodschappen voor oma ${RUN}`, description: 'Elke week de boodschappen.', category: 'shopping',
		postcode: '7811', on_behalf_of: { first_name: 'Riek', consent: { how: 'written' } },
	});
	assert.equal(r.status, 201, JSON.stringify(r.data));
	const id = r.data.request.id;
	const mod = new ApiClient();
	await mod.login('moderator@demo.burenhulp.nl');
	const { context, page } = await newPage(browser);
	try {
		// The queue shows its first 50 items: give the page only this one.
		let item = null;
		let cursor = null;
		do {
			const res = await mod.call('GET', `/admin/queue?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
			item = item || res.data.items.find((i) => i.id === id);
			cursor = res.data.next_cursor;
		} while (cursor && !item);
		assert.ok(item, 'the request is in the queue');
		await page.route('**/api/v1/admin/queue*', async (route) => {
			try {
				const res = await route.fetch();
				const body = await res.json();
				body.items = body.items.filter((i) => i.id === id);
				body.next_cursor = null;
				await route.fulfill({ response: res, json: body });
			} catch { /* the page is gone */ }
		});
		await uiLogin(page, 'moderator@demo.burenhulp.nl', undefined, '/admin/');
		await open(page, '/admin/');
		const art = page.locator(`article#q-${id}`);
		await art.waitFor();
		const slow = await slowRevoke(page);
		await art.locator('.consent button').first().focus();
		await page.keyboard.press('Enter');
		const yes = art.locator('.consent .notice button').first();
		assert.ok(await yes.evaluate((b) => b === document.activeElement), '"yes" has the focus');
		await page.keyboard.press('Enter');
		await assertBusy(page, art.locator('.consent .confirm'), yes, slow);
		slow.release();
		await page.waitForFunction(() => /ingetrokken/.test(document.querySelector('#queue-live')?.textContent || ''));
		await art.waitFor({ state: 'detached' });
		assert.equal(slow.count, 1);
		assertNoScriptErrors(page);
	} finally {
		await context.close();
	}
	const after = await o.call('GET', `/requests/${id}`);
	assert.equal(after.data.request.status, 'cancelled');
});
