// Passwords in the browser (issue 16, ASVS V6.2, V7.5): the strength meter
// under every new-password field says Zwak / Redelijk / Sterk and why, in a
// polite live region tied to the field, in Dutch and English, typed with
// the keyboard; the server stays the judge (a password the meter calls
// strong but the server's list knows is refused next to the field); and an
// admin logs a user out everywhere from the user's card.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	launch, newPage, open, checkAxe, screenshot, assertNoScriptErrors, apiRegister, ApiClient, BASE, uniqueEmail,
} from './lib/browser.mjs';

const ADMIN = 'admin@demo.burenhulp.nl';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function meterText(page, id) {
	return (await page.locator(`#${id}-strength-text`).textContent()).trim();
}

/** Types (as a keyboard does, key by key) into the focused field. */
async function typeInto(page, selector, text) {
	await page.fill(selector, '');
	await page.focus(selector);
	await page.keyboard.type(text);
}

test('registration: the meter says weak, fair or strong and why, in words, as one types', async () => {
	const { context, page } = await newPage(browser, { lang: 'nl' });
	try {
		await open(page, '/registreren.html');
		const text = page.locator('#password-strength-text');
		assert.equal(await text.getAttribute('aria-live'), 'polite');
		const described = (await page.getAttribute('#password', 'aria-describedby')).split(' ');
		assert.ok(described.includes('password-hint') && described.includes('password-strength-text'),
			'the field names its hint and its meter');
		assert.equal(await meterText(page, 'password'), '', 'nothing to say about an empty field');

		// The keyboard reaches the field from the one before it.
		await page.focus('#email');
		await page.keyboard.press('Tab');
		assert.equal(await page.evaluate(() => document.activeElement.id), 'password');
		await page.keyboard.type('kort');
		assert.equal(await meterText(page, 'password'), 'Wachtwoordsterkte: Zwak. Te kort: gebruik minstens 10 tekens.');
		await typeInto(page, '#password', 'Wachtwoord2024!');
		assert.match(await meterText(page, 'password'), /^Wachtwoordsterkte: Zwak\. Dit lijkt op een veelgebruikt wachtwoord/);
		await typeInto(page, '#password', 'abcdefghij');
		assert.match(await meterText(page, 'password'), /^Wachtwoordsterkte: Zwak\. Te veel dezelfde of opeenvolgende tekens/);
		await typeInto(page, '#password', 'zebra-lamp');
		assert.match(await meterText(page, 'password'), /^Wachtwoordsterkte: Redelijk\. Lang genoeg/);
		await typeInto(page, '#password', 'mijn hond heet Bello en blaft');
		assert.equal(await meterText(page, 'password'), 'Wachtwoordsterkte: Sterk. Lang en niet makkelijk te raden.');
		assert.equal(await page.getAttribute('#password-strength', 'data-level'), 'strong');
		await checkAxe(page, 'registreren.html with the strength meter');
		await screenshot(page, 'passwords-register-strong');
		await typeInto(page, '#password', 'Wachtwoord2024!');
		await screenshot(page, 'passwords-register-weak');

		// The same in English after the language switch.
		await page.evaluate(async () => { const m = await import('/js/i18n.js'); await m.setLanguage('en'); });
		assert.match(await meterText(page, 'password'), /^Password strength: Weak\. This looks like a common password/);
		assertNoScriptErrors(page);
	} finally {
		await context.close();
	}
});

test('the server is the judge: a password the meter calls strong but the list knows is refused at the field', async () => {
	const { context, page } = await newPage(browser, { lang: 'nl' });
	try {
		await open(page, '/registreren.html');
		await page.check('#role-resident');
		await page.fill('#display_name', 'Sterk Test');
		await page.fill('#email', uniqueEmail('strength'));
		// "konijn" is in data/common_passwords.txt, not in the page's short list.
		await typeInto(page, '#password', 'Konijn2024!!');
		assert.match(await meterText(page, 'password'), /Sterk/);
		await page.fill('#postcode', '7811 AB');
		await page.check('#accept_terms');
		await page.click('#register-form button[type=submit]');
		const err = page.locator('.field[data-field="password"] .field-error');
		await err.waitFor({ state: 'visible' });
		assert.match(await err.textContent(), /Dit wachtwoord is te makkelijk te raden/);
		const described = (await page.getAttribute('#password', 'aria-describedby')).split(' ');
		assert.ok(described.includes(await err.getAttribute('id')) && described.includes('password-strength-text'),
			'the field names its error and still its meter');
		// The meter follows the judge: that password is weak now.
		await page.locator('#password-strength-text', { hasText: 'Zwak' }).waitFor();
		assert.match(await meterText(page, 'password'), /^Wachtwoordsterkte: Zwak\. Dit lijkt op een veelgebruikt wachtwoord/);
		await checkAxe(page, 'registreren.html refused as common');
		await screenshot(page, 'passwords-register-refused');
		assertNoScriptErrors(page);
	} finally {
		await context.close();
	}
});

test('the password change page has the meter too', async () => {
	const u = await apiRegister({ tag: 'strength-change' });
	const c = new ApiClient();
	await c.login(u.email, u.password);
	const { context, page } = await newPage(browser, { lang: 'nl' });
	try {
		await context.addCookies([{ name: 'bh_session', value: c.cookie.split('=')[1], url: BASE, httpOnly: true, sameSite: 'Lax' }]);
		await open(page, '/wachtwoord-wijzigen.html');
		await typeInto(page, '#new_password', 'welkom2024!!');
		assert.match(await meterText(page, 'new_password'), /^Wachtwoordsterkte: Zwak/);
		await page.fill('#current_password', u.password);
		await page.fill('#password_repeat', 'welkom2024!!');
		await page.click('#password-form button[type=submit]');
		const err = page.locator('.field[data-field="new_password"] .field-error');
		await err.waitFor({ state: 'visible' });
		assert.match(await err.textContent(), /te makkelijk te raden/);
		await checkAxe(page, 'wachtwoord-wijzigen.html with the strength meter');
		assertNoScriptErrors(page);
	} finally {
		await context.close();
	}
});

test('the reset page has the meter too', async () => {
	const { context, page } = await newPage(browser, { lang: 'nl' });
	try {
		// The meter needs no valid token: the page shows the form for any.
		await open(page, '/wachtwoord-herstellen.html#token=' + 'x'.repeat(43));
		await typeInto(page, '#password', 'qwertyuiop');
		assert.match(await meterText(page, 'password'), /^Wachtwoordsterkte: Zwak/);
		await typeInto(page, '#password', 'zeven vrolijke slakken');
		assert.match(await meterText(page, 'password'), /^Wachtwoordsterkte: Sterk/);
		await checkAxe(page, 'wachtwoord-herstellen.html with the strength meter');
		assertNoScriptErrors(page);
	} finally {
		await context.close();
	}
});

test('an admin logs a user out everywhere from the user\'s card; the user\'s next request is 401', async () => {
	const u = await apiRegister({ tag: 'logout-all', name: 'Uitlog Test' });
	const user = new ApiClient();
	await user.login(u.email, u.password);
	assert.equal((await user.call('GET', '/me')).status, 200);
	const admin = new ApiClient();
	await admin.login(ADMIN);
	const { context, page } = await newPage(browser, { lang: 'nl' });
	try {
		await context.addCookies([{ name: 'bh_session', value: admin.cookie.split('=')[1], url: BASE, httpOnly: true, sameSite: 'Lax' }]);
		await open(page, '/admin/gebruikers.html');
		await page.fill('#q', u.email);
		await page.click('#users-search button[type=submit]');
		await page.locator('#users-count', { hasText: '1 gebruiker gevonden' }).waitFor();
		const card = page.locator('#users li.card', { hasText: 'Uitlog Test' });
		// With the keyboard: the button, then the question, then yes.
		await card.getByRole('button', { name: 'Overal uitloggen' }).focus();
		await page.keyboard.press('Enter');
		await card.getByText('Uitlog Test overal uitloggen?').waitFor();
		assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()), 'Ja, overal uitloggen');
		await checkAxe(page, 'gebruikers.html asking to log out everywhere');
		await screenshot(page, 'passwords-admin-logout-question');
		await page.keyboard.press('Enter');
		await page.locator('#users-live', { hasText: 'Uitlog Test is overal uitgelogd.' }).waitFor();
		assert.equal((await user.call('GET', '/me')).status, 401, 'the user is logged out at once');
		assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()), 'Overal uitloggen',
			'focus goes back to the button');
		await screenshot(page, 'passwords-admin-logout-done');
		assertNoScriptErrors(page);
	} finally {
		await context.close();
	}
});
