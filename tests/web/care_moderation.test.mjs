// care_moderation.test.mjs — issue 17 where moderators act, in the browser:
// a moderator (who has no access to the admin's user pages) finds the VOGs
// that wait on /admin/vog.html and, with the keyboard only, verifies one and
// rejects another with a note; axe-clean in Dutch and English. The queue
// and the check-ins list show how the person a request is for agreed (first
// name only), and the moderator revokes that consent there, by keyboard.
// Screenshots into tests/results/screenshots/ (care-mod-*.png).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	launch, newPage, open, checkAxe, screenshot, assertNoScriptErrors, apiRegister, uiLogin, ApiClient,
} from './lib/browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const day = (offsetDays) => new Date(Date.now() + offsetDays * 86400e3).toISOString().slice(0, 10);

async function volunteerWithVog(tag, issued) {
	const u = await apiRegister({ tag, roles: ['volunteer'], name: `Vrijwilliger ${tag} ${Date.now().toString(36)}` });
	const c = new ApiClient();
	await c.login(u.email, u.password);
	assert.equal((await c.call('PUT', '/me/vog', { issued_on: issued })).status, 200);
	return { ...u, client: c };
}

// Loads pages of the list until the card of user id is there.
async function findCard(page, id) {
	const card = page.locator(`#v-${id}`);
	while (!(await card.count()) && await page.isVisible('#vogs-more')) {
		await page.click('#vogs-more');
		await page.waitForTimeout(300);
	}
	await card.waitFor();
	return card;
}

test('a moderator verifies one VOG and rejects another with a note on /admin/vog.html, keyboard only', async () => {
	const a = await volunteerWithVog('vogmod-a', day(-30));
	const b = await volunteerWithVog('vogmod-b', day(-60));
	const { context, page } = await newPage(browser);
	try {
		await uiLogin(page, 'moderator@demo.burenhulp.nl', undefined, '/admin/vog.html');
		await open(page, '/admin/vog.html');
		assert.ok(await page.locator('#admin-nav a[href="/admin/vog.html"][aria-current=page]').count(), 'in the navigation');
		const ca = await findCard(page, a.user.id);
		const cb = await findCard(page, b.user.id);
		assert.match(await ca.innerText(), /Wacht op controle/);
		assert.match(await ca.innerText(), new RegExp(a.user.display_name));
		await checkAxe(page, 'admin/vog.html');
		await screenshot(page, 'care-mod-vog-list');

		// Verify: Space on the first choice, Tab past the note to the button, Enter.
		await page.focus(`#u-${a.user.id}-vog-verify`);
		await page.keyboard.press('Space');
		await page.keyboard.press('Tab');
		await page.keyboard.press('Tab');
		assert.ok(await page.evaluate((id) => document.activeElement.closest(`#v-${id}`) && document.activeElement.type === 'submit', a.user.id));
		await page.keyboard.press('Enter');
		await page.locator(`#v-${a.user.id} .vog`, { hasText: 'Gecontroleerd' }).waitFor();
		assert.match(await page.textContent('#vogs-live'), /goedgekeurd/);

		// Reject: arrow from the first choice to the second, a note, Enter.
		await page.focus(`#u-${b.user.id}-vog-verify`);
		await page.keyboard.press('Space');
		await page.keyboard.press('ArrowDown');
		assert.ok(await page.isChecked(`#u-${b.user.id}-vog-reject`));
		await page.keyboard.press('Tab');
		await page.keyboard.type('De datum op het papier is anders.');
		await page.keyboard.press('Tab');
		await page.keyboard.press('Enter');
		await page.locator(`#v-${b.user.id} .vog`, { hasText: 'Afgekeurd' }).waitFor();
		await checkAxe(page, 'admin/vog.html after decisions');
		await screenshot(page, 'care-mod-vog-decided');
		assertNoScriptErrors(page);
	} finally {
		await context.close();
	}
	assert.equal((await a.client.call('GET', '/me')).data.user.vog.status, 'verified');
	const vb = (await b.client.call('GET', '/me')).data.user.vog;
	assert.equal(vb.status, 'rejected');
	assert.equal(vb.note, 'De datum op het papier is anders.');
});

test('the VOG page in English is axe-clean, and closed to a volunteer', async () => {
	await volunteerWithVog('vogmod-en', day(-10));
	const { context, page } = await newPage(browser, { lang: 'en' });
	try {
		await uiLogin(page, 'moderator@demo.burenhulp.nl', undefined, '/admin/vog.html');
		await open(page, '/admin/vog.html');
		assert.match(await page.textContent('h1'), /VOGs waiting to be checked/);
		await page.locator('#vogs li').first().waitFor();
		assert.match(await page.locator('#vogs li').first().innerText(), /Waiting|Awaiting|check/i);
		await checkAxe(page, 'admin/vog.html (en)');
		await screenshot(page, 'care-mod-vog-en');
		assertNoScriptErrors(page);
	} finally {
		await context.close();
	}
	const v = await apiRegister({ tag: 'vogmod-vol', roles: ['volunteer'] });
	const { context: c2, page: p2 } = await newPage(browser);
	try {
		await uiLogin(p2, v.email, v.password, '/');
		await p2.goto(`${process.env.BURENHULP_URL || 'http://127.0.0.1:8080'}/admin/vog.html`);
		await p2.waitForURL((u) => u.pathname.startsWith('/inloggen'));
		assert.equal(await p2.locator('#vogs li').count(), 0);
	} finally {
		await c2.close();
	}
});

// The queue shows its first 50 items; other tests leave pending requests
// behind, so the page is given the queue with only this item in it (as the
// API answered it: fetched page by page).
async function queueWith(page, mod, id) {
	let item = null;
	let cursor = null;
	do {
		const res = await mod.call('GET', `/admin/queue?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
		assert.equal(res.status, 200);
		item = item || res.data.items.find((i) => i.id === id);
		cursor = res.data.next_cursor;
	} while (cursor && !item);
	assert.ok(item, 'the request is in the queue');
	await page.route('**/api/v1/admin/queue*', async (route) => {
		// The queue polls every 15 s: a poll still in flight when the
		// context closes has nothing to answer to.
		try {
			const res = await route.fetch();
			const body = await res.json();
			body.items = body.items.some((i) => i.id === id) ? body.items.filter((i) => i.id === id) : [];
			if (!body.items.length && item.live !== false)
				body.items = [item];
			body.next_cursor = null;
			await route.fulfill({ response: res, json: body });
		} catch {
			/* the page is gone */
		}
	});
	return item;
}

test('the queue shows how the person a request is for agreed; a moderator revokes it by keyboard', async () => {
	const owner = await apiRegister({ tag: 'consent-q', roles: ['caregiver'], name: `Mantelzorger ${Date.now().toString(36)}` });
	const o = new ApiClient();
	await o.login(owner.email, owner.password);
	const title = `Boodschappen voor moeder ${Date.now().toString(36)}`;
	const r = await o.call('POST', '/requests', {
		title, description: 'Elke week de boodschappen.', category: 'shopping', postcode: '7811',
		on_behalf_of: { first_name: 'Truus', consent: { how: 'written' } }, private: { care_situation: 'Geheim 4711' },
	});
	assert.equal(r.status, 201, JSON.stringify(r.data));
	const id = r.data.request.id;
	const mod = new ApiClient();
	await mod.login('moderator@demo.burenhulp.nl');
	const { context, page } = await newPage(browser);
	try {
		const item = await queueWith(page, mod, id);
		await uiLogin(page, 'moderator@demo.burenhulp.nl', undefined, '/admin/');
		await open(page, '/admin/');
		const art = page.locator(`article#q-${id}`);
		await art.waitFor();
		const text = await art.innerText();
		assert.match(text, /Voor Truus/);
		assert.match(text, /Op papier/);
		assert.ok(!text.includes('Geheim 4711'), 'nothing private before the logged read');
		await checkAxe(page, 'queue with consent');
		await screenshot(page, 'care-mod-queue-consent');
		// Keyboard: Tab to the revoke button, Enter; the question takes the focus on "yes".
		await art.locator('.consent button').first().focus();
		await page.keyboard.press('Enter');
		assert.ok(await page.evaluate(() => document.activeElement.closest('.consent') && document.activeElement.textContent.includes('Ja')));
		await checkAxe(page, 'queue, revoke question');
		item.live = false;
		await page.keyboard.press('Enter');
		await page.waitForFunction(() => /ingetrokken/.test(document.querySelector('#queue-live')?.textContent || ''));
		await art.waitFor({ state: 'detached' });
		assertNoScriptErrors(page);
	} finally {
		await context.close();
	}
	const after = await o.call('GET', `/requests/${id}`);
	assert.equal(after.data.request.status, 'cancelled');
	assert.equal(after.data.request.on_behalf_of, undefined);
});

test('the check-ins list shows the consent of the person a recurring request is for (nl, en)', async () => {
	const owner = await apiRegister({ tag: 'consent-ck', roles: ['caregiver'] });
	const vol = await apiRegister({ tag: 'consent-ck-v', roles: ['volunteer'] });
	const o = new ApiClient(); await o.login(owner.email, owner.password);
	const v = new ApiClient(); await v.login(vol.email, vol.password);
	const mod = new ApiClient(); await mod.login('moderator@demo.burenhulp.nl');
	const req = await o.call('POST', '/requests', {
		title: `Wekelijks wandelen ${Date.now().toString(36)}`, description: 'Elke week een rondje.', category: 'shopping',
		postcode: '7811', recurrence: 'weekly', on_behalf_of: { first_name: 'Bep', consent: { how: 'verbal' } },
	});
	assert.equal(req.status, 201);
	assert.equal((await mod.call('POST', `/requests/${req.data.request.id}/review`, { decision: 'approve' })).status, 200);
	const match = await v.call('POST', '/matches', { request_id: req.data.request.id, message: 'Ik kom graag' });
	assert.equal((await o.call('POST', `/matches/${match.data.match.id}/accept`)).status, 200);
	assert.equal((await o.call('POST', `/matches/${match.data.match.id}/checkin`, { answer: 'could_be_better' })).status, 201);
	for (const lang of ['nl', 'en']) {
		const { context, page } = await newPage(browser, { lang });
		try {
			await uiLogin(page, 'moderator@demo.burenhulp.nl', undefined, '/admin/aandacht.html');
			await open(page, '/admin/aandacht.html');
			const card = page.locator(`li[data-match="${match.data.match.id}"]`);
			while (!(await card.count()) && await page.isVisible('#checkins-more')) {
				await page.click('#checkins-more');
				await page.waitForTimeout(300);
			}
			await card.waitFor();
			assert.match(await card.locator('.consent').innerText(), lang === 'nl' ? /Voor Bep.*Mondeling/s : /For Bep.*Verbally/s);
			await checkAxe(page, `admin/aandacht.html with consent (${lang})`);
			if (lang === 'nl')
				await screenshot(page, 'care-mod-checkins-consent');
			assertNoScriptErrors(page);
		} finally {
			await context.close();
		}
	}
});
