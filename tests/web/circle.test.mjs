// circle.test.mjs — the circle around a person (issue 18 part 3) in the
// browser, the whole flow: a caregiver makes a circle on kring.html and
// invites a neighbour by e-mail; the neighbour follows the mail's link,
// logs in and joins; the caregiver asks the circle first in the request
// form; the neighbour sees it on the circle's agenda and by id, a stranger
// does not; the caregiver asks everyone after all with the button on the
// request page. Keyboard for the main steps, axe on every new page, Dutch
// and English. Screenshots into tests/results/screenshots/ (circle-*.png).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	launch, newPage, open, ready, checkAxe, screenshot, assertNoScriptErrors, apiRegister, uiLogin, ApiClient,
} from './lib/browser.mjs';
import { waitForMail, mailLink } from './lib/mail.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const RUN = Date.now().toString(36);

test('owner invites, member accepts via the mail\'s link, a circle request only the member sees, then published', async () => {
	const owner = await apiRegister({ tag: 'kring-owner', roles: ['caregiver'], name: `Mantelzorger ${RUN}` });
	const member = await apiRegister({ tag: 'kring-member', roles: ['resident'], name: `Buurvrouw ${RUN}` });
	const stranger = new ApiClient();
	const s = await apiRegister({ tag: 'kring-stranger', roles: ['volunteer'] });
	await stranger.login(s.email, s.password);

	const { context: oc, page: o } = await newPage(browser);
	const { context: mc, page: m } = await newPage(browser);
	try {
		// ---- the owner makes a circle, keyboard only -------------------
		await uiLogin(o, owner.email, owner.password, '/kring.html');
		await open(o, '/kring.html');
		await checkAxe(o, 'kring.html (no circle yet)');
		await o.focus('#circle-first-name');
		await o.keyboard.type('Riet');
		await Promise.all([o.waitForURL(/kring\.html\?id=/), o.keyboard.press('Enter')]);
		await ready(o);
		assert.match(await o.textContent('h1'), /Kring rond Riet/);
		const circleId = new URL(o.url()).searchParams.get('id');

		// ---- and invites the neighbour --------------------------------
		await o.fill('#invite-email', member.email);
		await o.click('button:has-text("Uitnodiging sturen")');
		await o.locator('#circle-live', { hasText: member.email }).waitFor();
		await checkAxe(o, 'kring.html (owner, invitation pending)');
		await screenshot(o, 'circle-owner');

		// ---- the neighbour follows the link in the mail -----------------
		const mail = await waitForMail(member.email, { link: '/kring-uitnodiging.html' });
		assert.match(mail.subject, new RegExp(`Mantelzorger ${RUN}`));
		const link = new URL(mailLink(mail, '/kring-uitnodiging.html'));
		await open(m, link.pathname + link.hash);
		assert.match(await m.textContent('#accept-status'), /Log eerst in/);
		assert.ok(!m.url().includes('token='), 'the token leaves the address bar');
		await checkAxe(m, 'kring-uitnodiging.html (logged out)');
		await uiLogin(m, member.email, member.password, '/kring-uitnodiging.html');
		await m.locator('#accept-status', { hasText: 'U bent nu lid van de kring rond Riet' }).waitFor();
		await checkAxe(m, 'kring-uitnodiging.html (accepted)');
		await screenshot(m, 'circle-accepted');

		// ---- the owner asks the circle first ----------------------------
		await open(o, '/hulpvraag-plaatsen.html');
		await o.check('#for-self').catch(() => {});
		if (await o.isVisible('#first_name')) {
			await o.fill('#first_name', 'Riet');
			await o.check('#consent-verbal');
		}
		assert.ok(await o.isVisible('#circle-fields'), 'the circle choice shows for an owner');
		await o.check('#circle_first');
		await o.selectOption('#circle_id', circleId);
		await o.selectOption('#circle_hours', '72');
		const title = `Kringvraag ${RUN}`;
		await o.fill('#title', title);
		await o.selectOption('#category', 'shopping');
		await o.fill('#description', 'Wie uit de kring kan zaterdag boodschappen doen voor Riet?');
		await checkAxe(o, 'hulpvraag-plaatsen.html with the circle');
		await screenshot(o, 'circle-request-form');
		await Promise.all([o.waitForURL(/mijn-hulpvragen\.html/), o.click('#request-submit')]);
		const mine = await new ApiClient();
		await mine.login(owner.email, owner.password);
		const reqs = (await mine.call('GET', '/me/requests')).data.items;
		const req = reqs.find((r) => r.title === title);
		assert.ok(req, 'posted');
		const full = (await mine.call('GET', `/requests/${req.id}`)).data.request;
		assert.equal(full.audience, 'circle');
		assert.equal(full.status, 'open');

		// ---- the member sees it on the agenda; a stranger does not --------
		await open(m, `/kring.html?id=${circleId}`);
		await m.locator(`a[href="/hulpvraag.html?id=${req.id}"]`).waitFor();
		await checkAxe(m, 'kring.html (member)');
		await screenshot(m, 'circle-member-agenda');
		await open(m, `/hulpvraag.html?id=${req.id}`);
		assert.match(await m.textContent('main'), /alleen de leden zien hem/);
		assert.equal((await stranger.call('GET', `/requests/${req.id}`)).status, 404);

		// ---- the owner asks everyone after all ---------------------------
		await open(o, `/hulpvraag.html?id=${req.id}`);
		await o.click('button:has-text("Toch aan iedereen vragen")');
		await checkAxe(o, 'hulpvraag.html (publish question)');
		await o.click('button:has-text("Ja, aan iedereen vragen")');
		await o.locator('#request-status', { hasText: 'voor iedereen' }).waitFor();
		const after = (await mine.call('GET', `/requests/${req.id}`)).data.request;
		assert.equal(after.audience, 'public');

		// ---- in English too ---------------------------------------------
		await o.evaluate(() => localStorage.setItem('bh_lang', 'en'));
		await open(o, `/kring.html?id=${circleId}`);
		await checkAxe(o, 'kring.html in English');
		assertNoScriptErrors(o);
		assertNoScriptErrors(m);
	} finally {
		await oc.close();
		await mc.close();
	}
});
