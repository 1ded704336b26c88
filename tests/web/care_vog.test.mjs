// care.test.mjs — issue 17 parts 1 and 4 in the browser, keyboard only
// where it matters, axe on every changed page (both languages where cheap):
// a caregiver posts for her mother and must say how her mother agreed; the
// request says that consent was recorded and that it needs a VOG; she
// withdraws the consent behind a confirmation; a volunteer enters the date
// of their VOG on the profile and sees it wait; the admin sees it on the
// user page and verifies it; the categories page marks which need a VOG.
// Screenshots into tests/results/screenshots/ (care-*.png).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	launch, newPage, open, ready, checkAxe, screenshot, assertNoScriptErrors, apiRegister, ApiClient, BASE,
} from './lib/browser.mjs';

let browser;
let mod;

before(async () => {
	browser = await launch();
	mod = new ApiClient();
	mod.user = await mod.login('moderator@demo.burenhulp.nl');
});
after(async () => { await browser?.close(); });

async function pageAs(email, password, { lang = 'nl' } = {}) {
	const c = new ApiClient();
	c.user = await c.login(email, password);
	const { context, page } = await newPage(browser, { lang });
	await context.addCookies([{ name: 'bh_session', value: c.cookie.split('=')[1], url: BASE, httpOnly: true, sameSite: 'Lax' }]);
	return { context, page, client: c };
}

test('a caregiver posts for her mother: the form asks how she agreed; the request shows it; consent is withdrawn after a confirmation', async () => {
	const u = await apiRegister({ tag: 'care', roles: ['caregiver'], name: 'Mantelzorger Test' });
	const { context, page, client } = await pageAs(u.email, u.password);
	try {
		await open(page, '/hulpvraag-plaatsen.html');
		assert.ok(await page.isVisible('#consent-field'), 'a caregiver posts for someone: consent is asked');
		await page.fill('#first_name', 'Truus');
		await page.fill('#title', 'Gezelschap voor mijn moeder');
		await page.fill('#description', 'Wie wil er op dinsdag een uurtje komen koffiedrinken?');
		await page.selectOption('#category', 'company');
		// Without consent: the error names the field.
		await page.click('#request-form button[type=submit]');
		await page.waitForSelector('[data-field="on_behalf_of.consent.how"].has-error', { timeout: 10000 });
		await checkAxe(page, 'post form with the consent error');
		await screenshot(page, 'care-post-consent-error');
		// Keyboard: focus the first consent choice, arrow to "written".
		await page.focus('#consent-verbal');
		await page.keyboard.press('Space');
		await page.keyboard.press('ArrowDown');
		assert.ok(await page.isChecked('#consent-written'));
		await Promise.all([
			page.waitForURL((url) => !url.pathname.startsWith('/hulpvraag-plaatsen')),
			page.click('#request-form button[type=submit]'),
		]);
		await ready(page);
		const mine = await client.call('GET', '/me/requests');
		const r = mine.data.items.find((i) => i.title === 'Gezelschap voor mijn moeder');
		assert.ok(r, 'posted');
		assert.equal(r.on_behalf_of.consent.how, 'written');
		assert.equal(r.needs_vog, true, 'company needs a VOG');

		await open(page, `/hulpvraag.html?id=${r.id}`);
		const care = await page.textContent('#request-care');
		assert.match(care, /VOG/);
		assert.match(care, /Op papier/);
		await checkAxe(page, 'request page with consent and VOG note');
		await screenshot(page, 'care-request');
		await page.click('#request-care button');
		await checkAxe(page, 'request page, revoke question');
		await page.click('#request-care .notice button.button-danger');
		await page.waitForFunction(() => /ingetrokken/.test(document.querySelector('#request-status')?.textContent || ''));
		const after = await client.call('GET', `/requests/${r.id}`);
		assert.equal(after.data.request.status, 'cancelled');
		assert.equal(after.data.request.on_behalf_of, undefined);
		assertNoScriptErrors(page);
	} finally {
		await context.close();
	}
});

test('a volunteer enters the VOG date on the profile; the admin verifies it on the user page', async () => {
	const u = await apiRegister({ tag: 'vog', roles: ['volunteer'], name: `Vrijwilliger VOG ${Date.now().toString(36)}` });
	for (const lang of ['nl', 'en']) {
		const { context, page } = await pageAs(u.email, u.password, { lang });
		try {
			await open(page, '/profiel.html#vog');
			assert.ok(await page.isVisible('#vog'));
			if (lang === 'nl') {
				await page.fill('#issued_on', '2030-01-01');
				await page.click('#vog-form button[type=submit]');
				await page.waitForSelector('#vog-form [aria-invalid="true"]');
				await checkAxe(page, 'profile VOG with an error');
				await page.fill('#issued_on', new Date(Date.now() - 20 * 86400e3).toISOString().slice(0, 10));
				await page.click('#vog-form button[type=submit]');
				await page.waitForFunction(() => /wacht op controle/.test(document.querySelector('#vog-state').textContent));
			}
			await checkAxe(page, `profile VOG (${lang})`);
			await screenshot(page, `care-profile-vog-${lang}`);
			assertNoScriptErrors(page);
		} finally {
			await context.close();
		}
	}
	const { context, page } = await pageAs('admin@demo.burenhulp.nl', 'burenhulp-demo');
	try {
		await open(page, '/admin/gebruikers.html');
		await page.fill('#q', u.user.display_name);
		await page.click('#users-search button[type=submit]');
		const card = `#u-${u.user.id}`;
		await page.waitForSelector(`${card} .vog-form`);
		await checkAxe(page, 'admin user page with a VOG');
		await page.check(`${card} input[value=verify]`);
		await page.click(`${card} .vog-form button[type=submit]`);
		await page.waitForFunction((sel) => /Gecontroleerd/.test(document.querySelector(`${sel} .vog`)?.textContent || ''), card);
		await screenshot(page, 'care-admin-user-vog');
		await open(page, '/admin/categorieen.html');
		assert.match(await page.textContent('#c-company'), /VOG nodig/);
		await checkAxe(page, 'admin categories with VOG');
		assertNoScriptErrors(page);
	} finally {
		await context.close();
	}
	const me = new ApiClient();
	const user = await me.login(u.email, u.password);
	assert.equal(user.vog.status, 'verified');
});
