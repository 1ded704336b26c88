// Every page in both languages: axe (WCAG 2.0/2.1 A and AA) finds nothing,
// also with a form's errors showing; no script errors; no sideways scrolling
// at 375 px nor with text at 200 %; screenshots of the main pages at 375 and
// 1280 px into tests/results/screenshots/.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	launch, newPage, open, checkAxe, screenshot, assertNoScriptErrors, apiRegister, ApiClient, BASE,
} from './lib/browser.mjs';

const ANONYMOUS = [
	'/',
	'/registreren.html',
	'/inloggen.html',
	'/wachtwoord-vergeten.html',
	'/wachtwoord-herstellen.html#token=abc',
	'/wachtwoord-herstellen.html',
	'/hulpvraag.html?id=AAAAAAAAAAAAAAAAAAAAAA',
	'/email-bevestigen.html#token=abc',
	'/email-bevestigen.html',
	'/afmelden.html#token=abc',
	'/afmelden.html',
	'/vacatures.html',
	'/vacature.html?id=AAAAAAAAAAAAAAAAAAAAAA',
];
const LOGGED_IN = [
	'/',
	'/profiel.html',
	'/wachtwoord-wijzigen.html',
	'/account-verwijderen.html',
	'/hulpvraag-plaatsen.html',
	'/mijn-hulpvragen.html',
	'/suggesties.html',
	'/mijn-aanbod.html',
	'/aanbod.html',
	'/mijn-matches.html',
	'/melden.html',
	'/melden.html?type=user&id=AAAAAAAAAAAAAAAAAAAAAA',
	'/match.html?id=AAAAAAAAAAAAAAAAAAAAAA',
	'/meldingen.html',
	'/meldingen.html?unread=true',
	'/vacatures.html',
	'/vacature-gesprek.html?id=AAAAAAAAAAAAAAAAAAAAAA',
	'/email-bevestigen.html#token=abc',
	'/afmelden.html#token=abc',
];
// Forms whose error state is checked too: page → form.
const FORMS = new Map([
	['/registreren.html', '#register-form'],
	['/inloggen.html', '#login-form'],
	['/hulpvraag-plaatsen.html', '#request-form'],
	['/aanbod.html', '#offer-form'],
]);
const SHOTS = ['/', '/registreren.html', '/inloggen.html', '/hulpvraag-plaatsen.html', '/mijn-hulpvragen.html',
	'/aanbod.html', '/suggesties.html', '/profiel.html', '/meldingen.html'];

let browser;
let user;
before(async () => {
	browser = await launch();
	user = await apiRegister({ tag: 'pages', roles: ['resident', 'caregiver', 'volunteer'], name: 'Alle Rollen' });
});
after(async () => { await browser?.close(); });

async function loggedInContext(lang) {
	const api = new ApiClient();
	await api.login(user.email, user.password);
	const { context, page } = await newPage(browser, { lang });
	await context.addCookies([{ name: 'bh_session', value: api.cookie.split('=')[1], url: BASE, httpOnly: true, sameSite: 'Lax' }]);
	return { context, page };
}

function shotName(path, suffix) {
	const base = path === '/' ? 'home' : path.replace(/^\//, '').replace(/\.html.*$/, '');
	return `${base}-${suffix}`;
}

async function noSidewaysScroll(page, label) {
	const over = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
	assert.ok(over <= 0, `${label}: the page scrolls sideways by ${over}px`);
}

// One page: axe; in Dutch also its form's error state, its screenshots at
// 1280 and 375 px, no sideways scrolling at 375 px nor with text at 200 %.
async function checkPage(page, path, lang, who = '') {
	await open(page, path);
	assert.equal(await page.getAttribute('html', 'lang'), lang, path);
	assert.equal(await page.locator('h1').count(), 1, `${path}: one h1`);
	await checkAxe(page, `${path} (${lang})`);
	if (lang !== 'nl')
		return;
	if (SHOTS.includes(path)) {
		await screenshot(page, shotName(path, `${who}1280`));
		await page.setViewportSize({ width: 375, height: 812 });
		await noSidewaysScroll(page, `${path} at 375 px`);
		await screenshot(page, shotName(path, `${who}375`));
		await page.setViewportSize({ width: 1280, height: 900 });
		await page.evaluate(() => { document.documentElement.style.fontSize = '200%'; });
		await noSidewaysScroll(page, `${path} with text at 200 %`);
		await page.evaluate(() => { document.documentElement.style.fontSize = ''; });
	}
	const form = FORMS.get(path);
	if (form) {
		await page.click(`${form} button[type=submit]`);
		await page.locator(`${form} [data-error-summary]`).waitFor({ state: 'visible' });
		assert.ok(await page.locator(`${form} .field-error:visible`).count() > 0, `${path}: errors shown`);
		await checkAxe(page, `${path} with errors (${lang})`);
	}
}

for (const lang of ['nl', 'en']) {
	test(`the public pages in ${lang}`, async () => {
		const { context, page } = await newPage(browser, { lang });
		try {
			for (const path of ANONYMOUS)
				await checkPage(page, path, lang);
			assertNoScriptErrors(page);
		} finally {
			await context.close();
		}
	});

	test(`the pages of a logged-in user in ${lang}`, async () => {
		const { context, page } = await loggedInContext(lang);
		try {
			for (const path of LOGGED_IN) {
				await checkPage(page, path, lang, path === '/' ? 'ingelogd-' : '');
				assert.ok(await page.locator('#logout-button').count(), `${path}: logged in`);
			}
			assertNoScriptErrors(page);
		} finally {
			await context.close();
		}
	});
}

test('the menu on a narrow screen opens and closes with its button', async () => {
	const { context, page } = await newPage(browser, { lang: 'nl', width: 375, height: 812 });
	try {
		await open(page, '/');
		assert.equal(await page.isVisible('#site-nav'), false);
		await page.click('#menu-toggle');
		assert.equal(await page.getAttribute('#menu-toggle', 'aria-expanded'), 'true');
		assert.equal(await page.isVisible('#site-nav a[href="/inloggen.html"]'), true);
		await screenshot(page, 'home-menu-375');
		await checkAxe(page, 'home with the menu open at 375 px');
		await page.click('#menu-toggle');
		assert.equal(await page.isVisible('#site-nav'), false);
	} finally {
		await context.close();
	}
});
