// Accounts in the browser: registration errors next to their fields (in
// Dutch), the language switch and that it is remembered, logging in with
// the keyboard only, logging out, the profile, the data download, changing
// the password, forgotten password and deleting the account.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
	launch, newPage, open, ready, checkAxe, BASE, apiRegister, uiLogin, uniqueEmail, assertNoScriptErrors, ApiClient, waitForNotice,
} from './lib/browser.mjs';
import { resetLink } from './lib/mail.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function fieldError(page, field) {
	const box = page.locator(`.field[data-field="${field}"]`);
	const err = box.locator('.field-error');
	await err.waitFor({ state: 'visible' });
	return (await err.textContent()).trim();
}

test('registration: a wrong field shows its error next to it, in Dutch; then registered, logged in, logged out', async () => {
	const { context, page } = await newPage(browser);
	try {
		await open(page, '/registreren.html?role=caregiver');
		assert.equal(await page.isChecked('#role-caregiver'), true, 'the role from the link is chosen');

		// Nothing filled in: every required field says so, before any request.
		await page.uncheck('#role-caregiver');
		await page.click('#register-form button[type=submit]');
		assert.match(await fieldError(page, 'roles'), /Kies minstens één/);
		assert.match(await fieldError(page, 'email'), /e-mailadres/);
		await checkAxe(page, 'registreren.html with errors');

		// The API's errors: a password that is too short, a postcode that is not one.
		await page.check('#role-caregiver');
		await page.fill('#display_name', 'Anna');
		await page.fill('#email', uniqueEmail('wrong'));
		await page.fill('#password', 'kort');
		await page.fill('#postcode', '12345');
		await page.check('#accept_terms');
		await page.click('#register-form button[type=submit]');
		assert.equal(await fieldError(page, 'password'), 'Het wachtwoord moet minstens 10 tekens lang zijn.');
		assert.match(await fieldError(page, 'postcode'), /Nederlandse postcode/);
		// Tied to the input for screen readers, and the summary has the focus.
		const described = await page.getAttribute('#password', 'aria-describedby');
		const errId = await page.locator('.field[data-field="password"] .field-error').getAttribute('id');
		assert.ok(described.split(' ').includes(errId), 'aria-describedby names the error');
		assert.equal(await page.getAttribute('#password', 'aria-invalid'), 'true');
		assert.equal(await page.evaluate(() => document.activeElement.matches('[data-error-summary]')), true);
		assert.match(await page.textContent('[data-error-summary]'), /Wachtwoord: Het wachtwoord moet minstens 10 tekens/);
		// Fields without errors are not marked.
		assert.equal(await page.getAttribute('#email', 'aria-invalid'), null);

		// An address that is taken.
		await page.fill('#email', 'caregiver@demo.burenhulp.nl');
		await page.fill('#password', 'lang-genoeg-wachtwoord');
		await page.fill('#postcode', '7811 AB');
		await page.click('#register-form button[type=submit]');
		assert.match(await fieldError(page, 'email'), /Er is al een account met dit e-mailadres/);
		assert.equal(await page.locator('.field[data-field="password"] .field-error').isVisible(), false, 'old errors are cleared');

		// Put right, the account is made and its owner logged in.
		await page.fill('#email', uniqueEmail('reg'));
		await page.click('#register-form button[type=submit]');
		await waitForNotice(page, /Welkom/);
		await ready(page);
		assert.equal(await page.locator('#site-nav a[href="/mijn-hulpvragen.html"]').count(), 1, 'a caregiver\'s menu');
		const cookie = (await context.cookies()).find((c) => c.name === 'bh_session');
		assert.ok(cookie && cookie.httpOnly, 'HttpOnly session cookie');

		// Log out: the session ends on the server and the menu offers login again.
		await page.click('#logout-button');
		await waitForNotice(page, /U bent uitgelogd/);
		await ready(page);
		assert.equal(await page.locator('#logout-button').count(), 0);
		assert.equal(await page.locator('#site-nav a[href="/inloggen.html"]').count(), 1);
		const c = new ApiClient();
		c.cookie = `bh_session=${cookie.value}`;
		assert.equal((await c.call('GET', '/session')).status, 401, 'the old cookie opens nothing');
		// A page that needs a login sends the visitor to the login page and back.
		await page.goto(`${BASE}/profiel.html`);
		await page.waitForURL(/inloggen\.html\?next=%2Fprofiel\.html/);
		assertNoScriptErrors(page);
	} finally {
		await context.close();
	}
});

test('the language switch translates the page, sets <html lang> and is remembered', async () => {
	const { context, page } = await newPage(browser);
	try {
		await open(page, '/');
		assert.equal(await page.getAttribute('html', 'lang'), 'nl');
		assert.match(await page.textContent('h1'), /hulp van en voor buren/);
		await page.click('#lang-switch');
		await page.waitForFunction(() => document.documentElement.lang === 'en');
		assert.match(await page.textContent('h1'), /help from and for neighbours/);
		assert.match(await page.textContent('#lang-switch'), /Nederlands/);
		assert.match(await page.title(), /neighbourhood/);
		assert.equal(await page.evaluate(() => document.activeElement.id), 'lang-switch', 'focus stays on the switch');

		// Remembered: after a reload and on another page.
		await page.reload();
		await ready(page);
		assert.equal(await page.getAttribute('html', 'lang'), 'en');
		await open(page, '/inloggen.html');
		assert.equal(await page.getAttribute('html', 'lang'), 'en');
		assert.equal((await page.textContent('h1')).trim(), 'Log in');
		assert.equal((await page.textContent('label[for=email]')).trim(), 'E-mail address');

		// English errors when the site is in English.
		await page.fill('#email', 'nobody@test.burenhulp.nl');
		await page.fill('#password', 'not-the-password');
		await page.click('#login-form button[type=submit]');
		await page.locator('[data-error-summary]').waitFor({ state: 'visible' });
		assert.match(await page.textContent('[data-error-summary]'), /e-mail address or the password is not right/);

		// And back to Dutch; the error follows.
		await page.click('#lang-switch');
		await page.waitForFunction(() => document.documentElement.lang === 'nl');
		assert.match(await page.textContent('[data-error-summary]'), /e-mailadres of het wachtwoord klopt niet/);
		assert.equal(await page.evaluate(() => localStorage.getItem('bh_lang')), 'nl');
		// The language is the only thing the site keeps in browser storage.
		assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), ['bh_lang']);
		assert.equal(await page.evaluate(() => sessionStorage.length), 0);
		assertNoScriptErrors(page);
	} finally {
		await context.close();
	}
});

test('keyboard only: skip link, tab to the login form, submit with Enter', async () => {
	const user = await apiRegister({ tag: 'kbd', roles: ['resident'], name: 'Toetsenbord' });
	const { context, page } = await newPage(browser);
	try {
		await open(page, '/inloggen.html');
		await page.keyboard.press('Tab');
		assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');
		assert.equal(await page.evaluate(() => getComputedStyle(document.activeElement).top), '8px', 'the skip link shows on focus');
		await page.keyboard.press('Enter');
		assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
		await page.keyboard.press('Tab');
		assert.equal(await page.evaluate(() => document.activeElement.id), 'email');
		// Focus is visible (a yellow outline).
		const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
		assert.notEqual(outline, 'none');
		await page.keyboard.type(user.email);
		await page.keyboard.press('Tab');
		assert.equal(await page.evaluate(() => document.activeElement.id), 'password');
		await page.keyboard.type(user.password);
		await Promise.all([page.waitForURL(`${BASE}/`), page.keyboard.press('Enter')]);
		await ready(page);
		assert.match(await page.textContent('main [role=status]'), /U bent ingelogd/);

		// The post-a-request form is reachable and submittable by keyboard too.
		await open(page, '/hulpvraag-plaatsen.html');
		await page.focus('#title');
		await page.keyboard.type('Hulp met de tuin');
		await page.keyboard.press('Enter');
		// Enter in a text field submits: the empty required fields answer.
		await page.locator('[data-error-summary]').waitFor({ state: 'visible' });
		assert.match(await fieldError(page, 'description'), /Beschrijf waarmee u hulp zoekt/);
		// The summary's links move focus to the field.
		await page.keyboard.press('Tab');
		await page.keyboard.press('Enter');
		assert.ok(['category', 'description'].includes(await page.evaluate(() => document.activeElement.id)));
	} finally {
		await context.close();
	}
});

test('profile: change details, download my data, change password, delete the account', async () => {
	const user = await apiRegister({ tag: 'profile', roles: ['caregiver'], name: 'Petra' });
	const { context, page } = await newPage(browser);
	try {
		await uiLogin(page, user.email, user.password, '/profiel.html');
		assert.match(await page.textContent('#account-facts'), new RegExp(user.email.replace(/[.]/g, '\\.')));
		await page.fill('#display_name', 'Petra de Vries');
		await page.fill('#phone', 'geen nummer');
		await page.click('#profile-form button[type=submit]');
		assert.match(await fieldError(page, 'phone'), /telefoonnummer/);
		await page.fill('#phone', '0591 123456');
		await page.click('#profile-form button[type=submit]');
		await page.locator('#profile-status .notice-ok').waitFor();
		assert.match(await page.textContent('#account-facts'), /Petra de Vries/);

		// Download my data: one JSON file with my profile in it.
		const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-button')]);
		assert.match(download.suggestedFilename(), /^burenhulp-mijn-gegevens-\d{4}-\d{2}-\d{2}\.json$/);
		const data = JSON.parse(readFileSync(await download.path(), 'utf8'));
		assert.equal(data.user.email, user.email);
		assert.equal(data.user.display_name, 'Petra de Vries');
		await page.locator('#export-status .notice-ok').waitFor();

		// Change the password: a wrong current one is said next to it.
		await open(page, '/wachtwoord-wijzigen.html');
		await page.fill('#current_password', 'niet-het-wachtwoord');
		await page.fill('#new_password', 'nieuw-en-lang-genoeg');
		await page.fill('#password_repeat', 'nieuw-en-lang-genoeg');
		await page.click('#password-form button[type=submit]');
		assert.match(await fieldError(page, 'current_password'), /huidige wachtwoord klopt niet/);
		await page.fill('#current_password', user.password);
		await page.fill('#password_repeat', 'iets-anders-dan-dat');
		await page.click('#password-form button[type=submit]');
		assert.match(await fieldError(page, 'password_repeat'), /niet gelijk/);
		await page.fill('#password_repeat', 'nieuw-en-lang-genoeg');
		await Promise.all([page.waitForURL(/profiel\.html/), page.click('#password-form button[type=submit]')]);
		await ready(page);
		assert.match(await page.textContent('main [role=status]'), /wachtwoord is gewijzigd/);

		// Delete the account: wrong password first, then the right one.
		await open(page, '/account-verwijderen.html');
		await checkAxe(page, 'account-verwijderen.html');
		await page.fill('#password', user.password);
		await page.click('#delete-form button[type=submit]');
		assert.match(await fieldError(page, 'password'), /wachtwoord klopt niet/);
		await page.fill('#password', 'nieuw-en-lang-genoeg');
		await Promise.all([page.waitForURL(/\/(\?|$)/), page.click('#delete-form button[type=submit]')]);
		await ready(page);
		assert.match(await page.textContent('main [role=status]'), /account is verwijderd/);
		const c = new ApiClient();
		const r = await c.call('POST', '/session', { email: user.email, password: 'nieuw-en-lang-genoeg' });
		assert.equal(r.status, 401, 'login fails after deletion');
		assertNoScriptErrors(page);
	} finally {
		await context.close();
	}
});

// The mail arrives at the stack's SMTP server ($BURENHULP_VAR/mail/new);
// its link is opened in the browser as the user would.
test('forgotten password: the mail\'s link sets a new password; wrong and missing tokens are said', { skip: !process.env.BURENHULP_VAR && 'needs BURENHULP_VAR' }, async () => {
	const user = await apiRegister({ tag: 'reset', roles: ['resident'], name: 'Vergeetachtig' });
	const { context, page } = await newPage(browser);
	try {
		await open(page, '/wachtwoord-vergeten.html');
		await page.fill('#email', user.email);
		await page.click('#forgot-form button[type=submit]');
		await page.locator('#forgot-status .notice-ok').waitFor();
		assert.match(await page.textContent('#forgot-status'), /Als dit e-mailadres bij ons bekend is/);
		// The mail arrives, in Dutch, with the link to the reset page.
		const { url: link, mail } = await resetLink(user.email);
		if (mail)
			assert.match(mail.subject, /wachtwoord/i);

		// Without a token, and with a wrong one.
		await open(page, '/wachtwoord-herstellen.html');
		assert.match(await page.textContent('#reset-status'), /niet compleet/);
		assert.equal(await page.isVisible('#reset-form'), false);
		await open(page, '/wachtwoord-herstellen.html#token=dit-is-geen-geldige-token');
		assert.equal(new URL(page.url()).hash, '', 'the token leaves the address bar');
		await page.fill('#password', 'een-nieuw-wachtwoord');
		await page.fill('#password_repeat', 'een-nieuw-wachtwoord');
		await page.click('#reset-form button[type=submit]');
		await page.locator('[data-error-summary]').waitFor({ state: 'visible' });
		assert.match(await page.textContent('[data-error-summary]'), /niet \(meer\) geldig/);
		await checkAxe(page, 'wachtwoord-herstellen.html with error');

		// The link from the mail.
		await page.goto(link);
		await ready(page);
		assert.equal(new URL(page.url()).hash, '', 'the token leaves the address bar');
		await page.fill('#password', 'weer-een-nieuw-wachtwoord');
		await page.fill('#password_repeat', 'weer-een-nieuw-wachtwoord');
		await Promise.all([page.waitForURL(/inloggen\.html/), page.click('#reset-form button[type=submit]')]);
		await ready(page);
		assert.match(await page.textContent('main [role=status]'), /nieuwe wachtwoord is ingesteld/);
		await page.fill('#email', user.email);
		await page.fill('#password', 'weer-een-nieuw-wachtwoord');
		await Promise.all([page.waitForURL(`${BASE}/?flash=logged_in`).catch(() => {}), page.click('#login-form button[type=submit]')]);
		await page.waitForSelector('#logout-button');
	} finally {
		await context.close();
	}
});
