// The whole story in Arabic and in Turkish (issue 19, "done means"): a
// caregiver whose browser speaks her language registers, asks help for her
// mother (with her mother's consent and a private part), accepts the
// volunteer who responds, writes to her and marks the help done — every
// step in her language, read from web/i18n/<lang>.json, with lang and dir
// on the page, axe clean, nothing scrolling sideways at 375 px.
// Screenshots: story-<lang>-*.png.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
	launch, newPage, open, ready, checkAxe, screenshot, assertNoScriptErrors, apiRegister, uniqueEmail, ApiClient, BASE, REPO,
} from './lib/browser.mjs';
import { verifyLink } from './lib/mail.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const STORIES = [
	{ lang: 'ar', dir: 'rtl', name: 'Fatima', mother: 'Amina', title: 'تسوق لأمي', description: 'التسوق كل يوم ثلاثاء في السوبرماركت القريب، حوالي ساعة.', message: 'شكرًا لك، إلى يوم الثلاثاء.' },
	{ lang: 'tr', dir: 'ltr', name: 'Ayşe', mother: 'Fadime', title: 'Annem için alışveriş', description: 'Her salı köşedeki markette alışveriş, yaklaşık bir saat.', message: 'Teşekkürler, salı günü görüşürüz.' },
];

for (const s of STORIES) {
	const M = JSON.parse(readFileSync(join(REPO, 'web', 'i18n', `${s.lang}.json`), 'utf8'));
	/** A text of the language file with its {name} placeholders filled in. */
	const t = (key, vars = {}) => key.split('.').reduce((o, k) => o[k], M).replace(/\{(\w+)\}/g, (_, n) => vars[n]);

	test(`a caregiver who reads ${M._meta.language} asks help for her mother and follows it to the end in ${s.lang}`, async () => {
		const moderator = new ApiClient();
		await moderator.login('moderator@demo.burenhulp.nl');
		const vera = await apiRegister({ tag: `vol${s.lang}`, roles: ['volunteer'], name: 'Vera', postcode: '7811' });
		const p = await newPage(browser, { width: 375, height: 812 });
		const { context, page: c } = p;
		await context.addInitScript((lang) => localStorage.setItem('bh_lang', lang), s.lang);
		const pageIs = async (label) => {
			assert.equal(await c.evaluate(() => document.documentElement.lang), s.lang, `${label}: <html lang>`);
			assert.equal(await c.evaluate(() => document.documentElement.dir || 'ltr'), s.dir, `${label}: <html dir>`);
			const { scroll, width } = await c.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
			assert.ok(scroll <= width, `${label}: ${scroll} px wide in a ${width} px window`);
			await checkAxe(c, `${label} (${s.lang})`);
		};
		try {
			// ---- she registers as a caregiver -----------------------------------
			await open(c, '/');
			await pageIs('index.html');
			await c.goto(`${BASE}/registreren.html?role=caregiver`);
			await ready(c);
			assert.equal(await c.isChecked('#role-caregiver'), true);
			const email = uniqueEmail(`story${s.lang}`);
			await c.fill('#display_name', s.name);
			await c.fill('#email', email);
			await c.fill('#password', 'zorgen-voor-mijn-moeder');
			await c.fill('#postcode', '7811 AB');
			await c.check('#accept_terms');
			await pageIs('registreren.html');
			await Promise.all([c.waitForURL(`${BASE}/`), c.click('#register-form button[type=submit]')]);
			await ready(c);
			if (await c.locator('#verify-banner').count()) {
				await c.goto((await verifyLink(email)).url);
				await ready(c);
			}
			// Her account speaks her language too (the mails follow it).
			const me = new ApiClient();
			await me.login(email, 'zorgen-voor-mijn-moeder');
			assert.equal((await me.call('GET', '/me')).data.user.locale, s.lang);

			// ---- she asks help for her mother -----------------------------------
			await open(c, '/hulpvraag-plaatsen.html');
			assert.equal((await c.textContent('h1')).trim(), t('post.h1'));
			assert.equal(await c.isChecked('#for-other'), true, 'a caregiver asks for someone by default');
			await c.fill('#first_name', s.mother);
			await c.check('#consent-verbal');
			await c.fill('#title', s.title);
			await c.selectOption('#category', 'shopping');
			await c.fill('#description', s.description);
			await c.fill('#address', 'Kerkstraat 3, Emmen');
			await pageIs('hulpvraag-plaatsen.html filled in');
			await screenshot(c, `story-${s.lang}-hulpvraag-375`);
			await Promise.all([c.waitForURL(/mijn-hulpvragen\.html/), c.click('#request-submit')]);
			await ready(c);
			const card = c.locator('#myrequests-list li.card', { hasText: s.title }).first();
			const requestId = new URL(await card.locator('h2 a').getAttribute('href'), BASE).searchParams.get('id');
			assert.ok(requestId);
			// The category is named in her language, not the admin's Dutch.
			assert.match(await card.textContent(), new RegExp(escape(t('category_names.shopping'))));
			assert.doesNotMatch(await card.textContent(), /Boodschappen/);
			// What she wrote carries her language, for screen readers.
			assert.equal(await card.locator('h2 a').evaluate((a) => a.closest('[lang]').lang), s.lang);
			const got = await me.call('GET', `/requests/${requestId}`);
			assert.equal(got.data.request.lang, s.lang);
			if (got.data.request.status === 'pending') {
				const r = await moderator.call('POST', `/requests/${requestId}/review`, { decision: 'approve' });
				assert.equal(r.status, 200, JSON.stringify(r.data));
			}

			// ---- a volunteer responds; she accepts -----------------------------
			const veraApi = new ApiClient();
			await veraApi.login(vera.email, vera.password);
			const m = await veraApi.call('POST', '/matches', { request_id: requestId, message: 'Ik help graag, dinsdag kan ik.' });
			assert.equal(m.status, 201, JSON.stringify(m.data));
			await open(c, '/mijn-hulpvragen.html');
			const resp = c.locator(`#r-${requestId} li.card`, { hasText: 'Vera' });
			assert.match(await resp.textContent(), new RegExp(escape(t('myrequests.response_from', { name: 'Vera' }))));
			// The volunteer's Dutch words run left to right on her Arabic page.
			assert.equal(await resp.locator('blockquote.introduction p:not(.small)').getAttribute('dir'), 'auto');
			await pageIs('mijn-hulpvragen.html with a response');
			await screenshot(c, `story-${s.lang}-reactie-375`);
			await resp.getByRole('button', { name: t('myrequests.accept', { name: 'Vera' }) }).click();
			await c.locator('#myrequests-status .notice-ok').waitFor();
			assert.equal((await c.textContent('#myrequests-status .notice-ok')).trim(), t('myrequests.accepted', { name: 'Vera' }));

			// ---- she writes to the volunteer, then marks the help done ----------
			await open(c, `/match.html?id=${m.data.match.id}`);
			await c.fill('#body', s.message);
			await c.click('#message-form button[type=submit]');
			await c.locator('#messages-list li.message-mine', { hasText: s.message }).waitFor();
			assert.match(await c.textContent('#messages-status'), new RegExp(escape(t('match.message_sent'))));
			assert.equal(await c.locator('#messages-list li.message-mine .message-body').first().getAttribute('dir'), 'auto');
			await pageIs('match.html as the caregiver');
			await screenshot(c, `story-${s.lang}-afspraak-375`);
			await c.fill('#complete-form-hours', '1');
			await c.click('#complete-form button[type=submit]');
			await c.locator('#actions-status .notice-ok').waitFor();
			assert.equal((await c.textContent('#actions-status .notice-ok')).trim(), t('match.completed_ok'));
			await open(c, '/mijn-hulpvragen.html');
			assert.match(await c.locator(`#r-${requestId}`).textContent(), new RegExp(escape(t('status.request.completed'))));
			await pageIs('mijn-hulpvragen.html done');
			await screenshot(c, `story-${s.lang}-klaar-375`);
			assertNoScriptErrors(c);
		} finally {
			await context.close();
		}
	});
}
