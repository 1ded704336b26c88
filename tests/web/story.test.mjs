// The whole story in two browsers: a caregiver registers and asks help for
// her mother (with a private part), a moderator approves it, a volunteer
// offers help with weekly availability, finds the request among her
// suggestions and responds, the caregiver accepts, both exchange messages,
// the volunteer now sees the private part, and the caregiver completes the
// help with hours and a thank-you. axe runs on every page on the way.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	launch, newPage, open, ready, checkAxe, screenshot, assertNoScriptErrors, apiRegister, uiLogin, uniqueEmail,
	ApiClient, BASE,
} from './lib/browser.mjs';
import { verifyLink } from './lib/mail.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const PRIVATE_CARE = 'Mijn moeder heeft beginnende dementie en is snel in de war.';
const PRIVATE_ADDRESS = 'Hoofdstraat 12, Emmen';

function idFrom(href) {
	return new URL(href, BASE).searchParams.get('id');
}

test('a caregiver asks help for her mother; a volunteer helps; messages; completion with thanks', async () => {
	const moderator = new ApiClient();
	await moderator.login('moderator@demo.burenhulp.nl');
	// In 7824, not 7811: a volunteer's suggestions read at most 100 open
	// requests of her categories, area by area and within an area in id
	// order (handlers/matches/suggest.c, CANDIDATES_MAX), and the suites
	// leave more than 100 open shopping requests in 7811, so a new one
	// there was sometimes not among them (CI, 2026-12-02).
	const AREA = '7824';
	const volunteerAccount = await apiRegister({ tag: 'vol', roles: ['volunteer'], name: 'Vera Vrijwilliger', postcode: AREA });

	const carla = await newPage(browser);
	const vera = await newPage(browser);
	const c = carla.page;
	const v = vera.page;
	try {
		// ---- the caregiver registers --------------------------------------
		await open(c, '/');
		await Promise.all([c.waitForURL(/registreren\.html\?role=caregiver/), c.click('a[href="/registreren.html?role=caregiver"]')]);
		await ready(c);
		const carlaEmail = uniqueEmail('carla');
		await c.fill('#display_name', 'Carla');
		await c.fill('#email', carlaEmail);
		await c.fill('#password', 'mantelzorg-is-zwaar');
		await c.fill('#postcode', `${AREA} AB`);
		await c.check('#accept_terms');
		await Promise.all([c.waitForURL(`${BASE}/`), c.click('#register-form button[type=submit]')]);
		await ready(c);

		// ---- she confirms her address with the link in the mail ------------
		if (await c.locator('#verify-banner').count()) {
			await c.goto((await verifyLink(carlaEmail)).url);
			await ready(c);
			assert.match(await c.textContent('#verify-status'), /Uw e-mailadres is bevestigd/);
			await open(c, '/');
		}

		// ---- she posts a request for her mother, with a private part -------
		await c.click('#site-nav a[href="/hulpvraag-plaatsen.html"]');
		await ready(c);
		assert.equal(await c.isChecked('#for-other'), true, 'a caregiver asks for someone by default');
		// The private part says it is private and who sees it.
		const privateBox = c.locator('fieldset.private');
		assert.match(await privateBox.locator('legend').textContent(), /Privé/);
		assert.match(await privateBox.textContent(), /de vrijwilliger van wie u de hulp aanneemt/);
		assert.match(await privateBox.textContent(), /moderatoren/);
		await c.fill('#first_name', 'Riet');
		// Issue 17: how Riet agreed is asked, and needed.
		await c.check('#consent-verbal');
		await c.fill('#title', 'Boodschappen voor mijn moeder');
		await c.selectOption('#category', 'shopping');
		await c.fill('#description', 'Elke dinsdag boodschappen doen bij de supermarkt om de hoek, ongeveer een uur.');
		await c.fill('#care_situation', PRIVATE_CARE);
		await c.fill('#address', PRIVATE_ADDRESS);
		await c.fill('#req_phone', '0591 123456');
		await checkAxe(c, 'hulpvraag-plaatsen.html filled in');
		await Promise.all([c.waitForURL(/mijn-hulpvragen\.html/), c.click('#request-submit')]);
		await ready(c);
		assert.match(await c.textContent('main [role=status]'), /moderator kijkt er eerst naar/);
		const card = c.locator('#myrequests-list li.card').first();
		assert.match(await card.textContent(), /Boodschappen voor mijn moeder/);
		assert.match(await card.textContent(), /wacht op controle/);
		assert.match(await card.textContent(), /Voor: Riet/);
		const requestId = idFrom(await card.locator('h2 a').getAttribute('href'));
		assert.ok(requestId);
		await checkAxe(c, 'mijn-hulpvragen.html (pending)');

		// ---- a moderator approves it --------------------------------------
		const review = await moderator.call('POST', `/requests/${requestId}/review`, { decision: 'approve' });
		assert.equal(review.status, 200, JSON.stringify(review.data));
		assert.equal(review.data.request.status, 'open');

		// ---- the volunteer offers help with weekly availability ------------
		await uiLogin(v, volunteerAccount.email, volunteerAccount.password, '/aanbod.html');
		await v.fill('#title', 'Boodschappen en een praatje');
		await v.fill('#description', 'Ik heb een auto en help graag met boodschappen.');
		await v.check('#cat-shopping');
		await v.fill('#radius_km', '10');
		await v.selectOption('#slot-0-day', 'tue');
		await v.fill('#slot-0-from', '09:00');
		await v.fill('#slot-0-to', '12:00');
		await v.click('#add-slot');
		assert.equal(await v.evaluate(() => document.activeElement.id), 'slot-1-day', 'focus goes to the new row');
		await v.selectOption('#slot-1-day', 'sat');
		await v.fill('#slot-1-from', '13:00');
		await v.fill('#slot-1-to', '10:00');
		await v.click('#offer-form button[type=submit]');
		// An end before the start is said next to that row.
		await v.locator('#offer-form [data-error-summary]').waitFor({ state: 'visible' });
		assert.ok(await v.locator('.field[data-field^="availability[1]"].has-error, fieldset[data-field="availability[1]"] .has-error, .has-error[data-field="availability"]').count() > 0,
			'the wrong slot is marked');
		await checkAxe(v, 'aanbod.html with an availability error');
		await v.fill('#slot-1-to', '16:00');
		await Promise.all([v.waitForURL(/mijn-aanbod\.html/), v.click('#offer-form button[type=submit]')]);
		await ready(v);
		const offerCard = v.locator('#myoffers-list li.card').first();
		assert.match(await offerCard.textContent(), /dinsdag van 09:00 tot 12:00/);
		assert.match(await offerCard.textContent(), /zaterdag van 13:00 tot 16:00/);
		const offers = await (async () => {
			const api = new ApiClient();
			await api.login(volunteerAccount.email, volunteerAccount.password);
			return (await api.call('GET', '/me/offers')).data.items;
		})();
		if (offers[0].status === 'pending') {
			const r = await moderator.call('POST', `/offers/${offers[0].id}/review`, { decision: 'approve' });
			assert.equal(r.status, 200, JSON.stringify(r.data));
		}
		await checkAxe(v, 'mijn-aanbod.html');

		// ---- she finds the request among her suggestions, with reasons ------
		await open(v, '/suggesties.html');
		const sugg = v.locator('#suggestions-list li.card', { hasText: 'Boodschappen voor mijn moeder' });
		await sugg.waitFor();
		assert.ok(await sugg.locator('.reasons li').count() > 0, 'reasons are shown');
		await checkAxe(v, 'suggesties.html');
		await screenshot(v, 'suggesties-met-resultaat-1280');

		// ---- and responds; the private part is not hers to see yet ----------
		await Promise.all([v.waitForURL(/hulpvraag\.html/), sugg.locator('a.button').click()]);
		await ready(v);
		assert.equal((await v.textContent('h1')).trim(), 'Boodschappen voor mijn moeder');
		assert.doesNotMatch(await v.textContent('main'), /dementie|Hoofdstraat/);
		await checkAxe(v, 'hulpvraag.html as a volunteer');
		await v.fill('#message', 'Hallo Carla, ik help graag. Dinsdagochtend kan ik.');
		await v.click('#respond-form button[type=submit]');
		await v.locator('#respond-status .notice-ok').waitFor();
		const matchHref = await v.locator('#respond-status a').getAttribute('href');
		const matchId = idFrom(matchHref);

		// ---- the caregiver sees the response and accepts -------------------
		await open(c, '/mijn-hulpvragen.html');
		const resp = c.locator(`#r-${requestId} li.card`, { hasText: 'Vera Vrijwilliger' });
		assert.match(await resp.textContent(), /reactie ontvangen/);
		await checkAxe(c, 'mijn-hulpvragen.html with a response');
		await screenshot(c, 'mijn-hulpvragen-met-reactie-1280');
		await c.setViewportSize({ width: 375, height: 812 });
		await screenshot(c, 'mijn-hulpvragen-met-reactie-375');
		await c.setViewportSize({ width: 1280, height: 900 });
		await resp.locator('button', { hasText: 'accepteren' }).click();
		await c.locator('#myrequests-status .notice-ok').waitFor();
		assert.match(await c.textContent('#myrequests-status'), /hulp van Vera Vrijwilliger geaccepteerd/);
		assert.match(await c.locator(`#r-${requestId}`).textContent(), /hulp gevonden/);
		assert.match(await c.locator(`#r-${requestId}`).textContent(), /geaccepteerd/);

		// ---- now the volunteer sees the private part; they write ------------
		await open(v, `/match.html?id=${matchId}`);
		assert.match(await v.textContent('#match-title'), /Boodschappen voor mijn moeder/);
		assert.match(await v.textContent('#private-section'), new RegExp(PRIVATE_ADDRESS));
		assert.match(await v.textContent('#private-section'), /dementie/);
		assert.match(await v.textContent('#messages-list'), /Dinsdagochtend kan ik/);
		await v.fill('#body', 'Ik kom dinsdag om 10 uur bij Riet langs.');
		await v.click('#message-form button[type=submit]');
		await v.locator('#messages-list li', { hasText: 'dinsdag om 10 uur' }).waitFor();
		assert.match(await v.textContent('#messages-status'), /verstuurd/);
		await checkAxe(v, 'match.html as the volunteer');
		await screenshot(v, 'match-vrijwilliger-1280');

		await open(c, `/match.html?id=${matchId}`);
		assert.match(await c.textContent('#messages-list'), /dinsdag om 10 uur/);
		await c.fill('#body', 'Fijn, dank je wel! Tot dinsdag.');
		await c.keyboard.press('Tab');
		await c.click('#message-form button[type=submit]');
		await c.locator('#messages-list li.message-mine', { hasText: 'Tot dinsdag' }).waitFor();

		await v.click('#messages-refresh');
		await v.locator('#messages-list li', { hasText: 'Tot dinsdag' }).waitFor();

		// ---- the volunteer records her hours; the caregiver finds them -------
		await open(v, `/match.html?id=${matchId}`);
		await v.fill('#hours-form-hours', '1,5');
		assert.match(await v.textContent('#hours-form'), /Wordt opgeslagen als 1,5 uur/);
		await v.click('#hours-form button[type=submit]');
		await v.waitForFunction(() => /Uw uren zijn opgeslagen: 1,5 uur/.test(document.querySelector('#actions-status').textContent));
		assert.match(await v.textContent('#match-body'), /Uren volgens de vrijwilliger\s*1,5 uur/);
		await checkAxe(v, 'match.html, the volunteer\'s hours');
		await open(c, `/match.html?id=${matchId}`);
		assert.equal(await c.inputValue('#complete-form-hours'), '1,5', 'the completion form has her hours');
		assert.match(await c.textContent('#complete-form'), /Vera Vrijwilliger gaf 1,5 uur op/);

		// ---- completion with hours and a thank-you ---------------------------
		await checkAxe(c, 'match.html as the caregiver');
		await c.setViewportSize({ width: 375, height: 812 });
		await screenshot(c, 'match-mantelzorger-375');
		await c.setViewportSize({ width: 1280, height: 900 });
		await c.fill('#complete-form-hours', '1.5');
		await c.fill('#complete-form-thanks', 'Heel erg bedankt, mijn moeder vond het gezellig!');
		await c.click('#complete-form button[type=submit]');
		await c.locator('#actions-status .notice-ok').waitFor();
		assert.match(await c.textContent('#actions-status'), /Afgerond/);
		assert.match(await c.textContent('#match-body'), /afgerond/);
		assert.match(await c.textContent('#match-body'), /1,5 uur/);
		assert.equal(await c.isVisible('#message-form'), false, 'no new messages after completion');
		// The whole page in English too.
		await c.click('#lang-switch');
		await c.waitForFunction(() => document.documentElement.lang === 'en');
		assert.match(await c.textContent('#match-body'), /completed/);
		await checkAxe(c, 'match.html completed, in English');
		await c.click('#lang-switch');
		await c.waitForFunction(() => document.documentElement.lang === 'nl');

		await open(c, '/mijn-hulpvragen.html');
		assert.match(await c.locator(`#r-${requestId}`).textContent(), /afgerond/);

		// ---- the volunteer sees the thanks ------------------------------------
		await open(v, '/mijn-matches.html');
		const done = v.locator('#mymatches-list li.card', { hasText: 'Boodschappen voor mijn moeder' });
		assert.match(await done.textContent(), /afgerond/);
		assert.match(await done.textContent(), /mijn moeder vond het gezellig/);
		await checkAxe(v, 'mijn-matches.html');

		assertNoScriptErrors(c);
		assertNoScriptErrors(v);
	} finally {
		await carla.context.close();
		await vera.context.close();
	}
});

test('reporting a request, declining a volunteer, withdrawing the request', async () => {
	const moderator = new ApiClient();
	await moderator.login('moderator@demo.burenhulp.nl');
	const owner = await apiRegister({ tag: 'owner', roles: ['resident'], name: 'Henk' });
	const helper = await apiRegister({ tag: 'helper', roles: ['volunteer'], name: 'Wim' });

	const ownerApi = new ApiClient();
	await ownerApi.login(owner.email, owner.password);
	const posted = await ownerApi.call('POST', '/requests', {
		title: 'Hulp bij het ophangen van een lamp', description: 'Een lamp in de woonkamer.', category: 'odd-jobs', postcode: '7811',
	});
	assert.equal(posted.status, 201, JSON.stringify(posted.data));
	const requestId = posted.data.request.id;
	if (posted.data.request.status === 'pending')
		assert.equal((await moderator.call('POST', `/requests/${requestId}/review`, { decision: 'approve' })).status, 200);
	const helperApi = new ApiClient();
	await helperApi.login(helper.email, helper.password);
	const m = await helperApi.call('POST', '/matches', { request_id: requestId, message: 'Ik heb een trap.' });
	assert.equal(m.status, 201, JSON.stringify(m.data));

	// The volunteer reports the request through the form.
	const other = await newPage(browser);
	try {
		await uiLogin(other.page, helper.email, helper.password, `/melden.html?type=request&id=${requestId}`);
		assert.match(await other.page.textContent('#report-target'), /Hulp bij het ophangen van een lamp|hulpvraag/);
		await other.page.click('#report-form button[type=submit]');
		await other.page.locator('.field[data-field="reason"] .field-error').waitFor({ state: 'visible' });
		await other.page.fill('#reason', 'Dit lijkt op reclame.');
		await other.page.click('#report-form button[type=submit]');
		await other.page.locator('#report-status .notice-ok').waitFor();
		await checkAxe(other.page, 'melden.html sent');
	} finally {
		await other.context.close();
	}

	const { context, page } = await newPage(browser);
	try {
		await uiLogin(page, owner.email, owner.password, '/mijn-hulpvragen.html');
		const card = page.locator(`#r-${requestId}`);
		// Decline asks first, in place.
		await card.getByRole('button', { name: 'Afwijzen', exact: true }).click();
		assert.match(await card.textContent(), /Weet u zeker dat u deze reactie wilt afwijzen/);
		await checkAxe(page, 'mijn-hulpvragen.html asking to confirm');
		await card.getByRole('button', { name: 'Ja, afwijzen' }).click();
		await page.locator('#myrequests-status .notice-ok').waitFor();
		assert.match(await page.textContent('#myrequests-status'), /reactie van Wim afgewezen/);
		assert.match(await card.textContent(), /afgewezen/);

		// Withdraw the request.
		await card.getByRole('button', { name: 'Hulpvraag intrekken' }).click();
		await card.getByRole('button', { name: 'Ja, intrekken' }).click();
		await page.waitForFunction(() => /ingetrokken/.test(document.querySelector('#myrequests-status')?.textContent || ''));
		assert.match(await page.locator(`#r-${requestId}`).textContent(), /ingetrokken/);
	} finally {
		await context.close();
	}
});

test('home: open requests near a typed postcode with category, area and distance; the directory', async () => {
	const moderator = new ApiClient();
	await moderator.login('moderator@demo.burenhulp.nl');
	const owner = await apiRegister({ tag: 'home', roles: ['resident'], name: 'Gerda', postcode: '7822' });
	const ownerApi = new ApiClient();
	await ownerApi.login(owner.email, owner.password);
	const title = `Wandelen met de hond ${Date.now().toString(36)}`;
	const posted = await ownerApi.call('POST', '/requests', {
		title, description: 'Twee keer per week een rondje met Bobbie.', category: 'pets', postcode: '7822',
	});
	assert.equal(posted.status, 201, JSON.stringify(posted.data));
	if (posted.data.request.status === 'pending')
		assert.equal((await moderator.call('POST', `/requests/${posted.data.request.id}/review`, { decision: 'approve' })).status, 200);

	const { context, page } = await newPage(browser);
	try {
		await open(page, '/');
		// A postcode that is not one: said next to the field.
		await page.fill('#near', 'Emmen');
		await page.click('#search-form button[type=submit]');
		await page.locator('.field[data-field="near"] .field-error').waitFor({ state: 'visible' });
		assert.match(await page.textContent('.field[data-field="near"] .field-error'), /Nederlandse postcode/);
		await checkAxe(page, 'home with a search error');

		await page.fill('#near', '7822');
		await page.selectOption('#radius_km', '5');
		await page.selectOption('#category', 'pets');
		await page.click('#search-form button[type=submit]');
		const card = page.locator('#requests-list li.card', { hasText: title });
		await card.waitFor();
		const text = await card.textContent();
		assert.match(text, /Soort hulp: Huisdieren/);
		assert.match(text, /Gebied: 7822/);
		assert.match(text, /Afstand: 0 km/);
		assert.match(await page.textContent('#requests-status'), /open hulpvra(ag|gen) bij 7822/);
		assert.match(page.url(), /near=7822/);
		assert.equal(await page.locator('.field-error:visible').count(), 0, 'the old error is gone');
		// The directory follows the postcode.
		await page.locator('#orgs-list li.card').first().waitFor();
		await checkAxe(page, 'home with results');

		// The request's own page, for a visitor: no private part, a way to log in.
		await Promise.all([page.waitForURL(/hulpvraag\.html/), card.locator('h3 a').click()]);
		await ready(page);
		assert.equal((await page.textContent('h1')).trim(), title);
		assert.equal(await page.locator('a[href^="/inloggen.html?next="]', { hasText: 'Log in als vrijwilliger' }).count(), 1);
		await checkAxe(page, 'hulpvraag.html for a visitor');
		await screenshot(page, 'hulpvraag-1280');
	} finally {
		await context.close();
	}
});

test('managing one\'s own posts: change a request; change, pause, resume and delete an offer', async () => {
	const person = await apiRegister({ tag: 'manage', roles: ['resident', 'volunteer'], name: 'Mieke' });
	const api = new ApiClient();
	await api.login(person.email, person.password);
	const req = await api.call('POST', '/requests', {
		title: 'Hulp bij de belastingaangifte', description: 'Ik snap het formulier niet.', category: 'paperwork', postcode: '7811',
		private: { phone: '0591 999999' },
	});
	assert.equal(req.status, 201, JSON.stringify(req.data));
	const offer = await api.call('POST', '/offers', {
		title: 'Klusjes in en om het huis', description: 'Lampen, planken, kleine reparaties.', categories: ['odd-jobs'],
		postcode: '7811', radius_km: 5, availability: [{ day: 'wed', from: '18:00', to: '20:00' }],
	});
	assert.equal(offer.status, 201, JSON.stringify(offer.data));
	const moderator = new ApiClient();
	await moderator.login('moderator@demo.burenhulp.nl');
	if (offer.data.offer.status === 'pending')
		assert.equal((await moderator.call('POST', `/offers/${offer.data.offer.id}/review`, { decision: 'approve' })).status, 200);

	const { context, page } = await newPage(browser);
	try {
		// The request form opens filled in, private part included.
		await uiLogin(page, person.email, person.password, `/hulpvraag-plaatsen.html?id=${req.data.request.id}`);
		assert.equal((await page.textContent('h1')).trim(), 'Hulpvraag wijzigen');
		assert.equal(await page.inputValue('#title'), 'Hulp bij de belastingaangifte');
		assert.equal(await page.inputValue('#req_phone'), '0591 999999');
		assert.equal(await page.isChecked('#for-self'), true);
		await page.fill('#title', 'Hulp bij de belastingaangifte 2026');
		// Only a start: the end is asked for.
		await page.fill('#when_start', '2027-03-02T10:00');
		await page.click('#request-submit');
		assert.match(await page.locator('.field[data-field="when.end"] .field-error').textContent(), /einde/);
		await page.fill('#when_end', '2027-03-02T12:30');
		await Promise.all([page.waitForURL(/mijn-hulpvragen\.html/), page.click('#request-submit')]);
		await ready(page);
		assert.match(await page.textContent('main [role=status]'), /hulpvraag is gewijzigd/);
		assert.match(await page.textContent('#myrequests-list'), /belastingaangifte 2026/);
		// Local time (Amsterdam, winter) went to the API in UTC.
		const changed = (await api.call('GET', `/requests/${req.data.request.id}`)).data.request;
		assert.deepEqual(changed.when, { start: '2027-03-02T09:00:00Z', end: '2027-03-02T11:30:00Z' });
		assert.equal(changed.private.phone, '0591 999999', 'the private part is kept');
		await open(page, `/hulpvraag.html?id=${req.data.request.id}`);
		assert.match(await page.textContent('#request-body'), /2 maart 2027 om 10:00 tot 2 maart 2027 om 12:30/);
		assert.match(await page.textContent('#request-body .private'), /0591 999999/);
		await page.click('#lang-switch');
		await page.waitForFunction(() => document.documentElement.lang === 'en');
		assert.match(await page.textContent('#request-body'), /2 March 2027 at 10:00 to 2 March 2027 at 12:30/);
		await checkAxe(page, 'hulpvraag.html for its owner, in English');
		await page.click('#lang-switch');
		await page.waitForFunction(() => document.documentElement.lang === 'nl');

		// The offer: change its slot, pause, resume, delete.
		await open(page, '/mijn-aanbod.html');
		const card = page.locator('#myoffers-list li.card', { hasText: 'Klusjes in en om het huis' });
		assert.match(await card.textContent(), /woensdag van 18:00 tot 20:00/);
		await Promise.all([page.waitForURL(/aanbod\.html\?id=/), card.getByRole('link', { name: 'Wijzigen' }).click()]);
		await ready(page);
		assert.equal((await page.textContent('h1')).trim(), 'Aanbod wijzigen');
		assert.equal(await page.isChecked('#cat-odd-jobs'), true);
		await page.fill('#slot-0-to', '21:00');
		await Promise.all([page.waitForURL(/mijn-aanbod\.html/), page.click('#offer-form button[type=submit]')]);
		await ready(page);
		assert.match(await page.locator('#myoffers-list li.card').first().textContent(), /woensdag van 18:00 tot 21:00/);
		const again = page.locator('#myoffers-list li.card', { hasText: 'Klusjes in en om het huis' });
		await again.getByRole('button', { name: 'Pauzeren' }).click();
		await page.locator('#myoffers-status .notice-ok').waitFor();
		assert.match(await again.textContent(), /gepauzeerd/);
		await again.getByRole('button', { name: 'Weer actief maken' }).click();
		await page.waitForFunction(() => /weer actief/.test(document.querySelector('#myoffers-status').textContent));
		assert.match(await again.textContent(), /Status: actief/);
		await again.getByRole('button', { name: 'Verwijderen', exact: true }).click();
		await again.getByRole('button', { name: 'Ja, verwijderen' }).click();
		await page.waitForFunction(() => /verwijderd/.test(document.querySelector('#myoffers-status').textContent));
		assert.equal(await page.locator('#myoffers-list li.card', { hasText: 'Klusjes in en om het huis' }).count(), 0);
		assert.equal(await page.evaluate(() => document.activeElement.tagName), 'H1', 'focus is not lost');
		assertNoScriptErrors(page);
	} finally {
		await context.close();
	}
});

test('a requester invites a suggested volunteer, who accepts the invitation', async () => {
	const moderator = new ApiClient();
	await moderator.login('moderator@demo.burenhulp.nl');
	const owner = await apiRegister({ tag: 'inviter', roles: ['resident'], name: 'Joke' });
	const helper = await apiRegister({ tag: 'invitee', roles: ['volunteer'], name: `Tuinman ${Date.now().toString(36)}` });
	const ownerApi = new ApiClient();
	await ownerApi.login(owner.email, owner.password);
	const helperApi = new ApiClient();
	await helperApi.login(helper.email, helper.password);
	const offer = await helperApi.call('POST', '/offers', {
		title: 'Tuinieren', description: 'Heg knippen, onkruid wieden.', categories: ['garden'], postcode: '7811', radius_km: 10, availability: [],
	});
	assert.equal(offer.status, 201, JSON.stringify(offer.data));
	if (offer.data.offer.status === 'pending')
		assert.equal((await moderator.call('POST', `/offers/${offer.data.offer.id}/review`, { decision: 'approve' })).status, 200);
	const req = await ownerApi.call('POST', '/requests', {
		title: 'De heg moet geknipt', description: 'Een heg van tien meter.', category: 'garden', postcode: '7811',
	});
	assert.equal(req.status, 201, JSON.stringify(req.data));
	const requestId = req.data.request.id;
	if (req.data.request.status === 'pending')
		assert.equal((await moderator.call('POST', `/requests/${requestId}/review`, { decision: 'approve' })).status, 200);
	const helperName = (await helperApi.call('GET', '/me')).data.user.display_name;

	const o = await newPage(browser);
	const h = await newPage(browser);
	try {
		await uiLogin(o.page, owner.email, owner.password, '/mijn-hulpvragen.html');
		const card = o.page.locator(`#r-${requestId}`);
		const toggle = card.getByRole('button', { name: 'Vrijwilligers tonen die passen' });
		await toggle.click();
		assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
		const vol = card.locator('li.card', { hasText: helperName });
		await vol.waitFor();
		assert.ok(await vol.locator('.reasons li').count() > 0, 'with reasons');
		await checkAxe(o.page, 'mijn-hulpvragen.html with suggested volunteers');
		await vol.locator('textarea').fill('Zou u mijn heg kunnen knippen?');
		await vol.getByRole('button', { name: `${helperName} uitnodigen` }).click();
		await o.page.waitForFunction(() => /uitgenodigd/.test(document.querySelector('#myrequests-status').textContent));
		assert.match(await o.page.locator(`#r-${requestId}`).textContent(), /uitgenodigd/);

		await uiLogin(h.page, helper.email, helper.password, '/mijn-matches.html');
		const m = h.page.locator('#mymatches-list li.card', { hasText: 'De heg moet geknipt' });
		assert.match(await m.textContent(), /uitgenodigd/);
		await Promise.all([h.page.waitForURL(/match\.html/), m.getByRole('link').click()]);
		await ready(h.page);
		assert.match(await h.page.textContent('#messages-list'), /heg kunnen knippen/);
		await h.page.getByRole('button', { name: 'Accepteren' }).click();
		await h.page.locator('#actions-status .notice-ok').waitFor();
		assert.match(await h.page.textContent('#match-body'), /geaccepteerd/);
		assertNoScriptErrors(o.page);
		assertNoScriptErrors(h.page);
	} finally {
		await o.context.close();
		await h.context.close();
	}
});

// Chromium's number field in a Dutch browser read "1,5" as 15: the hours
// field is a text field that reads 1,5 and 1.5 alike and shows what it saves.
test('hours_comma_decimal: "1,5" is one and a half hours, for the volunteer and on completion', async () => {
	const moderator = new ApiClient();
	await moderator.login('moderator@demo.burenhulp.nl');
	const owner = await apiRegister({ tag: 'hours-own', roles: ['resident'], name: 'Otto Eigenaar' });
	const helper = await apiRegister({ tag: 'hours-vol', roles: ['volunteer'], name: 'Hanna Helper' });
	const ownerApi = new ApiClient();
	await ownerApi.login(owner.email, owner.password);
	const helperApi = new ApiClient();
	await helperApi.login(helper.email, helper.password);
	const posted = await ownerApi.call('POST', '/requests', {
		title: 'Gordijnen ophangen', description: 'Twee ramen in de woonkamer.', category: 'odd-jobs', postcode: '7811',
	});
	assert.equal(posted.status, 201, JSON.stringify(posted.data));
	const requestId = posted.data.request.id;
	if (posted.data.request.status === 'pending')
		assert.equal((await moderator.call('POST', `/requests/${requestId}/review`, { decision: 'approve' })).status, 200);
	const m = await helperApi.call('POST', '/matches', { request_id: requestId, message: 'Ik heb een boormachine.' });
	assert.equal(m.status, 201, JSON.stringify(m.data));
	const matchId = m.data.match.id;
	assert.equal((await ownerApi.call('POST', `/matches/${matchId}/accept`)).status, 200);

	const vol = await newPage(browser);
	const own = await newPage(browser);
	try {
		await uiLogin(vol.page, helper.email, helper.password, `/match.html?id=${matchId}`);
		const v = vol.page;
		assert.equal(await v.getAttribute('#hours-form-hours', 'type'), 'text');
		assert.equal(await v.getAttribute('#hours-form-hours', 'inputmode'), 'decimal');
		await v.fill('#hours-form-hours', 'anderhalf');
		assert.match(await v.textContent('#hours-form'), /Vul een getal in, bijvoorbeeld 1,5/);
		await v.click('#hours-form button[type=submit]');
		await v.locator('#hours-form .field[data-field="hours"] .field-error').waitFor({ state: 'visible' });
		await checkAxe(v, 'match.html, hours not a number');
		// More than a day for one occasion is a typo, said next to the field.
		await v.fill('#hours-form-hours', '15,5,');
		assert.match(await v.textContent('#hours-form'), /Vul een getal in/);
		await v.fill('#hours-form-hours', '30');
		await v.click('#hours-form button[type=submit]');
		await v.waitForFunction(() => /hoogstens 24/.test(document.querySelector('#hours-form .field-error')?.textContent || ''));
		await v.fill('#hours-form-hours', '1,5');
		assert.match(await v.textContent('#hours-form'), /Wordt opgeslagen als 1,5 uur/);
		await v.click('#hours-form button[type=submit]');
		await v.waitForFunction(() => /opgeslagen: 1,5 uur/.test(document.querySelector('#actions-status').textContent));
		assert.equal((await helperApi.call('GET', `/matches/${matchId}`)).data.match.volunteer_hours, 1.5, 'not 15');

		await uiLogin(own.page, owner.email, owner.password, `/match.html?id=${matchId}`);
		const o = own.page;
		assert.equal(await o.inputValue('#complete-form-hours'), '1,5');
		assert.equal(await o.getAttribute('#complete-form-hours', 'type'), 'text');
		await o.fill('#complete-form-hours', '2.5');
		assert.match(await o.textContent('#complete-form'), /Wordt opgeslagen als 2,5 uur/);
		await o.fill('#complete-form-hours', '2,5');
		assert.match(await o.textContent('#complete-form'), /Wordt opgeslagen als 2,5 uur/);
		await o.click('#complete-form button[type=submit]');
		await o.locator('#actions-status .notice-ok').waitFor();
		assert.match(await o.textContent('#match-body'), /Geholpen\s*2,5 uur/);
		assert.equal((await ownerApi.call('GET', `/matches/${matchId}`)).data.match.hours, 2.5);
		assertNoScriptErrors(v);
		assertNoScriptErrors(o);
	} finally {
		await vol.context.close();
		await own.context.close();
	}
});
