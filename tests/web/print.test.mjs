// On paper (issue 19 part 4), in Chromium with the print media emulated and
// a real PDF made: a request, a match (who, when, how to reach each other)
// and the directory (a paper sociale kaart) keep their content; the header
// and its navigation, the footer, buttons and forms are gone; links that
// lead elsewhere print where they lead. The PDFs land beside the
// screenshots (print-*.pdf).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launch, newPage, open, apiRegister, ApiClient, BASE, SHOTS, assertNoScriptErrors } from './lib/browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// What a sheet of paper shows: the visible text and whether the controls
// are there at all.
async function onPaper(page, name) {
	await page.emulateMedia({ media: 'print' });
	const seen = await page.evaluate(() => {
		const shown = (e) => e.checkVisibility();
		return {
			text: document.querySelector('main').innerText,
			header: shown(document.querySelector('.site-header')),
			nav: [...document.querySelectorAll('nav')].some(shown),
			footer: shown(document.querySelector('.site-footer')),
			buttons: [...document.querySelectorAll('button, .button, input, select, textarea')].filter(shown).map((e) => e.outerHTML.slice(0, 80)),
			forms: [...document.querySelectorAll('form')].filter(shown).map((f) => f.id),
		};
	});
	mkdirSync(SHOTS, { recursive: true });
	const pdf = await page.pdf({ path: join(SHOTS, `${name}.pdf`), format: 'A4', printBackground: false });
	assert.ok(pdf.length > 1000, `${name}: a PDF was made`);
	await page.emulateMedia({ media: 'screen' });
	assert.equal(seen.header, false, `${name}: no header on paper`);
	assert.equal(seen.nav, false, `${name}: no navigation on paper`);
	assert.equal(seen.footer, false, `${name}: no footer on paper`);
	assert.deepEqual(seen.buttons, [], `${name}: no buttons or fields on paper`);
	assert.deepEqual(seen.forms, [], `${name}: no forms on paper`);
	return seen.text;
}

async function setUpMatch() {
	const moderator = new ApiClient();
	await moderator.login('moderator@demo.burenhulp.nl');
	const owner = await apiRegister({ tag: 'print-own', roles: ['resident'], name: 'Riet Print' });
	const helper = await apiRegister({ tag: 'print-vol', roles: ['volunteer'], name: 'Henk Helpt' });
	const ownerApi = new ApiClient();
	await ownerApi.login(owner.email, owner.password);
	const helperApi = new ApiClient();
	await helperApi.login(helper.email, helper.password);
	const tag = Date.now().toString(36);
	const posted = await ownerApi.call('POST', '/requests', {
		title: `Naar het ziekenhuis ${tag}`, description: 'Vervoer naar het Scheper Ziekenhuis voor een controle.',
		category: 'transport', postcode: '7811',
		when: { start: '2030-03-05T09:00:00Z', end: '2030-03-05T12:00:00Z' },
		private: { address: `Hoofdstraat ${tag}`, phone: '0591 123456' },
	});
	assert.equal(posted.status, 201, JSON.stringify(posted.data));
	const request = posted.data.request;
	if (request.status === 'pending')
		assert.equal((await moderator.call('POST', `/requests/${request.id}/review`, { decision: 'approve' })).status, 200);
	const m = await helperApi.call('POST', '/matches', { request_id: request.id, message: 'Ik rij u graag.' });
	assert.equal(m.status, 201, JSON.stringify(m.data));
	assert.equal((await ownerApi.call('POST', `/matches/${m.data.match.id}/accept`)).status, 200);
	return { tag, request, matchId: m.data.match.id, helper, owner };
}

let fixture;

test('a request on paper: title, what is needed, when and where; no response form, no buttons', async () => {
	fixture = await setUpMatch();
	// The owner's view (a matched request is no longer public).
	const c = new ApiClient();
	await c.login(fixture.owner.email, fixture.owner.password);
	const { context, page } = await newPage(browser);
	await context.addCookies([{ name: 'bh_session', value: c.cookie.split('=')[1], url: BASE, httpOnly: true, sameSite: 'Lax' }]);
	await open(page, `/hulpvraag.html?id=${fixture.request.id}`);
	assert.equal(await page.isVisible('.print-button'), true, 'a print button on screen');
	const text = await onPaper(page, 'print-request');
	assert.match(text, new RegExp(`Naar het ziekenhuis ${fixture.tag}`));
	assert.match(text, /Scheper Ziekenhuis/);
	assert.match(text, /5 maart 2030/, 'when');
	assert.match(text, /7811/, 'where');
	assert.match(text, new RegExp(`Hoofdstraat ${fixture.tag}`), 'the owner\'s private part, marked');
	assertNoScriptErrors(page);
	await context.close();
});

test('a match on paper: who, when, and how to reach each other (the address and phone for the volunteer)', async () => {
	const c = new ApiClient();
	await c.login(fixture.helper.email, fixture.helper.password);
	const { context, page } = await newPage(browser);
	await context.addCookies([{ name: 'bh_session', value: c.cookie.split('=')[1], url: BASE, httpOnly: true, sameSite: 'Lax' }]);
	await open(page, `/match.html?id=${fixture.matchId}`);
	await page.locator('#private-section').waitFor();
	const text = await onPaper(page, 'print-match');
	assert.match(text, new RegExp(`Naar het ziekenhuis ${fixture.tag}`), 'what');
	assert.match(text, /Riet Print/, 'who asked');
	assert.match(text, /5 maart 2030/, 'when');
	assert.match(text, new RegExp(`Hoofdstraat ${fixture.tag}`), 'the address');
	assert.match(text, /0591 123456/, 'the phone');
	assert.doesNotMatch(text, /Ik rij u graag/, 'not the conversation');
	assertNoScriptErrors(page);
	await context.close();
});

test('the directory on paper is a sociale kaart: the organisations with their contacts, without the search or the requests', async () => {
	const { context, page } = await newPage(browser);
	await open(page, '/?near=7811');
	await page.locator('#orgs-list li').first().waitFor();
	const names = await page.$$eval('#orgs-list li h3', (hs) => hs.map((h) => h.textContent));
	assert.ok(names.length > 0);
	const text = await onPaper(page, 'print-directory');
	for (const n of names)
		assert.ok(text.includes(n), `${n} on paper`);
	assert.doesNotMatch(text, /Hoe werkt het\?/, 'not the introduction');
	assert.doesNotMatch(text, /Hulpvragen in de buurt/, 'not the requests');
	// A website prints where it leads.
	await page.emulateMedia({ media: 'print' });
	const after = await page.$eval('#orgs-list a[href^="http"]', (a) => getComputedStyle(a, '::after').content);
	await page.emulateMedia({ media: 'screen' });
	assert.match(after, /https?:\/\//);
	assertNoScriptErrors(page);
	await context.close();
});
