// Two-step login in the browser (issue 16, ASVS V6.3): a new moderator (the
// demo admin grants the role) logs in and is sent to the enrolment page
// before the admin opens; there, by keyboard only, they give their
// password, see the QR code and the secret as text, type the app's first
// code and are shown the ten recovery codes once. Their next login asks
// for the code on the login page ("Code uit de app"). axe on every step,
// in Dutch and English; screenshots admin-mfa-*.png.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	launch, newPage, open, ready, checkAxe, screenshot, assertNoScriptErrors, apiRegister, ApiClient,
	claimCode, uiLogin,
} from './lib/browser.mjs';

let browser, admin;

before(async () => {
	browser = await launch();
	admin = new ApiClient();
	await admin.login('admin@demo.burenhulp.nl');
});
after(async () => { await browser?.close(); });

async function newModerator(tag) {
	const u = await apiRegister({ tag, roles: ['resident'], name: 'Nieuwe Moderator' });
	const r = await admin.call('PATCH', `/users/${u.user.id}`, { roles: ['resident', 'moderator'] });
	assert.equal(r.status, 200, JSON.stringify(r.data));
	return u;
}

for (const lang of ['nl', 'en']) {
	test(`a new moderator turns on two-step login by keyboard before the admin opens, and then logs in with a code (${lang})`, async () => {
		const u = await newModerator(`mfa-${lang}`);
		const { context, page } = await newPage(browser, { lang });
		let secret;
		try {
			// The password only (no TOTP yet) gets them in, but the admin
			// sends them to the enrolment page first.
			await open(page, `/inloggen.html?next=${encodeURIComponent('/admin/')}`);
			await page.fill('#email', u.email);
			await page.fill('#password', u.password);
			await page.keyboard.press('Enter');
			await page.waitForURL(/\/admin\/tweestaps\.html\?next=%2Fadmin%2F/);
			await ready(page);
			await checkAxe(page, `enrolment step 1 ${lang}`);

			// Step 1: the password again, by keyboard.
			await page.focus('#password');
			await page.keyboard.type(u.password);
			await page.keyboard.press('Enter');
			await page.locator('#step-app').waitFor({ state: 'visible' });
			assert.equal(await page.evaluate(() => document.activeElement?.id), 'step-app-h', 'focus on the new step');
			const qr = page.locator('#qr');
			assert.match(await qr.getAttribute('src'), /^data:image\/svg\+xml;base64,/);
			assert.ok((await qr.getAttribute('alt')).length > 10, 'the QR code has a text alternative');
			assert.ok(await qr.evaluate((img) => img.complete && img.naturalWidth > 0), 'the QR code renders');
			secret = (await page.locator('#secret').innerText()).replace(/\s+/g, '');
			assert.match(secret, /^[A-Z2-7]{32}$/, 'the secret as text');
			await checkAxe(page, `enrolment step 2 ${lang}`);
			await screenshot(page, `admin-mfa-qr-${lang}`);

			// A wrong code is said at the field; the right one confirms.
			await page.focus('#code');
			await page.keyboard.type('000000');
			await page.keyboard.press('Enter');
			await page.locator('#code[aria-invalid="true"]').waitFor();
			await page.fill('#code', await claimCode(u.email, secret));
			await page.keyboard.press('Enter');
			await page.locator('#step-codes').waitFor({ state: 'visible' });
			const codes = await page.locator('#recovery li').allInnerTexts();
			assert.equal(codes.length, 10, 'ten recovery codes');
			for (const c of codes) assert.match(c.trim(), /^[a-z2-9]{5}-[a-z2-9]{5}$/);
			assert.match(await page.locator('#step-codes .notice').innerText(), lang === 'nl' ? /Bewaar deze codes/ : /Keep these codes/);
			assert.equal(await page.locator('#secret').innerText(), '', 'the secret left the page');
			await checkAxe(page, `enrolment step 3 ${lang}`);
			await screenshot(page, `admin-mfa-codes-${lang}`);

			// On to the admin: the queue opens now.
			await page.focus('#done-link');
			await Promise.all([page.waitForURL(/\/admin\/$/), page.keyboard.press('Enter')]);
			await ready(page);
			assert.equal(await page.locator('#admin-nav').count(), 1);
			assertNoScriptErrors(page);
		} finally {
			await context.close();
		}

		// A new login: the form asks for the code after the password.
		const second = await newPage(browser, { lang });
		try {
			await open(second.page, '/inloggen.html');
			assert.equal(await second.page.locator('#code-field').isHidden(), true, 'no code field at first');
			await second.page.fill('#email', u.email);
			await second.page.fill('#password', u.password);
			await second.page.keyboard.press('Enter');
			await second.page.locator('#code').waitFor({ state: 'visible' });
			assert.equal(await second.page.evaluate(() => document.activeElement?.id), 'code', 'focus on the code');
			assert.match(await second.page.locator('label[for=code]').innerText(), lang === 'nl' ? /Code uit de app/ : /Code from the app/);
			await checkAxe(second.page, `login with a code ${lang}`);
			await screenshot(second.page, `login-code-${lang}`);
		} finally {
			await second.context.close();
		}
		const third = await newPage(browser, { lang });
		try {
			await uiLogin(third.page, u.email, u.password, '/admin/', secret);
			assert.match(third.page.url(), /\/admin\/$/);
			assertNoScriptErrors(third.page);
		} finally {
			await third.context.close();
		}
	});
}
