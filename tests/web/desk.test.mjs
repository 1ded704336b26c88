// desk.test.mjs — issue 18 part 4 in the browser: a professional of the
// WMO desk takes a request by telephone ("Telefonische aanmelding" from
// Mijn cliënten), is asked for the client's number to call back, and after
// posting lands on the caseload, where the request waits for a moderator.
// A volunteer responds and the step says to review it; accepted, the step
// says to pass the appointment on, and the letter (reached by keyboard)
// names who comes by first name only, when, what for, and the desk's phone;
// printed, nothing of the site is around it. In English too. Another
// professional cannot open the letter. axe on every new page and state;
// screenshots on screen and in print emulation.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	launch, newPage, open, ready, checkAxe, screenshot, assertNoScriptErrors, ApiClient, apiRegister, BASE, DEMO_PASSWORD,
	waitForNotice,
} from './lib/browser.mjs';
import { mariadb } from '../api/lib/explain.mjs';

let browser, admin, moderator;
before(async () => {
	browser = await launch();
	admin = new ApiClient();
	await admin.login('admin@demo.burenhulp.nl');
	moderator = new ApiClient();
	await moderator.login('moderator@demo.burenhulp.nl');
});
after(async () => { await browser?.close(); });

async function professional() {
	const p = await apiRegister({ tag: 'desk', roles: ['resident'], name: 'Loket Medewerker' });
	const r = await admin.call('PATCH', `/users/${p.user.id}`, { roles: ['professional'] });
	assert.equal(r.status, 200, JSON.stringify(r.data));
	const api = new ApiClient();
	await api.login(p.email, p.password);
	return { ...p, api };
}

async function browse(api, opts) {
	const { context, page } = await newPage(browser, opts);
	await context.addCookies([{ name: 'bh_session', value: api.cookie.split('=')[1], url: BASE, httpOnly: true, sameSite: 'Lax' }]);
	return { context, page };
}

test('telephone intake → caseload with the next step → the letter, on screen and on paper', async () => {
	const pro = await professional();
	const { context, page } = await browse(pro.api);
	try {
		await open(page, '/caseload.html');
		assert.match(await page.textContent('h1'), /Mijn cliënten/);
		assert.equal(await page.isVisible('#site-nav a[href="/caseload.html"]'), true, 'in the navigation');
		assert.match(await page.textContent('#caseload-list'), /Hier staat nog niets/);
		await checkAxe(page, 'the empty caseload');
		await screenshot(page, 'desk-caseload-empty-1280');

		// The telephone intake.
		await Promise.all([page.waitForURL(/hulpvraag-plaatsen/), page.click('text=Nieuwe telefonische aanmelding')]);
		await ready(page);
		assert.equal(await page.isChecked('#phone_intake'), true, 'telephone mode on');
		assert.equal(await page.isChecked('#for-other'), true);
		assert.equal(await page.isChecked('#consent-telephone'), true, 'consent by telephone');
		assert.match(await page.textContent('label[for=req_phone]'), /om terug te bellen/);
		await checkAxe(page, 'the request form in telephone mode');
		await screenshot(page, 'desk-phone-intake-1280');
		const tag = Math.random().toString(36).slice(2, 8);
		await page.fill('#first_name', 'Truus');
		await page.fill('#title', `Boodschappen op donderdag ${tag}`);
		await page.selectOption('#category', 'shopping');
		await page.fill('#description', 'Mevrouw heeft geen internet en zoekt iemand die wekelijks boodschappen doet.');
		await page.fill('#postcode', '7811 AB');
		await page.click('#request-submit');
		// No number to call back: asked for it, nothing posted.
		await page.locator('[data-error-summary]:not([hidden])').first().waitFor();
		assert.match(await page.textContent('[data-error-summary]'), /Telefoonnummer van de cliënt/);
		assert.ok(page.url().includes('/hulpvraag-plaatsen.html'), 'not posted without a phone number');
		await page.fill('#req_phone', '0591-612345');
		await Promise.all([page.waitForURL(/caseload\.html/), page.click('#request-submit')]);
		await ready(page);
		await waitForNotice(page, /ontvangen/);
		const card = page.locator('.caseload-item', { hasText: tag });
		assert.match(await card.textContent(), /Voor Truus/);
		assert.match(await card.textContent(), /wacht op controle door een moderator/);
		assert.match(await card.textContent(), /Toestemming telefonisch gegeven/);
		assert.doesNotMatch(await card.textContent(), /0591-612345/, 'the phone is not on the list');
		const id = (await card.getAttribute('id')).slice(2);

		// A moderator approves, a volunteer responds: review the response.
		assert.equal((await moderator.call('POST', `/requests/${id}/review`, { decision: 'approve' })).status, 200);
		const vol = await apiRegister({ tag: 'desk-vol', roles: ['volunteer'], name: 'Henk Jansen' });
		const v = new ApiClient();
		await v.login(vol.email, vol.password);
		const m = await v.call('POST', '/matches', { request_id: id, message: 'Ik kan op donderdag.' });
		assert.equal(m.status, 201, JSON.stringify(m.data));
		await open(page, '/caseload.html');
		assert.match(await card.textContent(), /reactie beoordelen/);
		assert.match(await card.textContent(), /1 reactie wacht op u/);
		assert.equal(await page.locator('.caseload-item').first().getAttribute('id'), `c-${id}`, 'what needs doing first');
		await checkAxe(page, 'the caseload with a response to review');

		// Accepted: pass the appointment on; the letter by keyboard.
		assert.equal((await pro.api.call('POST', `/matches/${m.data.match.id}/accept`)).status, 200);
		await open(page, '/caseload.html?next_step=tell_client');
		assert.match(await card.textContent(), /afspraak doorgeven aan de cliënt/);
		await checkAxe(page, 'the caseload with a match');
		await screenshot(page, 'desk-caseload-1280');
		await card.locator('a', { hasText: 'Brief voor Truus' }).focus();
		await Promise.all([page.waitForURL(/afspraakbrief\.html/), page.keyboard.press('Enter')]);
		await ready(page);
		const letter = page.locator('#letter');
		await letter.waitFor({ state: 'visible' });
		const text = await letter.textContent();
		assert.match(text, /Er komt iemand helpen/);
		assert.match(text, /Beste Truus,/);
		assert.match(text, /Henk/);
		assert.doesNotMatch(text, /Jansen/, 'the volunteer by first name only');
		assert.match(text, new RegExp(`Boodschappen op donderdag ${tag}`));
		assert.match(text, /14 0591/, 'the desk\'s phone');
		assert.doesNotMatch(text, /0591-612345/, 'not the client\'s own number');
		assert.equal(await page.isVisible('button:has-text("Afdrukken")'), true);
		await checkAxe(page, 'the letter');
		await screenshot(page, 'desk-letter-1280');

		// On paper: the letter alone, in large type.
		await page.emulateMedia({ media: 'print' });
		const shown = await page.evaluate(() => ({
			header: getComputedStyle(document.querySelector('.site-header')).display,
			footer: getComputedStyle(document.querySelector('.site-footer')).display,
			tools: getComputedStyle(document.querySelector('.letter-tools')).display,
			size: parseFloat(getComputedStyle(document.querySelector('.letter')).fontSize),
		}));
		assert.deepEqual({ ...shown, size: undefined }, { header: 'none', footer: 'none', tools: 'none', size: undefined });
		assert.ok(shown.size >= 20, `large type on paper (${shown.size}px)`);
		await screenshot(page, 'desk-letter-print');
		await page.emulateMedia({ media: 'screen' });

		// In English.
		await page.click('#lang-switch');
		await page.waitForFunction(() => document.documentElement.lang === 'en');
		assert.match(await letter.textContent(), /Someone is coming to help/);
		assert.match(await letter.textContent(), /Dear Truus,/);
		assert.match(await letter.textContent(), /Monday to Friday/, 'the desk\'s hours in English');
		await checkAxe(page, 'the letter in English');
		await screenshot(page, 'desk-letter-en-1280');
		assertNoScriptErrors(page);

		// Another professional: not there.
		const other = new ApiClient();
		await other.login('professional@demo.burenhulp.nl', DEMO_PASSWORD);
		const o = await browse(other);
		try {
			await open(o.page, `/afspraakbrief.html?id=${id}`);
			assert.equal(await o.page.isVisible('#letter'), false);
			assert.match(await o.page.textContent('main'), /bestaat niet/);
		} finally {
			await o.context.close();
		}
	} finally {
		await context.close();
	}
});

test('the caseload is for professionals: a resident is told it is not for them', async () => {
	const api = new ApiClient();
	await api.login('resident@demo.burenhulp.nl', DEMO_PASSWORD);
	const { context, page } = await browse(api);
	try {
		await open(page, '/caseload.html');
		assert.equal(await page.isVisible('#caseload-list'), false);
		assert.equal(await page.isVisible('#site-nav a[href="/caseload.html"]'), false, 'not in a resident\'s navigation');
		await checkAxe(page, 'the caseload as a resident');
	} finally {
		await context.close();
	}
});

test('a request left a week without a response: the caseload says to call the client, with the ways on', async () => {
	const pro = await professional();
	const r = await pro.api.call('POST', '/requests', {
		title: 'Een ritje naar de markt', description: 'Wie rijdt mevrouw op zaterdag naar de markt?', category: 'transport',
		postcode: '7811 AB', on_behalf_of: { first_name: 'Bep', consent: { how: 'telephone' } }, private: { phone: '0591-111222' },
	});
	assert.equal(r.status, 201, JSON.stringify(r.data));
	const id = r.data.request.id;
	assert.equal((await moderator.call('POST', `/requests/${id}/review`, { decision: 'approve' })).status, 200);
	assert.match(id, /^[A-Za-z0-9_-]{22}$/);
	mariadb(`UPDATE requests SET created_at = created_at - INTERVAL 9 DAY WHERE id = '${id}'`);
	const { context, page } = await browse(pro.api, { lang: 'en' });
	try {
		await open(page, '/caseload.html?next_step=call_client');
		const card = page.locator(`#c-${id}`);
		assert.match(await card.textContent(), /call the client \/ widen the distance/);
		assert.match(await card.textContent(), /No response for 9 days/);
		assert.equal(await card.locator('a', { hasText: 'Change the request for Bep' }).count(), 1);
		assert.equal(await card.locator('a', { hasText: 'Invite volunteers nearby for Bep' }).count(), 1);
		await checkAxe(page, 'the caseload in English, a client to call');
		await screenshot(page, 'desk-caseload-call-en-1280');
		assertNoScriptErrors(page);
	} finally {
		await context.close();
	}
});
