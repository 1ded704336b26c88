// The easy-to-read mode (taalniveau B1, "makkelijk lezen", issue 19 part 1)
// in Chromium: the switch in the header (a toggle with aria-pressed, worked
// with the keyboard) is remembered over a reload and across pages, shows the
// texts of web/i18n/nl-b1.json and the larger look of web/css/easy.css; axe
// finds nothing on the main pages in B1 at 375 and 1280 px, and nothing
// overflows sideways; an older resident registers, posts a request and
// follows it to completion with the mode on. Screenshots: b1-*.png.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
	launch, newPage, open, ready, checkAxe, screenshot, assertNoScriptErrors, apiRegister, uniqueEmail, ApiClient, BASE, REPO,
} from './lib/browser.mjs';
import { verifyLink } from './lib/mail.mjs';

const B1 = JSON.parse(readFileSync(join(REPO, 'web', 'i18n', 'nl-b1.json'), 'utf8'));
const NL = JSON.parse(readFileSync(join(REPO, 'web', 'i18n', 'nl.json'), 'utf8'));
/** A B1 text with {name}-style placeholders filled in (no formats needed here). */
function b1(key, vars = {}) {
	const v = key.split('.').reduce((o, k) => o[k], B1);
	return v.replace(/\{(\w+)\}/g, (_, n) => vars[n]);
}

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** A page whose browser already chose the easy mode. */
async function easyPage(options = {}) {
	const p = await newPage(browser, options);
	await p.context.addInitScript(() => localStorage.setItem('bh_easy', '1'));
	return p;
}

async function noSidewaysScroll(page, label) {
	const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
	assert.ok(scroll <= width, `${label}: page ${scroll} px wide in a ${width} px window`);
}

test('the switch: by keyboard, aria-pressed, B1 texts and the larger look, kept over a reload and on other pages, off again', async () => {
	const { context, page } = await newPage(browser);
	try {
		await open(page, '/');
		const toggle = page.locator('#easy-toggle');
		assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
		assert.equal((await toggle.textContent()).trim(), 'Makkelijk lezen');
		assert.equal((await page.textContent('h1')).trim(), NL.home.h1);
		const before = await page.evaluate(() => ({
			size: parseFloat(getComputedStyle(document.body).fontSize),
			line: parseFloat(getComputedStyle(document.body).lineHeight),
		}));

		// Switched on with the keyboard: Tab to it, Enter.
		await toggle.focus();
		await page.keyboard.press('Enter');
		await page.waitForFunction(() => document.documentElement.classList.contains('easy'));
		await page.waitForFunction((h) => document.querySelector('h1').textContent.trim() === h, B1.home.h1);
		assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
		assert.equal(await page.evaluate(() => document.activeElement.id), 'easy-toggle', 'focus stays on the switch');
		assert.equal((await page.textContent('#site-nav a[aria-current="page"]')).trim(), B1.nav.home);
		assert.equal((await page.textContent('[data-i18n="home.how1"]')).trim(), B1.home.how1, 'hulpvraag explained');
		const after = await page.evaluate(() => ({
			size: parseFloat(getComputedStyle(document.body).fontSize),
			line: parseFloat(getComputedStyle(document.body).lineHeight),
			icon: getComputedStyle(document.querySelector('a.button'), '::before').maskImage
				|| getComputedStyle(document.querySelector('a.button'), '::before').webkitMaskImage,
		}));
		assert.ok(after.size >= 1.25 * before.size - 0.01, `text ${before.size} → ${after.size} px: at least 1.25×`);
		assert.ok(after.line / after.size > before.line / before.size, 'more line height');
		assert.match(after.icon, /^url\("data:image\/svg\+xml/, 'an icon beside an action');
		// No word of the page says "match" in B1.
		assert.doesNotMatch(await page.textContent('body'), /\bmatch/i);

		// Kept over a reload, and on another page.
		await page.reload();
		await ready(page);
		assert.equal(await page.locator('#easy-toggle').getAttribute('aria-pressed'), 'true');
		assert.equal((await page.textContent('h1')).trim(), B1.home.h1);
		assert.equal(await page.evaluate(() => document.documentElement.classList.contains('easy')), true);
		await open(page, '/registreren.html');
		assert.equal((await page.textContent('h1')).trim(), B1.register.h1);
		assert.equal((await page.textContent('#register-form button[type=submit]')).trim(), B1.register.submit);
		await screenshot(page, 'b1-registreren-1280');

		// In English the look stays, the words are English (the layer is Dutch).
		await page.click('#lang-switch');
		await page.waitForFunction(() => document.documentElement.lang === 'en');
		assert.equal((await page.locator('#easy-toggle').textContent()).trim(), 'Easy to read');
		assert.equal(await page.evaluate(() => document.documentElement.classList.contains('easy')), true);
		assert.doesNotMatch(await page.textContent('h1'), new RegExp(B1.register.h1));
		await page.click('#lang-switch');
		await page.waitForFunction(() => document.documentElement.lang === 'nl');
		assert.equal((await page.textContent('h1')).trim(), B1.register.h1, 'back in Dutch: B1 again');

		// Off with Space: the ordinary Dutch, the ordinary size, remembered.
		await page.locator('#easy-toggle').focus();
		await page.keyboard.press('Space');
		await page.waitForFunction(() => !document.documentElement.classList.contains('easy'));
		assert.equal(await page.locator('#easy-toggle').getAttribute('aria-pressed'), 'false');
		assert.equal((await page.textContent('h1')).trim(), NL.register.h1);
		await page.reload();
		await ready(page);
		assert.equal((await page.textContent('h1')).trim(), NL.register.h1);
		assert.equal(await page.evaluate(() => localStorage.getItem('bh_easy')), null);
		assertNoScriptErrors(page);
	} finally {
		await context.close();
	}
});

test('the admin has no switch (not a public page) and stays ordinary Dutch', async () => {
	const { context, page } = await easyPage();
	try {
		await open(page, '/inloggen.html');
		assert.equal(await page.locator('#easy-toggle').count(), 1);
		const moderator = new ApiClient();
		await moderator.login('moderator@demo.burenhulp.nl');
		await context.addCookies([{ name: 'bh_session', value: moderator.cookie.split('=')[1], url: BASE }]);
		await open(page, '/admin/');
		assert.equal(await page.locator('#easy-toggle').count(), 0);
		assert.equal(await page.evaluate(() => document.documentElement.classList.contains('easy')), false);
	} finally {
		await context.close();
	}
});

// The public pages, and those of a logged-in resident, in B1.
const PUBLIC = ['/', '/registreren.html', '/inloggen.html', '/wachtwoord-vergeten.html', '/aanbod-zoeken.html',
	'/hulpvraag.html?id=AAAAAAAAAAAAAAAAAAAAAA', '/email-bevestigen.html#token=abc', '/voorwaarden.html', '/privacy.html', '/404.html'];
const RESIDENT = ['/hulpvraag-plaatsen.html', '/mijn-hulpvragen.html', '/profiel.html', '/meldingen.html'];

for (const width of [375, 1280]) {
	test(`axe finds nothing on the main pages in B1 at ${width} px, nothing overflows sideways`, async () => {
		const resident = await apiRegister({ tag: `b1axe${width}`, roles: ['resident'], name: 'Gerda' });
		const { context, page } = await easyPage({ width });
		try {
			for (const path of PUBLIC) {
				await open(page, path);
				assert.equal(await page.evaluate(() => document.documentElement.classList.contains('easy')), true, path);
				await checkAxe(page, `${path} in B1 at ${width} px`);
				await noSidewaysScroll(page, `${path} at ${width} px`);
			}
			await open(page, '/');
			await screenshot(page, `b1-home-${width}`);
			const api = new ApiClient();
			await api.login(resident.email, resident.password);
			await context.addCookies([{ name: 'bh_session', value: api.cookie.split('=')[1], url: BASE }]);
			for (const path of RESIDENT) {
				await open(page, path);
				await checkAxe(page, `${path} (resident) in B1 at ${width} px`);
				await noSidewaysScroll(page, `${path} at ${width} px`);
			}
			await open(page, '/hulpvraag-plaatsen.html');
			await screenshot(page, `b1-hulpvraag-plaatsen-${width}`);
			// The language menu opened, in B1.
			await page.click('#lang-menu-toggle');
			await checkAxe(page, `language menu in B1 at ${width} px`);
			assertNoScriptErrors(page);
		} finally {
			await context.close();
		}
	});
}

test('an older resident in B1 mode registers, asks for help and follows it to the end', async () => {
	const moderator = new ApiClient();
	await moderator.login('moderator@demo.burenhulp.nl');
	const vera = await apiRegister({ tag: 'b1vol', roles: ['volunteer'], name: 'Vera' });
	const { context, page: g } = await newPage(browser, { width: 375, height: 812 });
	try {
		// ---- Gerrit (78) finds the switch and registers ---------------------
		await open(g, '/');
		await g.locator('#easy-toggle').click();
		await g.waitForFunction((h) => document.querySelector('h1').textContent.trim() === h, B1.home.h1);
		await screenshot(g, 'b1-start-375');
		await Promise.all([g.waitForURL(/registreren\.html\?role=resident/), g.getByRole('link', { name: B1.home.cta_help }).click()]);
		await ready(g);
		assert.equal(await g.isChecked('#role-resident'), true);
		assert.equal((await g.textContent('label[for="role-resident"]')).trim(), B1.roles.resident.choice);
		const email = uniqueEmail('gerrit');
		await g.fill('#display_name', 'Gerrit');
		await g.fill('#email', email);
		await g.fill('#password', 'mijn-tuin-is-mooi');
		await g.fill('#postcode', '7811');
		// The empty terms box is said in B1, beside the field.
		await g.click('#register-form button[type=submit]');
		await g.locator('#register-form [data-error-summary]').waitFor({ state: 'visible' });
		assert.match(await g.textContent('#register-form'), new RegExp(b1('errors.field.accept_terms.required').slice(0, 20)));
		await checkAxe(g, 'registreren.html with an error, B1');
		await g.check('#accept_terms');
		await Promise.all([g.waitForURL(`${BASE}/`), g.click('#register-form button[type=submit]')]);
		await ready(g);
		assert.match(await g.textContent('main [role=status]'), /U heeft nu een account/);
		if (await g.locator('#verify-banner').count()) {
			assert.equal((await g.textContent('.verify-banner-text')).trim(), B1.verify.banner);
			await g.goto((await verifyLink(email)).url);
			await ready(g);
			assert.match(await g.textContent('main'), new RegExp(B1.verify.done.slice(0, 30)));
		}

		// ---- he asks for help ---------------------------------------------------
		await open(g, '/');
		await g.click('#menu-toggle');
		await g.click(`#site-nav a[href="/hulpvraag-plaatsen.html"]`);
		await ready(g);
		assert.equal((await g.textContent('h1')).trim(), B1.post.h1);
		assert.match(await g.textContent('main'), /Dat heet een hulpvraag/);
		assert.equal((await g.textContent('fieldset.private legend')).trim(), B1.post.private_legend);
		await g.fill('#title', 'Hulp bij de tuin');
		await g.selectOption('#category', { index: 1 });
		await g.fill('#description', 'Het gras maaien. Eén keer per week. Een uur.');
		await g.fill('#address', 'Kerkstraat 3, Emmen');
		await checkAxe(g, 'hulpvraag-plaatsen.html filled in, B1');
		await screenshot(g, 'b1-hulpvraag-ingevuld-375');
		await Promise.all([g.waitForURL(/mijn-hulpvragen\.html/), g.click('#request-submit')]);
		await ready(g);
		assert.match(await g.textContent('main [role=status]'), /Wij hebben uw vraag|Uw vraag staat op de site/);
		const card = g.locator('#myrequests-list li.card').first();
		assert.match(await card.textContent(), /Hulp bij de tuin/);
		const requestId = new URL(await card.locator('h2 a').getAttribute('href'), BASE).searchParams.get('id');
		if (/wij kijken er nog naar/.test(await card.textContent())) {
			const r = await moderator.call('POST', `/requests/${requestId}/review`, { decision: 'approve' });
			assert.equal(r.status, 200, JSON.stringify(r.data));
		}

		// ---- a volunteer offers to help; he says yes ---------------------------
		const veraApi = new ApiClient();
		await veraApi.login(vera.email, vera.password);
		const m = await veraApi.call('POST', '/matches', { request_id: requestId, message: 'Ik maai graag uw gras. Woensdag kan ik.' });
		assert.equal(m.status, 201, JSON.stringify(m.data));
		await open(g, '/mijn-hulpvragen.html');
		const resp = g.locator(`#r-${requestId} li.card`, { hasText: 'Vera' });
		assert.match(await resp.textContent(), new RegExp(b1('myrequests.response_from', { name: 'Vera' })));
		assert.match(await resp.textContent(), new RegExp(B1.status.match.responded));
		await checkAxe(g, 'mijn-hulpvragen.html with a response, B1');
		await screenshot(g, 'b1-iemand-wil-helpen-375');
		await resp.getByRole('button', { name: b1('myrequests.accept', { name: 'Vera' }) }).click();
		await g.locator('#myrequests-status .notice-ok').waitFor();
		assert.equal((await g.textContent('#myrequests-status .notice-ok')).trim(), b1('myrequests.accepted', { name: 'Vera' }));
		assert.match(await g.locator(`#r-${requestId}`).textContent(), new RegExp(B1.status.request.matched));

		// ---- messages, then he says the help is done --------------------------
		await open(g, `/match.html?id=${m.data.match.id}`);
		assert.equal((await g.textContent('#messages-heading')).trim(), B1.match.messages_heading);
		await g.fill('#body', 'Dank u. Tot woensdag.');
		await g.click('#message-form button[type=submit]');
		await g.locator('#messages-list li.message-mine', { hasText: 'Tot woensdag' }).waitFor();
		assert.match(await g.textContent('#messages-status'), new RegExp(B1.match.message_sent));
		assert.match(await g.textContent('main'), new RegExp(B1.match.complete_heading.replace('?', '\\?')));
		await checkAxe(g, 'match.html as the requester, B1');
		await screenshot(g, 'b1-hulp-en-berichten-375');
		await g.fill('#complete-form-hours', '1');
		await g.fill('#complete-form-thanks', 'Het gras is mooi. Dank u wel!');
		await g.click('#complete-form button[type=submit]');
		await g.locator('#actions-status .notice-ok').waitFor();
		assert.equal((await g.textContent('#actions-status .notice-ok')).trim(), B1.match.completed_ok);
		await open(g, '/mijn-hulpvragen.html');
		assert.match(await g.locator(`#r-${requestId}`).textContent(), new RegExp(B1.status.request.completed));
		await checkAxe(g, 'mijn-hulpvragen.html done, B1');
		await screenshot(g, 'b1-klaar-375');
		assert.doesNotMatch(await g.textContent('body'), /\bmatch/i, 'B1 never says "match"');
		assertNoScriptErrors(g);
	} finally {
		await context.close();
	}
});
