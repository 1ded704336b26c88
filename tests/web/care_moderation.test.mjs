// care_moderation.test.mjs — issue 17 where moderators act, in the browser:
// a moderator (who has no access to the admin's user pages) finds the VOGs
// that wait on /admin/vog.html and, with the keyboard only, verifies one and
// rejects another with a note; axe-clean in Dutch and English.
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
