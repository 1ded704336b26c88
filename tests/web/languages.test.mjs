// The languages of the neighbourhood in Chromium (issue 19 part 2): the
// main pages in each of the six languages at 375 and 1280 px with axe
// (WCAG 2.1 AA), <html lang> and dir right, nothing wider than the window;
// Arabic right to left: the navigation starts on the right, the text is
// aligned to the right; screenshots in both directions (lang-*.png). The
// language menu by keyboard, with "vertaling nog niet nagekeken" (in the
// page's language) beside the languages nobody has checked, and the choice
// kept on the account.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	launch, newPage, open, checkAxe, screenshot, assertNoScriptErrors, apiRegister, ApiClient, BASE,
} from './lib/browser.mjs';

const LANGS = ['nl', 'en', 'tr', 'ar', 'pl', 'uk'];
const ANONYMOUS = ['/', '/registreren.html', '/inloggen.html', '/mantelzorg.html'];
const LOGGED_IN = ['/hulpvraag-plaatsen.html', '/mijn-hulpvragen.html', '/profiel.html', '/aanbod.html'];
// The note beside an unchecked language, in the page's language.
const UNCHECKED = { nl: 'vertaling nog niet nagekeken', tr: 'çeviri henüz kontrol edilmedi', ar: 'الترجمة لم تُراجَع بعد' };

let browser;
let user;
before(async () => {
	browser = await launch();
	user = await apiRegister({ tag: 'langs', roles: ['resident', 'caregiver', 'volunteer'], name: 'Alle Talen' });
});
after(async () => { await browser?.close(); });

async function loggedIn(lang, width, who = user) {
	const api = new ApiClient();
	await api.login(who.email, who.password);
	const { context, page } = await newPage(browser, { lang, width, height: 900 });
	await context.addCookies([{ name: 'bh_session', value: api.cookie.split('=')[1], url: BASE, httpOnly: true, sameSite: 'Lax' }]);
	return { context, page, api };
}

function shotName(path, lang, width) {
	const base = path === '/' ? 'home' : path.replace(/^\//, '').replace(/\.html.*$/, '');
	return `lang-${lang}-${base}-${width}`;
}

async function checkPage(page, path, lang, width) {
	await open(page, path);
	assert.equal(await page.getAttribute('html', 'lang'), lang, `${path} lang`);
	assert.equal(await page.getAttribute('html', 'dir'), lang === 'ar' ? 'rtl' : 'ltr', `${path} dir`);
	const over = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
	assert.ok(over <= 0, `${path} in ${lang} at ${width} px is ${over} px wider than the window`);
	// No key left untranslated (t() shows a missing key as itself).
	const raw = await page.evaluate(() => document.body.innerText.match(/\b[a-z_]+\.[a-z_]+\.[a-z_.]+\b/g) || []);
	assert.deepEqual(raw.filter((k) => !k.includes('burenhulp') && !k.includes('geonames') && !k.includes('example')), [], `${path} in ${lang}: raw keys`);
	await checkAxe(page, `${path} (${lang}, ${width} px)`);
	if (path === '/' || path === '/hulpvraag-plaatsen.html')
		await screenshot(page, shotName(path, lang, width));
}

for (const lang of LANGS) {
	for (const width of [375, 1280]) {
		test(`the main pages in ${lang} at ${width} px: lang, dir, axe, no sideways scrolling`, async () => {
			const anon = await newPage(browser, { lang, width, height: 900 });
			for (const path of ANONYMOUS)
				await checkPage(anon.page, path, lang, width);
			assertNoScriptErrors(anon.page);
			await anon.context.close();
			const { context, page } = await loggedIn(lang, width);
			for (const path of LOGGED_IN)
				await checkPage(page, path, lang, width);
			assertNoScriptErrors(page);
			await context.close();
		});
	}
}

test('Arabic mirrors the layout: the navigation and the brand start on the right, text aligns right', async () => {
	const rects = {};
	for (const lang of ['nl', 'ar']) {
		const { context, page } = await newPage(browser, { lang, width: 1280 });
		await open(page, '/');
		rects[lang] = await page.evaluate(() => {
			const r = (sel) => document.querySelector(sel).getBoundingClientRect();
			return {
				brand: r('.brand'), firstNav: r('#site-nav li:first-child a'), tools: r('.header-tools'), h1: r('main h1'),
				align: getComputedStyle(document.querySelector('main p')).textAlign, direction: getComputedStyle(document.body).direction,
				width: innerWidth,
			};
		});
		await screenshot(page, `lang-direction-${lang}-1280`);
		await context.close();
	}
	const { nl, ar } = rects;
	assert.equal(ar.direction, 'rtl');
	assert.equal(nl.direction, 'ltr');
	assert.ok(nl.firstNav.left < nl.width / 2 && nl.brand.left < nl.width / 2, 'Dutch: the navigation starts on the left');
	assert.ok(ar.firstNav.right > ar.width / 2 && ar.brand.right > ar.width / 2, 'Arabic: the navigation starts on the right');
	assert.ok(ar.tools.left < ar.width / 2, 'Arabic: the buttons are on the left');
	assert.ok(Math.abs((ar.width - ar.firstNav.right) - nl.firstNav.left) < 2, 'the same margin, mirrored');
	assert.ok(Math.abs((ar.width - ar.h1.right) - nl.h1.left) < 2, 'the heading starts on the mirrored side');
	assert.ok(['start', 'right'].includes(ar.align));
});

test('the language menu by keyboard: every language in its own name, the unchecked ones say so, the choice is kept on the account', async () => {
	const u = await apiRegister({ tag: 'langmenu', roles: ['caregiver'], name: 'Ayşe Test' });
	const { context, page, api } = await loggedIn(undefined, 1280, u);
	await open(page, '/');
	assert.equal(await page.getAttribute('html', 'lang'), 'nl');
	await page.focus('#lang-menu-toggle');
	await page.keyboard.press('Enter');
	assert.equal(await page.getAttribute('#lang-menu-toggle', 'aria-expanded'), 'true');
	assert.equal(await page.evaluate(() => document.activeElement.dataset.lang), 'nl', 'focus on the current language');
	const items = await page.$$eval('#lang-menu li', (lis) => lis.map((li) => ({
		lang: li.querySelector('button').lang, name: li.querySelector('button').textContent, note: li.querySelector('.lang-note')?.textContent ?? null,
	})));
	assert.deepEqual(items.map((i) => i.lang), ['nl', 'en', 'tr', 'ar', 'pl', 'uk']);
	assert.deepEqual(items.map((i) => i.name), ['Nederlands', 'English', 'Türkçe', 'العربية', 'Polski', 'Українська']);
	assert.deepEqual(items.map((i) => i.note), [null, null, UNCHECKED.nl, UNCHECKED.nl, UNCHECKED.nl, UNCHECKED.nl]);
	await checkAxe(page, 'the language menu open (nl)');
	await screenshot(page, 'lang-menu-nl-1280');

	// Tab to Türkçe and choose it.
	await page.keyboard.press('Tab');
	await page.keyboard.press('Tab');
	assert.equal(await page.evaluate(() => document.activeElement.dataset.lang), 'tr');
	await page.keyboard.press('Enter');
	await page.waitForFunction(() => document.documentElement.lang === 'tr');
	assert.equal(await page.evaluate(() => document.activeElement.id), 'lang-menu-toggle', 'focus back on the toggle');
	assert.match(await page.textContent('h1'), /komşulardan komşulara/);
	assert.equal(await page.evaluate(() => localStorage.getItem('bh_lang')), 'tr');
	await page.evaluate(() => import('/js/page.js').then((m) => m.localeSaved()));
	assert.equal((await api.call('GET', '/me')).data.user.locale, 'tr', 'kept on the account');
	// The note is now in Turkish.
	await page.click('#lang-menu-toggle');
	assert.equal(await page.textContent('#lang-note-ar'), UNCHECKED.tr);
	// Escape closes the menu.
	await page.keyboard.press('Escape');
	assert.equal(await page.isVisible('#lang-menu'), false);

	// Arabic from the menu: right to left at once; the note in Arabic.
	await page.click('#lang-menu-toggle');
	await page.click('#lang-menu [data-lang="ar"]');
	await page.waitForFunction(() => document.documentElement.dir === 'rtl');
	await page.click('#lang-menu-toggle');
	assert.equal(await page.textContent('#lang-note-tr'), UNCHECKED.ar);
	await checkAxe(page, 'the language menu open (ar)');
	await screenshot(page, 'lang-menu-ar-1280');
	// The quick switch still goes back to Dutch.
	await page.click('#lang-switch');
	await page.waitForFunction(() => document.documentElement.lang === 'nl' && document.documentElement.dir === 'ltr');
	assertNoScriptErrors(page);
	await context.close();

	// On another device (no choice in this browser) the account's language applies.
	await api.call('PATCH', '/me', { locale: 'uk' });
	const other = await loggedIn(undefined, 1280, u);
	await open(other.page, '/');
	await other.page.waitForFunction(() => document.documentElement.lang === 'uk');
	await other.context.close();
});

test('the admin keeps Dutch and English: a Turkish choice shows it in Dutch, with the quick switch only', async () => {
	const c = new ApiClient();
	await c.login('admin@demo.burenhulp.nl');
	const { context, page } = await newPage(browser, { lang: 'tr' });
	await context.addCookies([{ name: 'bh_session', value: c.cookie.split('=')[1], url: BASE, httpOnly: true, sameSite: 'Lax' }]);
	await open(page, '/admin/');
	assert.equal(await page.getAttribute('html', 'lang'), 'nl');
	assert.equal(await page.getAttribute('html', 'dir'), 'ltr');
	assert.equal(await page.locator('#lang-menu-toggle').count(), 0);
	assert.equal(await page.evaluate(() => localStorage.getItem('bh_lang')), 'tr', 'the choice stays for the site');
	assertNoScriptErrors(page);
	await context.close();
});

// ------------------------------------------------------- user content (part 3)

async function approve(id) {
	const mod = new ApiClient();
	await mod.login('moderator@demo.burenhulp.nl');
	const r = await mod.call('POST', `/requests/${id}/review`, { decision: 'approve' });
	assert.equal(r.status, 200, JSON.stringify(r.data));
}

test('a request written in Turkish is shown with lang="tr" on a Dutch page; the form asked her language', async () => {
	const u = await apiRegister({ tag: 'turks', roles: ['caregiver'], name: 'Ayşe', locale: 'tr' });
	const { context, page } = await loggedIn(undefined, 1280, u);
	await open(page, '/hulpvraag-plaatsen.html');
	assert.equal(await page.getAttribute('html', 'lang'), 'tr', 'her account is Turkish');
	assert.equal(await page.isVisible('#lang'), true, 'the form asks the language');
	assert.equal(await page.inputValue('#lang'), 'tr');
	await checkAxe(page, 'hulpvraag-plaatsen.html with the language field (tr)');
	const title = `Annem için alışveriş ${Date.now().toString(36)}`;
	await page.check('#for-self');
	await page.fill('#title', title);
	await page.selectOption('#category', 'shopping');
	await page.fill('#description', 'Annem için haftada bir alışverişe yardım eden biri arıyorum.');
	await page.fill('#postcode', '7811');
	await Promise.all([page.waitForURL(/mijn-hulpvragen/), page.click('#request-form button[type=submit]')]);
	await page.locator('#myrequests-list li', { hasText: title }).waitFor();
	const id = (await page.getAttribute(`#myrequests-list li:has-text("${title}")`, 'id')).replace(/^r-/, '');
	assert.equal(await page.getAttribute(`#r-${id} h2 a`, 'lang'), 'tr');
	await context.close();
	await approve(id);

	// A Dutch visitor: the request keeps its language on the Dutch page.
	const anon = await newPage(browser, { lang: 'nl' });
	await open(anon.page, `/hulpvraag.html?id=${id}`);
	assert.equal(await anon.page.getAttribute('html', 'lang'), 'nl');
	assert.equal(await anon.page.getAttribute('#request-title', 'lang'), 'tr');
	assert.equal(await anon.page.getAttribute('#request-title', 'dir'), 'auto');
	assert.equal(await anon.page.getAttribute('.description', 'lang'), 'tr');
	await checkAxe(anon.page, 'a Turkish request on a Dutch page');
	// The list on the home page marks every request's language (which of
	// the many test requests comes first depends on what else is there).
	await open(anon.page, '/?near=7811&radius_km=10');
	await anon.page.locator('#requests-list h3 a').first().waitFor();
	const langs = await anon.page.$$eval('#requests-list h3 a', (as) => as.map((a) => [a.lang, a.dir]));
	assert.ok(langs.length > 0);
	for (const [l, d] of langs) {
		assert.ok(['nl', 'en', 'tr', 'ar', 'pl', 'uk'].includes(l), `lang ${l}`);
		assert.equal(d, 'auto');
	}
	await anon.context.close();
});

test('a Dutch resident is asked nothing, but may say she writes in Arabic: right to left on a Dutch page', async () => {
	const u = await apiRegister({ tag: 'arab', roles: ['resident'], name: 'Fatima' });
	const { context, page } = await loggedIn('nl', 1280, u);
	await open(page, '/hulpvraag-plaatsen.html');
	assert.equal(await page.isVisible('#lang'), false, 'Dutch page, Dutch account: not asked');
	await page.click('#lang-other');
	assert.equal(await page.isVisible('#lang'), true);
	assert.equal(await page.evaluate(() => document.activeElement.id), 'lang');
	await page.selectOption('#lang', 'ar');
	const title = `مساعدة في التسوق ${Date.now().toString(36)}`;
	await page.fill('#title', title);
	await page.selectOption('#category', 'shopping');
	await page.fill('#description', 'أبحث عن جار يساعدني في التسوق مرة في الأسبوع.');
	await page.fill('#postcode', '7811');
	await Promise.all([page.waitForURL(/mijn-hulpvragen/), page.click('#request-form button[type=submit]')]);
	const a = page.locator('#myrequests-list a', { hasText: title });
	await a.waitFor();
	assert.equal(await a.getAttribute('lang'), 'ar');
	const dir = await a.evaluate((e) => getComputedStyle(e).direction);
	assert.equal(dir, 'rtl', 'dir="auto" runs Arabic right to left on a Dutch page');
	await checkAxe(page, 'mijn-hulpvragen.html with an Arabic request');
	await screenshot(page, 'lang-user-content-ar-on-nl');
	assertNoScriptErrors(page);
	await context.close();
});

test('an offer form asks a Polish volunteer his language, and his offer keeps it', async () => {
	const u = await apiRegister({ tag: 'pools', roles: ['volunteer'], name: 'Piotr', locale: 'pl' });
	const { context, page, api } = await loggedIn(undefined, 375, u);
	await open(page, '/aanbod.html');
	assert.equal(await page.getAttribute('html', 'lang'), 'pl');
	assert.equal(await page.isVisible('#lang'), true);
	assert.equal(await page.inputValue('#lang'), 'pl');
	await checkAxe(page, 'aanbod.html with the language field (pl, 375 px)');
	await page.fill('#title', `Pomogę w zakupach ${Date.now().toString(36)}`);
	await page.fill('#description', 'Chętnie pomogę w zakupach i z psem.');
	await page.check('input[name=categories][value=shopping]');
	await Promise.all([page.waitForURL(/mijn-aanbod/), page.click('#offer-form button[type=submit]')]);
	const mine = await api.call('GET', '/me/offers');
	assert.equal(mine.status, 200);
	assert.equal(mine.data.items[0].lang, 'pl');
	await page.locator('main [lang="pl"][dir="auto"]').first().waitFor();
	assertNoScriptErrors(page);
	await context.close();
});
