// Defects of issue 15 that only a browser shows, one test each, named after
// what it guards; each failed before its fix. Screenshots of the pages they
// touch (nl, en, 375 px) go to the screenshots folder.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	launch, newPage, open, ready, checkAxe, screenshot, assertNoScriptErrors, apiRegister, uiLogin, ApiClient, BASE,
} from './lib/browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Opens path at width in lang, checks axe and takes a screenshot named name-lang-width. */
async function look(page, path, name, label) {
	await open(page, path);
	await checkAxe(page, label);
	await screenshot(page, name);
}

test('a mistyped address gets the Dutch 404 page with the navigation, axe-clean (15.12)', async () => {
	for (const [lang, width] of [['nl', 1280], ['en', 1280], ['nl', 375]]) {
		const { context, page } = await newPage(browser, { width, lang });
		const res = await page.goto(`${BASE}/hulpvraaag.html`);
		assert.equal(res.status(), 404);
		await ready(page);
		assert.equal(await page.locator('#site-nav a[href="/"]').count(), 1, 'the navigation is there');
		const h1 = await page.locator('h1').textContent();
		assert.match(h1, lang === 'nl' ? /bestaat niet/ : /does not exist/);
		await checkAxe(page, `404 ${lang} ${width}`);
		await screenshot(page, `404-${lang}-${width}`);
		assertNoScriptErrors(page);
		await context.close();
	}
});

test("registration shows every field's problem after one submit (15.10)", async () => {
	const { context, page } = await newPage(browser);
	await open(page, '/registreren.html');
	await page.check('#role-resident');
	await page.fill('#email', 'resident@demo.burenhulp.nl');	// taken
	await page.fill('#password', 'kort');			// too short
	await page.fill('#postcode', '7811');
	// No name, terms not accepted.
	await page.click('#register-form button[type=submit]');
	await page.waitForFunction(() => document.querySelectorAll('#register-form .field-error:not(:empty)').length >= 4);
	const withErrors = await page.$$eval('#register-form .field[aria-invalid], #register-form .field',
		(els) => els.filter((e) => e.querySelector(':scope > .field-error:not(:empty), .field-error:not(:empty)')).map((e) => e.dataset.field));
	for (const f of ['display_name', 'email', 'password', 'accept_terms'])
		assert.ok(withErrors.includes(f), `${f} has its error at once (${withErrors})`);
	await checkAxe(page, 'registration, every error at once');
	await screenshot(page, 'register-errors-nl-1280');
	assertNoScriptErrors(page);
	await context.close();
});

test('the terms and the privacy statement exist, in Dutch and English, linked from the form and every footer (15.10)', async () => {
	const { context, page } = await newPage(browser);
	await open(page, '/registreren.html');
	for (const href of ['/voorwaarden.html', '/privacy.html']) {
		assert.equal(await page.locator(`#register-form a[href="${href}"]`).count(), 1, `the form links ${href}`);
		assert.equal(await page.locator(`footer a[href="${href}"]`).count(), 1, `the footer links ${href}`);
	}
	for (const path of ['/', '/inloggen.html', '/hulpvraag.html?id=AAAAAAAAAAAAAAAAAAAAAA'])
	{
		await open(page, path);
		assert.equal(await page.locator('footer a[href="/privacy.html"]').count(), 1, `${path}: footer links the privacy statement`);
	}
	await context.close();
	for (const [lang, width] of [['nl', 1280], ['en', 1280], ['nl', 375]]) {
		const c = await newPage(browser, { width, lang });
		for (const [path, name, re] of [
			['/voorwaarden.html', 'terms', lang === 'nl' ? /Gebruiksvoorwaarden/ : /Terms of use/],
			['/privacy.html', 'privacy', lang === 'nl' ? /Privacyverklaring/ : /Privacy statement/],
		]) {
			await look(c.page, path, `${name}-${lang}-${width}`, `${name} ${lang} ${width}`);
			assert.match(await c.page.locator('h1:visible').textContent(), re);
			const text = await c.page.locator('main').innerText();
			if (name === 'privacy')
				assert.match(text, lang === 'nl' ? /versleuteld/ : /encrypted/, 'says private fields are sealed');
		}
		assertNoScriptErrors(c.page);
		await c.context.close();
	}
});

test('the home page directory counts the whole result, not the page shown (15.5)', async () => {
	const api = new ApiClient();
	const all = await api.call('GET', '/organisations?limit=100');
	const total = all.data.items.length;
	assert.ok(total > 10, `the demo holds more than one page of organisations (${total})`);
	const { context, page } = await newPage(browser);
	await open(page, '/');
	await page.locator('#orgs-status', { hasText: /organisaties/ }).waitFor();
	const status = await page.locator('#orgs-status').innerText();
	assert.match(status, new RegExp(`\\b${total} organisaties`), `the count is of the result: ${status}`);
	assert.equal(await page.locator('#orgs-list > ul > li').count(), 10, 'one page shown');
	assert.ok(await page.locator('#orgs-list button', { hasText: 'Meer laden' }).isVisible());
	await checkAxe(page, 'home with the directory count');
	await context.close();
});

/** An open request of a new resident (approved by the demo moderator); returns {owner, id, moderator}. */
async function openRequest(tag) {
	const owner = await apiRegister({ tag, roles: ['resident'], name: 'Els Hulpvrager' });
	const oc = new ApiClient();
	await oc.login(owner.email, owner.password);
	const r = await oc.call('POST', '/requests', {
		title: `Boodschappen ${tag}`, description: 'Wie haalt op zaterdag mijn boodschappen?', category: 'shopping', postcode: '7811',
		private: { address: 'Hoofdstraat 1', phone: '0591 123456' },
	});
	assert.equal(r.status, 201, JSON.stringify(r.data));
	const moderator = new ApiClient();
	await moderator.login('moderator@demo.burenhulp.nl');
	const rv = await moderator.call('POST', `/requests/${r.data.request.id}/review`, { decision: 'approve' });
	assert.equal(rv.status, 200, JSON.stringify(rv.data));
	return { owner, oc, id: r.data.request.id, moderator };
}

test("after responding the volunteer sees the count go up; the requester reads the introduction on the response card (15.8)", async () => {
	const { owner, id } = await openRequest(`r8${Date.now().toString(36)}`);
	const vol = await apiRegister({ tag: 'r8v', roles: ['volunteer'], name: 'Anna Vrijwilliger' });
	const intro = 'Ik woon om de hoek en heb zaterdag tijd.';
	const v = await newPage(browser);
	await uiLogin(v.page, vol.email, vol.password, `/hulpvraag.html?id=${id}`);
	assert.match(await v.page.locator('#request-body').innerText(), /Reacties\s*0/);
	await v.page.fill('#message', intro);
	await v.page.click('#respond-form button[type=submit]');
	await v.page.locator('#respond-status', { hasText: /./ }).waitFor();
	await v.page.waitForFunction(() => /Reacties\s*1/.test(document.querySelector('#request-body').innerText));
	await v.context.close();

	for (const [lang, width] of [['nl', 1280], ['en', 1280], ['nl', 375]]) {
		const o = await newPage(browser, { width, lang });
		await uiLogin(o.page, owner.email, owner.password, '/mijn-hulpvragen.html');
		const card = o.page.locator('li.card', { hasText: 'Anna Vrijwilliger' }).last();
		await card.waitFor();
		assert.match(await card.innerText(), new RegExp(intro), 'the introduction is on the card, beside accept and decline');
		await checkAxe(o.page, `my requests with an introduction ${lang} ${width}`);
		await screenshot(o.page, `my-requests-intro-${lang}-${width}`);
		assertNoScriptErrors(o.page);
		await o.context.close();
	}
});

test('a resident is told how to become a volunteer, and becomes one from the profile (15.11)', async () => {
	const res = await apiRegister({ tag: 'r11', roles: ['resident'], name: 'Piet Bewoner' });
	const { context, page } = await newPage(browser);
	await uiLogin(page, res.email, res.password, '/mijn-aanbod.html');
	const way = page.locator('main a[href="/profiel.html#rollen"]');
	assert.equal(await way.count(), 1, 'a link to where the role is added');
	// An open request says the same, where a volunteer would respond.
	const { id } = await openRequest(`r11${Date.now().toString(36)}`);
	await open(page, `/hulpvraag.html?id=${id}`);
	assert.equal(await page.locator('#request-extra a[href="/profiel.html#rollen"]').count(), 1, 'the request page shows the way too');
	await open(page, '/mijn-aanbod.html');
	await checkAxe(page, 'volunteer page shown to a resident');
	await screenshot(page, 'no-role-nl-1280');
	await Promise.all([page.waitForURL(/profiel\.html/), way.click()]);
	await ready(page);
	assert.ok(await page.locator('#roles-form input[value="resident"]').isChecked());
	await page.check('#roles-form input[value="volunteer"]');
	await page.click('#roles-form button[type=submit]');
	await page.locator('#roles-status', { hasText: /opgeslagen/ }).waitFor();
	assert.equal(await page.locator('#site-nav a[href="/mijn-aanbod.html"]').count(), 1, 'the navigation follows at once');
	await checkAxe(page, 'profile with roles');
	await screenshot(page, 'profile-roles-nl-1280');
	await open(page, '/mijn-aanbod.html');
	assert.equal(await page.locator('main a[href="/profiel.html#rollen"]').count(), 0, 'the page is open to them now');
	// And back: without any of the three the API says why, next to the field.
	await open(page, '/profiel.html#rollen');
	for (const r of ['resident', 'caregiver', 'volunteer'])
		await page.uncheck(`#roles-form input[value="${r}"]`);
	await page.click('#roles-form button[type=submit]');
	await page.locator('#roles-form .field-error', { hasText: /./ }).waitFor();
	assertNoScriptErrors(page);
	await context.close();
	for (const [lang, width] of [['en', 1280], ['nl', 375]]) {
		const c = await newPage(browser, { width, lang });
		await uiLogin(c.page, res.email, res.password, '/profiel.html#rollen');
		await checkAxe(c.page, `profile roles ${lang} ${width}`);
		await screenshot(c.page, `profile-roles-${lang}-${width}`);
		await c.context.close();
	}
});

test('offers can be browsed on the site: q, category, near; paged; keyboard and axe clean (15.3)', async () => {
	const tag = `kattenoppas${Date.now().toString(36).replace(/\d/g, 'x')}`;
	const vol = await apiRegister({ tag: 'r3v', roles: ['volunteer'], name: 'Kees Kattenvriend' });
	const vc = new ApiClient();
	await vc.login(vol.email, vol.password);
	const o = await vc.call('POST', '/offers', {
		title: `Ik pas op uw kat ${tag}`, description: 'Voeren, kattenbak, aandacht.', categories: ['pets'],
		postcode: '7811', radius_km: 5, availability: [{ day: 'sat', from: '09:00', to: '12:00' }],
	});
	assert.equal(o.status, 201, JSON.stringify(o.data));
	const moderator = new ApiClient();
	await moderator.login('moderator@demo.burenhulp.nl');
	assert.equal((await moderator.call('POST', `/offers/${o.data.offer.id}/review`, { decision: 'approve' })).status, 200);

	const res = await apiRegister({ tag: 'r3r', roles: ['resident'], name: 'Riet Zoeker' });
	const { context, page } = await newPage(browser);
	await uiLogin(page, res.email, res.password, '/');
	const nav = page.locator('#site-nav a[href="/aanbod-zoeken.html"]');
	assert.equal(await nav.count(), 1, 'linked from the navigation');
	await Promise.all([page.waitForURL(/aanbod-zoeken/), nav.click()]);
	await ready(page);
	await page.locator('#offers-list li.card').first().waitFor();
	// Search by keyboard only: type the words, Enter.
	await page.focus('#q');
	await page.keyboard.type(tag);
	await page.keyboard.press('Enter');
	await page.locator('#offers-status', { hasText: /^1 aanbod gevonden/ }).waitFor();
	assert.match(await page.locator('#offers-list').innerText(), new RegExp(`Ik pas op uw kat ${tag}[\\s\\S]*Kees Kattenvriend[\\s\\S]*zaterdag`));
	assert.match(page.url(), new RegExp(`q=${tag}`), 'the search is in the address');
	await checkAxe(page, 'offers found nl');
	await screenshot(page, 'offers-nl-1280');
	// Near and category narrow it; nonsense finds nothing.
	await page.fill('#near', '7811');
	await page.selectOption('#category', 'pets');
	await page.click('#offer-search button[type=submit]');
	await page.locator('#offers-status', { hasText: /^1 aanbod gevonden/ }).waitFor();
	assert.match(await page.locator('#offers-list').innerText(), /km/);
	await page.fill('#q', 'zzzznotfound');
	await page.click('#offer-search button[type=submit]');
	await page.locator('#offers-list', { hasText: /Geen aanbod gevonden/ }).waitFor();
	// A bad postcode is said next to its field.
	await page.fill('#near', '0000');
	await page.click('#offer-search button[type=submit]');
	await page.locator('#offer-search .field-error', { hasText: /./ }).waitFor();
	await checkAxe(page, 'offers search error nl');
	assertNoScriptErrors(page);
	await context.close();
	for (const [lang, width] of [['en', 1280], ['nl', 375]]) {
		const c = await newPage(browser, { width, lang });
		await uiLogin(c.page, res.email, res.password, '/aanbod-zoeken.html');
		await c.page.locator('#offers-list li.card').first().waitFor();
		await checkAxe(c.page, `offers ${lang} ${width}`);
		await screenshot(c.page, `offers-${lang}-${width}`);
		await c.context.close();
	}
});

test('moderator pages speak to a moderator, and show the private part only on purpose, saying the read is logged (15.9)', async () => {
	const { oc, id } = await openRequest(`r9${Date.now().toString(36)}`);
	const vol = await apiRegister({ tag: 'r9v', roles: ['volunteer'], name: 'Vera Vrijwilliger' });
	const vc = new ApiClient();
	await vc.login(vol.email, vol.password);
	const m = await vc.call('POST', '/matches', { request_id: id, message: 'Ik kan zaterdag.' });
	assert.equal(m.status, 201, JSON.stringify(m.data));
	const matchId = m.data.match.id;
	assert.equal((await oc.call('POST', `/matches/${matchId}/accept`)).status, 200);
	await oc.call('POST', `/matches/${matchId}/messages`, { body: 'Fijn!' });
	await vc.call('POST', `/matches/${matchId}/messages`, { body: 'Tot zaterdag.' });

	for (const [lang, width] of [['nl', 1280], ['en', 1280], ['nl', 375]]) {
		const { context, page } = await newPage(browser, { width, lang });
		await uiLogin(page, 'moderator@demo.burenhulp.nl', undefined, `/match.html?id=${matchId}`);
		const text = await page.locator('main').innerText();
		if (lang === 'nl') {
			assert.doesNotMatch(text, /Hulpvrager\s*\n?\s*u\b/, 'not "Hulpvrager: u"');
			assert.match(text, /Hulpvrager\s*\n?\s*Els Hulpvrager/);
			assert.doesNotMatch(text, /omdat u de hulp heeft geaccepteerd|Dit mag u niet doen|Nog geen berichten/);
			assert.match(text, /moderator/i, 'it says the page is seen as a moderator');
			assert.match(text, /melding/, 'messages: moderators read them only through a report');
		}
		assert.doesNotMatch(text, /Hoofdstraat 1/, 'no address before the deliberate step');
		const show = page.locator('#private-show');
		await checkAxe(page, `match as moderator ${lang} ${width}`);
		await screenshot(page, `match-moderator-${lang}-${width}`);
		await show.click();
		await page.locator('#private-body', { hasText: 'Hoofdstraat 1' }).waitFor();
		assert.match(await page.locator('#private-body').innerText(), lang === 'nl' ? /vastgelegd/ : /recorded/);

		await open(page, `/hulpvraag.html?id=${id}`);
		assert.doesNotMatch(await page.locator('main').innerText(), /Hoofdstraat 1/, 'request page: no address at once');
		assert.match(await page.locator('main').innerText(), lang === 'nl' ? /vastgelegd/ : /recorded/, 'told the read is logged');
		await checkAxe(page, `request as moderator ${lang} ${width}`);
		await screenshot(page, `request-moderator-${lang}-${width}`);
		await page.locator('#private-show').click();
		await page.locator('main', { hasText: 'Hoofdstraat 1' }).waitFor();
		await checkAxe(page, `request as moderator, private shown ${lang} ${width}`);
		assertNoScriptErrors(page);
		await context.close();
	}
});

test('a readable API reference is served beside /api/v1/openapi.yaml, with no CDN (15.13)', async () => {
	for (const [lang, width] of [['nl', 1280], ['en', 1280], ['nl', 375]]) {
		const { context, page } = await newPage(browser, { width, lang });
		const outside = [];
		page.on('request', (r) => { if (!r.url().startsWith(BASE)) outside.push(r.url()); });
		await open(page, '/api.html');
		const text = await page.locator('main').innerText();
		assert.match(text, /GET\s+\/requests\/\{id\}/);
		assert.match(text, /One request/, 'the summary of each operation');
		assert.match(text, /POST\s+\/matches\b/);
		assert.equal(await page.locator('main a[href="/api/v1/openapi.yaml"]').count(), 1, 'links the document itself');
		assert.deepEqual(outside, [], 'nothing from another site');
		await checkAxe(page, `api reference ${lang} ${width}`);
		await screenshot(page, `api-reference-${lang}-${width}`);
		assertNoScriptErrors(page);
		await context.close();
	}
});
