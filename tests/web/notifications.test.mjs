// Notifications in the browser (issue 13): the bell in the header shows the
// unread count and follows new events without a reload, saying so in a
// polite live region; meldingen.html pages, marks read one (by following it)
// or all, filters unread, and works with the keyboard alone; the e-mail
// settings on the profile are saved and survive a reload; a volunteer makes
// and deletes an alert, also in one click from an offer; the verification
// mail's link confirms a new account (the banner and the posting forms say
// what to do until then); an unsubscribe link from a mail turns that mail
// off. axe runs on every new page in Dutch and English.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	launch, newPage, open, ready, checkAxe, screenshot, assertNoScriptErrors, apiRegister, uniqueEmail, ApiClient, BASE,
} from './lib/browser.mjs';
import { waitForMail, mailLink, mailerRuns, verifyLink } from './lib/mail.mjs';

let browser;
let moderator;
before(async () => {
	browser = await launch();
	moderator = new ApiClient();
	await moderator.login('moderator@demo.burenhulp.nl');
});
after(async () => { await browser?.close(); });

// The mail itself needs the stack's SMTP server ($BURENHULP_VAR/mail/new).
const needsMail = !mailerRuns() && 'needs the stack\'s SMTP server ($BURENHULP_VAR/mail/new)';

/** A registered, confirmed user with an API client logged in. */
async function person(tag, roles, name) {
	const u = await apiRegister({ tag, roles, name });
	const c = new ApiClient();
	c.user = await c.login(u.email, u.password);
	c.email = u.email;
	c.password = u.password;
	return c;
}

/** A browser page logged in as the client's user (the cookie is copied). */
async function pageAs(c, { lang = 'nl', width, height } = {}) {
	const fresh = new ApiClient();
	await fresh.login(c.email, c.password);
	const { context, page } = await newPage(browser, { lang, width, height });
	await context.addCookies([{ name: 'bh_session', value: fresh.cookie.split('=')[1], url: BASE, httpOnly: true, sameSite: 'Lax' }]);
	return { context, page };
}

/** Posts a request and has the moderator approve it (the owner is told). */
async function approvedRequest(c, title) {
	const r = await c.call('POST', '/requests', {
		title, description: `Beschrijving van ${title}.`, category: 'shopping', postcode: '7811',
	});
	assert.equal(r.status, 201, JSON.stringify(r.data));
	const req = r.data.request;
	if (req.status === 'pending') {
		const rv = await moderator.call('POST', `/requests/${req.id}/review`, { decision: 'approve' });
		assert.equal(rv.status, 200, JSON.stringify(rv.data));
	}
	return req;
}

async function unreadCount(c) {
	const r = await c.call('GET', '/me/notifications?unread=true&limit=1');
	assert.equal(r.status, 200, JSON.stringify(r.data));
	return r.data.unread_count;
}

const bell = (page) => page.locator('#bell');

// The bell's name as a screen reader gets it.
async function bellName(page) {
	const snap = await bell(page).ariaSnapshot();
	return snap.match(/link "([^"]*)"/)[1];
}

test('the bell shows the unread count and follows new notifications without a reload', async () => {
	const resident = await person('bell', ['resident'], 'Bea Bel');
	const volunteer = await person('bell-vol', ['volunteer'], 'Vince Vrijwilliger');
	const req = await approvedRequest(resident, 'Boodschappen op vrijdag');
	assert.equal(await unreadCount(resident), 1, 'the approval is one notification');

	const { context, page } = await pageAs(resident);
	try {
		await page.clock.install();
		await open(page, '/');
		// A link, named in words: "Meldingen, 1 ongelezen".
		await page.getByRole('link', { name: 'Meldingen, 1 ongelezen' }).waitFor();
		assert.equal(await bell(page).getAttribute('href'), '/meldingen.html');
		assert.equal(await page.locator('#queue-link').count(), 0, 'no queue for a resident');
		await checkAxe(page, 'home with the bell');
		await page.evaluate(() => { window.sameDocument = true; });

		// A volunteer responds: within 30 s the bell says so, the page stays.
		const m = await volunteer.call('POST', '/matches', { request_id: req.id, message: 'Ik help graag.' });
		assert.equal(m.status, 201, JSON.stringify(m.data));
		await page.clock.fastForward(31000);
		await page.getByRole('link', { name: 'Meldingen, 2 ongelezen' }).waitFor();
		assert.match(await page.textContent('#bell-live'), /U heeft een nieuwe melding\. 2 ongelezen\./);
		assert.equal(await page.getAttribute('#bell-live', 'aria-live'), 'polite');
		assert.equal(await page.evaluate(() => window.sameDocument), true, 'no reload');

		// Coming back to the tab asks at once.
		await approvedRequest(resident, 'Een lift naar het ziekenhuis');
		await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
		await page.getByRole('link', { name: 'Meldingen, 3 ongelezen' }).waitFor();
		assert.match(await bellName(page), /Meldingen, 3 ongelezen/);
		await screenshot(page, 'bell-3-ongelezen-1280');
		await page.setViewportSize({ width: 375, height: 812 });
		assert.equal(await bell(page).isVisible(), true, 'the bell stays outside the folded menu');
		await screenshot(page, 'bell-3-ongelezen-375');

		// In English too.
		await page.click('#lang-switch');
		await page.waitForFunction(() => document.documentElement.lang === 'en');
		await page.getByRole('link', { name: 'Notifications, 3 unread' }).waitFor();

		// Opening what one is about (as from its mail) marks that one read.
		// (This test's context opens every page in Dutch.)
		await page.setViewportSize({ width: 1280, height: 900 });
		await open(page, `/match.html?id=${m.data.match.id}`);
		await page.getByRole('link', { name: 'Meldingen, 2 ongelezen' }).waitFor();
		assert.equal(await unreadCount(resident), 2);
		await checkAxe(page, 'home with the bell, in English');
		assertNoScriptErrors(page);
	} finally {
		await context.close();
	}
});

test('a moderator also sees the length of the moderation queue', async () => {
	const queue = await moderator.call('GET', '/me/notifications?limit=1');
	assert.equal(queue.status, 200, JSON.stringify(queue.data));
	assert.equal(typeof queue.data.queue_count, 'number', 'queue_count for a moderator');
	const { context, page } = await newPage(browser);
	try {
		await context.addCookies([{ name: 'bh_session', value: moderator.cookie.split('=')[1], url: BASE, httpOnly: true, sameSite: 'Lax' }]);
		await open(page, '/');
		const q = page.locator('#queue-link');
		await q.waitFor();
		assert.equal(await q.getAttribute('href'), '/admin/');
		assert.match(await q.ariaSnapshot(), /link "Wachtrij, \d+ te beoordelen"/);
		const now = (await moderator.call('GET', '/me/notifications?limit=1')).data.queue_count;
		assert.equal(await q.getAttribute('data-queue'), String(now), 'the number the API gives');
		await checkAxe(page, 'home as a moderator');
		await open(page, '/admin/');
		assert.equal(await page.locator('#bell').count(), 1, 'the admin header has the bell too');
	} finally {
		await context.close();
	}
});

test('meldingen.html: newest first, "Meer laden", unread marked in words, following one marks it read, all read, unread only', async () => {
	const owner = await person('many', ['resident'], 'Mia Meldingen');
	const titles = [];
	for (let i = 1; i <= 22; i++) {
		const title = `Hulpvraag nummer ${String(i).padStart(2, '0')}`;
		titles.push(title);
		await approvedRequest(owner, title);
	}
	assert.equal(await unreadCount(owner), 22);

	const { context, page } = await pageAs(owner);
	try {
		await open(page, '/meldingen.html');
		const items = page.locator('#notifications-list li.notification');
		assert.equal(await items.count(), 20, 'one page of 20');
		// Newest first: the last request approved is on top.
		assert.match(await items.first().textContent(), /Hulpvraag nummer 22/);
		assert.match(await items.nth(19).textContent(), /Hulpvraag nummer 03/);
		// Unread says so in a word, not only a colour.
		assert.equal(await page.locator('li.notification.is-unread .badge', { hasText: 'Ongelezen' }).count(), 20);
		assert.match(await page.textContent('#notifications-status'), /20 meldingen getoond\. 22 ongelezen\./);
		await checkAxe(page, 'meldingen.html');
		await screenshot(page, 'meldingen-22-1280');
		await page.setViewportSize({ width: 375, height: 812 });
		await screenshot(page, 'meldingen-22-375');
		await page.setViewportSize({ width: 1280, height: 900 });

		// The next page: the focus goes to the first new one.
		await page.click('#more');
		await page.waitForFunction(() => document.querySelectorAll('#notifications-list li.notification').length === 22);
		assert.equal(await page.locator('#more').count(), 0, 'no more pages');
		assert.match(await page.evaluate(() => document.activeElement.textContent), /Hulpvraag nummer 02/);
		assert.match(await items.last().textContent(), /Hulpvraag nummer 01/);

		// Following one marks it read, then goes where it points.
		const first = items.first().locator('a');
		const href = await first.getAttribute('href');
		assert.match(href, /^\/hulpvraag\.html\?id=/);
		await Promise.all([page.waitForURL(`${BASE}${href}`), first.click()]);
		await ready(page);
		assert.equal(await unreadCount(owner), 21, 'marked read before leaving');
		await open(page, '/meldingen.html');
		assert.equal(await items.first().locator('.badge').count(), 0, 'no longer marked unread');
		assert.match(await bellName(page), /21 ongelezen/);

		// Unread only.
		await page.check('#only-unread');
		await page.waitForFunction(() => /21 ongelezen/.test(document.querySelector('#notifications-status').textContent)
			&& !/Hulpvraag nummer 22/.test(document.querySelector('#notifications-list').textContent));
		assert.match(await items.first().textContent(), /Hulpvraag nummer 21/);
		assert.match(page.url(), /unread=true/);

		// All read: the list empties, the bell follows and says so.
		await page.click('#mark-all');
		await page.locator('#notifications-status .notice-ok').waitFor();
		assert.match(await page.textContent('#notifications-status'), /Alle meldingen zijn als gelezen gemarkeerd/);
		assert.match(await page.textContent('#notifications-list'), /U heeft geen ongelezen meldingen/);
		await page.waitForFunction(() => document.querySelector('#bell').dataset.unread === '0');
		assert.equal(await bellName(page), 'Meldingen');
		assert.match(await page.textContent('#bell-live'), /geen ongelezen meldingen meer/);
		assert.equal(await unreadCount(owner), 0);
		await checkAxe(page, 'meldingen.html, all read, unread only');

		// In English the titles come in English (the account's language follows the switch).
		await page.uncheck('#only-unread');
		await page.waitForFunction(() => document.querySelectorAll('#notifications-list li.notification').length === 20);
		await page.click('#lang-switch');
		await page.waitForFunction(() => /Your request “Hulpvraag nummer 22” is now public/.test(document.querySelector('#notifications-list').textContent));
		await checkAxe(page, 'meldingen.html in English');
		await page.click('#lang-switch');
		await page.waitForFunction(() => /Uw hulpvraag “Hulpvraag nummer 22” staat nu online/.test(document.querySelector('#notifications-list').textContent));

		// Without the filter they are all still there, none marked.
		await page.waitForFunction(() => document.querySelectorAll('#notifications-list li.notification').length === 20);
		assert.equal(await page.locator('li.notification.is-unread').count(), 0);
		assertNoScriptErrors(page);
	} finally {
		await context.close();
	}
});

test('meldingen.html with the keyboard alone: reach the bell, the filter, "all read" and a notification', async () => {
	const owner = await person('kbd-n', ['resident'], 'Kees Toetsenbord');
	await approvedRequest(owner, 'Hulp met de computer');
	await approvedRequest(owner, 'Hulp met de tuin');
	const { context, page } = await pageAs(owner);
	try {
		await open(page, '/');
		// From the top of the page: skip link, brand, then the bell.
		let onBell = false;
		for (let i = 0; i < 6 && !onBell; i++) {
			await page.keyboard.press('Tab');
			onBell = await page.evaluate(() => document.activeElement.id === 'bell');
		}
		assert.ok(onBell, 'the bell is reached with Tab');
		const look = await page.evaluate(() => {
			const s = getComputedStyle(document.activeElement);
			return { bg: s.backgroundColor, shadow: s.boxShadow };
		});
		assert.equal(look.bg, 'rgb(255, 221, 0)', 'the focused bell is visibly yellow');
		await Promise.all([page.waitForURL(/meldingen\.html/), page.keyboard.press('Enter')]);
		await ready(page);

		// Skip link → main → the filter (Space) → "all read" → the list.
		await page.keyboard.press('Tab');
		assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');
		await page.keyboard.press('Enter');
		await page.keyboard.press('Tab');
		assert.equal(await page.evaluate(() => document.activeElement.id), 'only-unread');
		await page.keyboard.press('Space');
		assert.equal(await page.isChecked('#only-unread'), true);
		await page.waitForFunction(() => document.querySelectorAll('#notifications-list li.notification').length === 2);
		await page.keyboard.press('Space');
		await page.waitForFunction(() => !document.querySelector('#notifications-list .loading'));
		await page.keyboard.press('Tab');
		assert.equal(await page.evaluate(() => document.activeElement.id), 'mark-all');
		await page.keyboard.press('Tab');
		const focused = await page.evaluate(() => document.activeElement.textContent);
		assert.match(focused, /Hulp met de tuin/, 'then the newest notification');
		// Enter follows it and marks it read.
		await Promise.all([page.waitForURL(/hulpvraag\.html\?id=/), page.keyboard.press('Enter')]);
		await ready(page);
		assert.equal(await unreadCount(owner), 1);
		await page.goBack();
		await ready(page);
		await page.focus('#mark-all');
		await page.keyboard.press('Enter');
		await page.locator('#notifications-status .notice-ok').waitFor();
		assert.equal(await unreadCount(owner), 0);
		assertNoScriptErrors(page);
	} finally {
		await context.close();
	}
});

test('meldingen.html says when there is nothing yet, in Dutch and English; axe on the new pages with content', async () => {
	const nobody = await person('empty', ['resident', 'volunteer'], 'Nina Nieuw');
	for (const lang of ['nl', 'en']) {
		const { context, page } = await pageAs(nobody, { lang });
		try {
			await open(page, '/meldingen.html');
			assert.match(await page.textContent('#notifications-list .empty'),
				lang === 'nl' ? /U heeft nog geen meldingen/ : /You have no notifications yet/);
			await checkAxe(page, `meldingen.html empty (${lang})`);
			await open(page, '/profiel.html#meldingen');
			await checkAxe(page, `profiel.html#meldingen (${lang})`);
			assertNoScriptErrors(page);
		} finally {
			await context.close();
		}
	}
});

test('the e-mail settings: a choice per kind, account mails fixed, saved and still there after a reload', async () => {
	const user = await person('settings', ['resident', 'volunteer'], 'Sanne Instelling');
	const { context, page } = await pageAs(user);
	try {
		await open(page, '/profiel.html#meldingen');
		assert.equal(await page.evaluate(() => document.activeElement.id), 'notify-heading', 'the link lands on the settings');
		// One group per kind, named by what happens; its choices in words.
		const group = page.getByRole('group', { name: 'Een nieuw bericht in een gesprek' });
		await group.getByRole('radio', { name: 'Uit', exact: true }).check();
		await page.getByRole('group', { name: 'Een vrijwilliger reageert op uw hulpvraag' })
			.getByRole('radio', { name: 'Dagelijks', exact: true }).check();
		// Account mails cannot be switched off, and say so.
		assert.equal(await page.locator('input[name="account.password_reset"]').count(), 0);
		assert.match(await page.textContent('#notify-fixed'), /Uw wachtwoord herstellen: altijd direct/);
		await checkAxe(page, 'profiel.html e-mail settings');
		await screenshot(page, 'profiel-meldingen-1280');
		await page.click('#notify-form button[type=submit]');
		await page.locator('#notify-status .notice-ok').waitFor();
		assert.match(await page.textContent('#notify-status'), /Uw keuzes voor e-mail zijn opgeslagen/);

		await page.reload();
		await ready(page);
		assert.equal(await page.isChecked('#nk-message-new-off'), true);
		assert.equal(await page.isChecked('#nk-match-responded-daily'), true);
		assert.equal(await page.isChecked('#nk-match-accepted-instant'), true, 'the others keep their default');
		const saved = (await user.call('GET', '/me/notification-settings')).data.email;
		assert.equal(saved['message.new'], 'off');
		assert.equal(saved['match.responded'], 'daily');
		await page.setViewportSize({ width: 375, height: 812 });
		await screenshot(page, 'profiel-meldingen-375');
		assertNoScriptErrors(page);
	} finally {
		await context.close();
	}
});

test('a volunteer makes and deletes an alert on the profile, and makes one from an offer in one click', async () => {
	const vol = await person('alert', ['volunteer'], 'Anton Alert');
	const { context, page } = await pageAs(vol);
	try {
		await open(page, '/profiel.html#alerts');
		assert.match(await page.textContent('#alerts-list'), /U heeft nog niets ingesteld/);
		await page.fill('#alert-postcode', '7811 AB');
		await page.fill('#alert-radius', '60');
		await page.click('#alert-form button[type=submit]');
		await page.locator('#alert-form .field[data-field="alert.radius_km"] .field-error').waitFor({ state: 'visible' });
		assert.match(await page.textContent('#alert-form .field[data-field="alert.radius_km"] .field-error'), /1 tot 50 km/);
		await checkAxe(page, 'profiel.html alert form with an error');
		await page.fill('#alert-radius', '10');
		await page.check('#alert-cat-shopping');
		await page.check('#alert-cat-transport');
		await page.check('#alert-freq-instant');
		await page.click('#alert-form button[type=submit]');
		await page.waitForFunction(() => /Goed\. U krijgt bericht/.test(document.querySelector('#alerts-status').textContent));
		const item = page.locator('#alerts-list li.alert-item');
		assert.equal(await item.count(), 1);
		const text = await item.textContent();
		assert.match(text, /Binnen 10 km van 7811/);
		assert.match(text, /Soorten hulp: Boodschappen, Vervoer/);
		assert.match(text, /Direct een e-mail/);
		await checkAxe(page, 'profiel.html with an alert');
		await screenshot(page, 'profiel-alerts-1280');
		const made = (await vol.call('GET', '/me/alerts')).data.items;
		assert.equal(made.length, 1);
		assert.deepEqual([...made[0].categories].sort(), ['shopping', 'transport']);
		assert.equal(made[0].radius_km, 10);
		assert.equal(made[0].frequency, 'instant');

		await item.getByRole('button', { name: 'Verwijderen' }).click();
		await page.waitForFunction(() => /geen bericht meer/.test(document.querySelector('#alerts-status').textContent));
		assert.match(await page.textContent('#alerts-list'), /U heeft nog niets ingesteld/);
		assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Waarover u bericht krijgt', 'focus is not lost');
		assert.equal((await vol.call('GET', '/me/alerts')).data.items.length, 0);

		// From an offer, in one click.
		const offer = await vol.call('POST', '/offers', {
			title: 'Boodschappen met de auto', description: 'Ik rijd graag even naar de supermarkt.', categories: ['shopping', 'transport'],
			postcode: '7811', radius_km: 8, availability: [{ day: 'mon', from: '09:00', to: '12:00' }],
		});
		assert.equal(offer.status, 201, JSON.stringify(offer.data));
		await open(page, '/mijn-aanbod.html');
		const card = page.locator('#myoffers-list li.card', { hasText: 'Boodschappen met de auto' });
		await card.getByRole('button', { name: 'Stuur mij nieuwe hulpvragen die hierbij passen' }).click();
		await card.locator('.offer-alert .notice-ok').waitFor();
		assert.match(await card.textContent(), /U krijgt bericht over nieuwe hulpvragen die bij dit aanbod passen/);
		assert.match(await page.evaluate(() => document.activeElement.textContent), /U krijgt bericht/);
		await checkAxe(page, 'mijn-aanbod.html with an alert from an offer');
		const fromOffer = (await vol.call('GET', '/me/alerts')).data.items;
		assert.equal(fromOffer.length, 1);
		assert.equal(fromOffer[0].offer_id, offer.data.offer.id);
		assert.equal(fromOffer[0].radius_km, 8);
		assert.equal(fromOffer[0].frequency, 'daily');
		assert.equal(fromOffer[0].area.pc4, '7811');
		// After a reload the button stays away; the profile names its offer.
		await open(page, '/mijn-aanbod.html');
		assert.equal(await card.getByRole('button', { name: /Stuur mij/ }).count(), 0);
		await open(page, '/profiel.html#alerts');
		assert.match(await page.textContent('#alerts-list'), /Gemaakt bij uw aanbod/);
		assertNoScriptErrors(page);
	} finally {
		await context.close();
	}
});

test('a new account: the banner until the verification mail\'s link is opened; posting says why it waits', async () => {
	const { context, page } = await newPage(browser);
	try {
		const email = uniqueEmail('verify');
		await open(page, '/registreren.html?role=resident');
		await page.fill('#display_name', 'Vera Verify');
		await page.fill('#email', email);
		await page.fill('#password', 'een-lang-wachtwoord');
		await page.fill('#postcode', '7811');
		await page.check('#accept_terms');
		await Promise.all([page.waitForURL(`${BASE}/`), page.click('#register-form button[type=submit]')]);
		await ready(page);
		assert.match(await page.textContent('main [role=status]'), /We hebben u een e-mail gestuurd/);
		const banner = page.locator('#verify-banner');
		assert.match(await banner.textContent(), /Bevestig uw e-mailadres — we hebben u een e-mail gestuurd/);
		await checkAxe(page, 'home with the verification banner');
		await screenshot(page, 'bevestig-banner-1280');
		const first = await verifyLink(email);
		if (first.mail) {
			assert.match(first.mail.subject, /e-mailadres/i);
			assert.equal(first.mail.headers['list-unsubscribe'], undefined, 'no unsubscribe on an account mail');
		}

		// "Stuur opnieuw" sends another.
		await banner.getByRole('button', { name: 'Stuur opnieuw' }).click();
		await banner.locator('.resend-ok').waitFor();
		assert.match(await banner.textContent(), /We hebben een nieuwe e-mail gestuurd/);
		const second = await verifyLink(email, { after: 1 });

		// Posting waits, and says so with the way out.
		await open(page, '/hulpvraag-plaatsen.html');
		await page.fill('#title', 'Hulp met boodschappen');
		await page.selectOption('#category', 'shopping');
		await page.fill('#description', 'Een keer per week naar de supermarkt.');
		if (await page.isVisible('#postcode'))
			await page.fill('#postcode', '7811');
		await page.click('#request-submit');
		const summary = page.locator('#request-form [data-error-summary]');
		await summary.waitFor({ state: 'visible' });
		assert.match(await summary.textContent(), /Bevestig eerst uw e-mailadres/);
		assert.equal(await summary.getByRole('button', { name: 'Stuur opnieuw' }).count(), 1);
		await checkAxe(page, 'hulpvraag-plaatsen.html, address not confirmed');

		// The link in the (newest) mail confirms; the banner goes.
		await page.goto(second.url);
		await ready(page);
		assert.equal(new URL(page.url()).hash, '', 'the token leaves the address bar');
		assert.match(await page.textContent('#verify-status'), /Uw e-mailadres is bevestigd/);
		assert.equal(await page.locator('#verify-banner').count(), 0);
		await checkAxe(page, 'email-bevestigen.html, confirmed');
		await screenshot(page, 'email-bevestigen-1280');
		await open(page, '/');
		assert.equal(await page.locator('#verify-banner').count(), 0, 'no banner any more');
		// The same link again: no longer valid, and nothing more to do.
		await page.goto(second.url);
		await ready(page);
		assert.match(await page.textContent('#verify-status'), /niet \(meer\) geldig/);
		assert.match(await page.textContent('#verify-next'), /al bevestigd/);

		// Now posting works.
		await open(page, '/hulpvraag-plaatsen.html');
		await page.fill('#title', 'Hulp met boodschappen');
		await page.selectOption('#category', 'shopping');
		await page.fill('#description', 'Een keer per week naar de supermarkt.');
		await Promise.all([page.waitForURL(/mijn-hulpvragen\.html/), page.click('#request-submit')]);
		assertNoScriptErrors(page);
	} finally {
		await context.close();
	}
});

test('email-bevestigen.html with a wrong or missing token, logged out: says so and how to get a new mail', async () => {
	const { context, page } = await newPage(browser);
	try {
		await open(page, '/email-bevestigen.html#token=geen-echte-token');
		assert.equal(new URL(page.url()).hash, '');
		assert.match(await page.textContent('#verify-status'), /niet \(meer\) geldig/);
		assert.equal(await page.locator('#verify-next a[href^="/inloggen.html"]').count(), 1);
		await checkAxe(page, 'email-bevestigen.html, invalid');
		await open(page, '/email-bevestigen.html');
		assert.match(await page.textContent('#verify-status'), /niet compleet/);
	} finally {
		await context.close();
	}
	// Logged in and not confirmed: the new mail is asked for right there.
	const u = await apiRegister({ tag: 'verify-bad', roles: ['resident'], name: 'Ben Onbevestigd', verified: false });
	const c = new ApiClient();
	c.email = u.email;
	c.password = u.password;
	const { context: ctx, page: p } = await pageAs(c, { lang: 'en' });
	try {
		await open(p, '/email-bevestigen.html#token=nope');
		assert.match(await p.textContent('#verify-status'), /not valid \(any more\)/);
		await p.locator('#verify-next').getByRole('button', { name: 'Send again' }).click();
		await p.locator('#verify-next .resend-ok').waitFor();
		await checkAxe(p, 'email-bevestigen.html, invalid, resend, in English');
		assertNoScriptErrors(p);
	} finally {
		await ctx.close();
	}
});

test('the unsubscribe link in a mail turns that mail off; used again it is no longer valid', { skip: needsMail }, async () => {
	const resident = await person('unsub', ['resident'], 'Umberto Uitschrijven');
	const volunteer = await person('unsub-vol', ['volunteer'], 'Wendy Wil Helpen');
	const req = await approvedRequest(resident, 'Een praatje op dinsdag');
	const m = await volunteer.call('POST', '/matches', { request_id: req.id, message: 'Ik kom graag langs.' });
	assert.equal(m.status, 201, JSON.stringify(m.data));
	// The mail about the response (not the one about the approval): it links to the match.
	const mail = await waitForMail(resident.email, { link: '/afmelden.html', where: (x) => x.links.some((l) => l.includes(m.data.match.id)) });
	assert.ok(mail.headers['list-unsubscribe'], 'List-Unsubscribe is set');
	assert.doesNotMatch(mail.text, /Ik kom graag langs/, 'the message text is not in the mail');

	const { context, page } = await pageAs(resident);
	try {
		await page.goto(mailLink(mail, '/afmelden.html'));
		await ready(page);
		assert.equal(new URL(page.url()).hash, '', 'the token leaves the address bar');
		assert.match(await page.textContent('#unsubscribe-status'), /U krijgt deze e-mails niet meer/);
		assert.equal(await page.locator('#unsubscribe-next a[href="/profiel.html#meldingen"]').count(), 1);
		await checkAxe(page, 'afmelden.html, done');
		await screenshot(page, 'afmelden-1280');
		const settings = (await resident.call('GET', '/me/notification-settings')).data.email;
		assert.equal(settings['match.responded'], 'off');
		await page.goto(mailLink(mail, '/afmelden.html'));
		await ready(page);
		assert.match(await page.textContent('#unsubscribe-status'), /niet \(meer\) geldig/);
		// The profile shows it off.
		await page.click('#unsubscribe-next a');
		await ready(page);
		assert.equal(await page.isChecked('#nk-match-responded-off'), true);
		assertNoScriptErrors(page);
	} finally {
		await context.close();
	}
});
