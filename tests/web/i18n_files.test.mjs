// The message files checked (issue 19 part 5), for the public site
// (web/i18n/*.json) and the admin (web/admin/i18n/*.json):
//   - every key of nl.json is in every language file and no language has a
//     key nl.json lacks;
//   - the placeholders of a message are the same in every language;
//   - every key a page or module uses exists, and every key exists because a
//     page or module uses it (keys built at run time are named below, each
//     with its reason, and each such family must still be built in the code);
//   - no English is left on a Dutch page: each page rendered in Chromium in
//     nl, its visible text (and its labels for screen readers) searched for
//     a short list of English words.
// The first three need no browser; the last one needs the stack.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { locale, LANGUAGE_INFO } from '../../web/js/i18n.js';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const web = join(repo, 'web');

// The CLDR plural categories: an object holding only these (and "other") is
// one message with plural forms, not a group of keys.
const PLURAL_FORMS = ['zero', 'one', 'two', 'few', 'many', 'other'];
export function isPlural(v) {
	return !!v && typeof v === 'object' && !Array.isArray(v) && 'other' in v
		&& Object.keys(v).every((k) => PLURAL_FORMS.includes(k));
}

// Keys starting with "_" are the file's header (who checked the
// translation), not messages.
function flatten(obj, prefix = '', out = new Map()) {
	for (const [k, v] of Object.entries(obj)) {
		if (!prefix && k.startsWith('_'))
			continue;
		const key = prefix ? `${prefix}.${k}` : k;
		if (v && typeof v === 'object' && !isPlural(v))
			flatten(v, key, out);
		else
			out.set(key, v);
	}
	return out;
}

function files(dir, ext, { skip = [] } = {}, out = []) {
	for (const name of readdirSync(dir)) {
		const p = join(dir, name);
		if (statSync(p).isDirectory()) {
			if (!skip.includes(name))
				files(p, ext, { skip }, out);
		} else if (name.endsWith(ext)) {
			out.push(p);
		}
	}
	return out;
}

// A language's file is <code>.json; <code>-<variant>.json is a layer over
// it (nl-b1.json, easy Dutch: web/js/easy.js), checked on its own below.
function languages(dir) {
	return readdirSync(dir).filter((f) => /^[a-z]+\.json$/.test(f)).map((f) => f.slice(0, -5)).sort();
}
function layers(dir) {
	return readdirSync(dir).filter((f) => /^[a-z]+-[a-z0-9]+\.json$/.test(f)).map((f) => f.slice(0, -5)).sort();
}

function dictionary(dir, lang) {
	return flatten(JSON.parse(readFileSync(join(dir, `${lang}.json`), 'utf8')));
}

// The placeholder names of a message (all plural forms together).
function placeholders(v) {
	const s = typeof v === 'string' ? v : Object.values(v).join(' ');
	return [...new Set([...s.matchAll(/\{(\w+)(?:,\s*([\w:]+))?\}/g)].map((m) => (m[2] ? `${m[1]},${m[2]}` : m[1])))].sort();
}

// Every key referenced literally in these files: data-i18n attributes,
// data-i18n-attr pairs, data-busy-key, and quoted dotted strings in modules
// (t('…'), setText(el, '…'), el('p', '…')…).
function literalKeys(paths) {
	const used = new Set();
	for (const f of paths) {
		const s = readFileSync(f, 'utf8');
		if (f.endsWith('.html')) {
			for (const m of s.matchAll(/data-i18n="([^"]+)"/g))
				used.add(m[1]);
			for (const m of s.matchAll(/data-i18n-attr="([^"]+)"/g))
				for (const pair of m[1].split(';'))
					used.add(pair.split(':')[1].trim());
			for (const m of s.matchAll(/data-busy-key="([^"]+)"/g))
				used.add(m[1]);
		} else {
			// Comments name keys as examples; only code counts.
			const code = s.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
			for (const m of code.matchAll(/['"`]([a-z][a-z0-9_]*(?:\.[a-z0-9_-]+)+)['"`]/g))
				if (!/\.(js|json|html|css|svg|png)$/.test(m[1]))
					used.add(m[1]);
		}
	}
	return used;
}

// Families of keys built at run time: the prefix as it stands in the code
// (`prefix${…}` or 'prefix' + …), and why the rest is not literal there.
const SITE_DYNAMIC = {
	'category_names.': "a standard category's name by its id, for the languages the admin's two names do not cover (page.js categoryLabel)",
	'talent_names.': "a standard talent's name by its id, as category_names (talents.js talentLabel, issue 18)",
	'flash.': 'the flash message named in the URL after a redirect (page.js FLASHES)',
	'days.': 'a weekday code of the API (mon … sun)',
	'status.': 'status.<kind>.<status>: a status of a request, offer or match from the API',
	'roles.': 'roles.<role>.name: a role from the API',
	'errors.code.': 'the code of a field error in a problem+json answer',
	'errors.field.': 'errors.field.<field>.<code>: the field and code of a problem+json answer',
	'errors.api.': 'the problem type of an API answer',
	'errors.status.': 'an HTTP status without a problem+json body',
	'care.advice.': 'the advice topics of the caregiver check, from the API',
	'care.advice_often.': 'how often care is given, a value of the API',
	'care.kind.': 'the kind of an organisation (respite, caregiver-support …)',
	'care.vog_state.': 'the state of a VOG record from the API',
	'care.field.': 'the field names of a request the care page fills in',
	'care.how.': 'how consent was given, a value of the API',
	'match.nothing_': 'match.nothing_<status>: the empty list per match status',
	'kinds.': 'the kind of a notification (API names such as match.accepted)',
	'freq.': 'the frequency of an alert or notification setting (instant, daily, off)',
	'email.': 'the mail setting per notification kind',
	'alert.': 'the field of an alert named in a field error',
	'report.target_': 'report.target_<type>[_named]: the type of what is reported',
	'cgcheck.q': 'cgcheck.q<1…13>: the questions of the caregiver check, numbered',
	'myorg.': 'myorg.<field>: the fields of an organisation a coordinator edits',
};
const ADMIN_DYNAMIC = {
	'admin.type.': 'the type of a reported target (request, offer, message, user)',
	'admin.queue.flag.': 'the flags of a post in the queue, from the API',
	'admin.queue.reason_preset.': 'the preset reasons of a rejection',
	'admin.queue.reason_legend_': 'reason_legend_<action> (reject, hide)',
	'admin.queue.confirm_': 'confirm_<action>',
	'admin.queue.done_': 'done_<action>',
	'admin.reports.user_status.': 'the status of a reported user',
	'admin.reports.resolution_value.': 'the resolution of a report from the API',
	'admin.reports.done_': 'done_<resolution>',
	'admin.reports.empty_': 'empty_<open|resolved>, the tab shown',
	'admin.reports.count_': 'count_<open|resolved>, the tab shown',
	'admin.users.status_': 'the status of a user from the API',
	'admin.categories.': 'admin.categories.th_<column>: the table header per column',
	'admin.talents.': 'admin.talents.th_<column>: the table header per column (issue 18)',
	'admin.figures.tile.': 'a figure of the stats answer, by its name',
	'admin.figures.unit.': 'the unit of a period (day, week, month, year)',
	'admin.audit.': 'admin.audit.th_<column> and admin.audit.kind.<action with "." as "__">',
	'admin.checkins.answer_': 'the answer of a check-in from the API',
	'admin.vog.': 'admin.vog.<decision> and admin.vog.status_<status>',
	'admin.changes.': 'admin.changes.<decision>, status_<status> and done_<status> of an organisation change',
	'errors.field.': 'the field and code of a problem+json answer (admin forms)',
};

function dynamicPrefixesInCode(paths) {
	const text = paths.map((f) => readFileSync(f, 'utf8')).join('\n');
	const found = new Set();
	for (const m of text.matchAll(/`([a-z][a-z0-9_.]*[._a-z])\$\{/g))
		found.add(m[1]);
	for (const m of text.matchAll(/'([a-z][a-z0-9_.]*[._a-z])'\s*\+/g))
		found.add(m[1]);
	return found;
}

const SITE = join(web, 'i18n');
const ADMIN = join(web, 'admin', 'i18n');
const siteSources = [...files(web, '.html', { skip: ['admin'] }), ...files(join(web, 'js'), '.js')];
// The admin pages run the site's modules too (forms.js builds errors.field.*).
const adminSources = [...files(join(web, 'admin'), '.html', { skip: ['i18n'] }), ...files(join(web, 'admin', 'js'), '.js'), ...files(join(web, 'js'), '.js')];

for (const [name, dir, sources, dynamic, base] of [
	['site', SITE, siteSources, SITE_DYNAMIC, null],
	['admin', ADMIN, adminSources, ADMIN_DYNAMIC, SITE],
]) {
	const langs = languages(dir);
	const nl = dictionary(dir, 'nl');

	test(`${name}: every language file has exactly the keys of nl.json`, () => {
		assert.ok(langs.includes('en'), 'en.json exists');
		for (const lang of langs) {
			const d = dictionary(dir, lang);
			const missing = [...nl.keys()].filter((k) => !d.has(k));
			const extra = [...d.keys()].filter((k) => !nl.has(k));
			assert.deepEqual({ lang, missing, extra }, { lang, missing: [], extra: [] });
		}
	});

	test(`${name}: every message is text (or plural forms of text) with the placeholders of nl.json`, () => {
		for (const lang of langs) {
			const d = dictionary(dir, lang);
			const bad = [];
			for (const [k, v] of d) {
				const ok = typeof v === 'string' || (isPlural(v) && Object.values(v).every((x) => typeof x === 'string'));
				if (!ok || !v || (typeof v === 'string' && !v.trim()))
					bad.push(`${k}: not a text`);
				else if (nl.has(k) && JSON.stringify(placeholders(v)) !== JSON.stringify(placeholders(nl.get(k))))
					bad.push(`${k}: ${placeholders(v).join(' ')} ≠ nl ${placeholders(nl.get(k)).join(' ')}`);
			}
			assert.deepEqual({ lang, bad }, { lang, bad: [] });
		}
	});

	test(`${name}: every plural message has the forms its language needs (Intl.PluralRules), no others`, () => {
		for (const lang of langs) {
			const need = new Intl.PluralRules(locale(lang)).resolvedOptions().pluralCategories.sort();
			const bad = [];
			for (const [k, v] of dictionary(dir, lang))
				if (isPlural(v) && JSON.stringify(Object.keys(v).sort()) !== JSON.stringify(need))
					bad.push(`${k}: ${Object.keys(v).sort().join(' ')}`);
			assert.deepEqual({ lang, need, bad }, { lang, need, bad: [] });
		}
	});

	test(`${name}: every key used exists, and every key is used`, () => {
		const used = literalKeys(sources);
		const known = new Map(nl);
		if (base)
			for (const [k, v] of dictionary(base, 'nl'))
				known.set(k, v);
		const groups = new Set();
		for (const k of known.keys())
			for (let i = k.indexOf('.'); i > 0; i = k.indexOf('.', i + 1))
				groups.add(k.slice(0, i));
		const inCode = dynamicPrefixesInCode(sources);
		// A literal that is neither a key nor a group of keys nor the start
		// of a dynamic family is a missing key, unless it is an API name
		// that merely looks like one.
		const NOT_KEYS = new Set(['when.start', 'when.end', 'alert.radius_km', 'alert.postcode', 'alert.categories', 'alert.frequency',
			'on_behalf_of.first_name', 'on_behalf_of.consent', 'on_behalf_of.consent.how', 'demo.burenhulp.nl']);
		// Notification kinds (match.accepted …) and audit actions
		// (request.approve …) are API names, translated at kinds.<kind> and
		// admin.audit.kind.<action with "__" for ".">.
		const apiName = (k) => known.has(`kinds.${k}`) || known.has(`admin.audit.kind.${k.replace(/\./g, '__')}`);
		const missing = [...used].filter((k) => !known.has(k) && !groups.has(k) && !NOT_KEYS.has(k) && !apiName(k));
		assert.deepEqual(missing.sort(), [], 'keys used but not in nl.json');

		const stale = Object.keys(dynamic).filter((p) => ![...inCode].some((c) => c === p || c.startsWith(p) || p.startsWith(c)));
		assert.deepEqual(stale, [], 'families of keys named here that the code no longer builds');
		// A message may translate a value through a group: "{day, t:days}"
		// uses every key of days.
		const viaPlaceholder = new Set();
		for (const v of known.values())
			for (const m of (typeof v === 'string' ? v : Object.values(v).join(' ')).matchAll(/\{\w+,\s*t:([\w.]+)\}/g))
				viaPlaceholder.add(`${m[1]}.`);
		const unused = [...nl.keys()].filter((k) => !used.has(k) && !Object.keys(dynamic).some((p) => k.startsWith(p))
			&& ![...viaPlaceholder].some((p) => k.startsWith(p)));
		assert.deepEqual(unused.sort(), [], 'keys in nl.json no page or module uses');
	});
}

test('a layer (nl-b1.json) holds only keys of its language, with the same placeholders and plural forms, and says who checked it', () => {
	assert.deepEqual(layers(SITE), ['nl-b1'], 'the easy-Dutch layer of web/js/easy.js');
	for (const name of layers(SITE)) {
		const code = name.split('-')[0];
		const base = dictionary(SITE, code);
		const need = new Intl.PluralRules(locale(code)).resolvedOptions().pluralCategories.sort();
		const bad = [];
		for (const [k, v] of dictionary(SITE, name)) {
			if (!base.has(k))
				bad.push(`${k}: not in ${code}.json`);
			else if (!(typeof v === 'string' ? v.trim() : isPlural(v) && Object.values(v).every((x) => typeof x === 'string' && x.trim())))
				bad.push(`${k}: not a text`);
			else if (isPlural(v) !== isPlural(base.get(k)))
				bad.push(`${k}: plural in one file only`);
			else if (isPlural(v) && JSON.stringify(Object.keys(v).sort()) !== JSON.stringify(need))
				bad.push(`${k}: forms ${Object.keys(v).sort().join(' ')}`);
			else if (JSON.stringify(placeholders(v)) !== JSON.stringify(placeholders(base.get(k))))
				bad.push(`${k}: ${placeholders(v).join(' ')} ≠ ${code} ${placeholders(base.get(k)).join(' ')}`);
		}
		assert.deepEqual({ name, bad }, { name, bad: [] });
		const meta = JSON.parse(readFileSync(join(SITE, `${name}.json`), 'utf8'))._meta;
		assert.equal(typeof meta?.checked_by, 'string', `${name}.json: a _meta.checked_by header`);
	}
});

test('the site has a file for every language of i18n.js; each new file says who checked it, and the switch knows', () => {
	const UNCHECKED = 'machine-made, not yet checked';
	assert.deepEqual(languages(SITE), LANGUAGE_INFO.map((l) => l.code).sort());
	for (const l of LANGUAGE_INFO) {
		if (l.code === 'nl' || l.code === 'en')
			continue;   // the source and its first translation, checked by the team
		const meta = JSON.parse(readFileSync(join(SITE, `${l.code}.json`), 'utf8'))._meta;
		assert.equal(typeof meta?.checked_by, 'string', `${l.code}.json: a _meta.checked_by header`);
		assert.equal(meta.language, l.name, `${l.code}.json: the language's own name`);
		assert.equal(l.checked, meta.checked_by !== UNCHECKED, `${l.code}: i18n.js LANGUAGE_INFO.checked follows the header`);
	}
	assert.deepEqual(languages(ADMIN), ['en', 'nl'], 'the admin stays Dutch and English');
});

// ------------------------------------------------------------ in the browser

// Words that are English and never Dutch, as they would stand in a button, a
// label or a sentence. Matched as whole words, case-sensitively for the
// capitalised ones (so "Search" but not a Dutch word that contains it).
const ENGLISH = [/\bthe\b/i, /\byour\b/i, /\byou\b/i, /\band\b/, /\bplease\b/i, /\bSave\b/, /\bCancel\b/, /\bSearch\b/,
	/\bRequest\b/, /\bSubmit\b/, /\bDelete\b/, /\bLoading\b/, /\bClose\b/, /\bError\b/, /\bNext\b/, /\bPrevious\b/,
	/\bSign\b/, /\bPassword\b/, /\bBack\b/, /\bEdit\b/, /\bSend\b/, /\bShow\b/, /\bmore\b/i, /\bwith\b/];

const PUBLIC = ['/', '/registreren.html', '/inloggen.html', '/wachtwoord-vergeten.html', '/wachtwoord-herstellen.html#token=abc',
	'/hulpvraag.html?id=AAAAAAAAAAAAAAAAAAAAAA', '/email-bevestigen.html#token=abc', '/afmelden.html#token=abc', '/aanbod-zoeken.html',
	'/mantelzorg.html', '/mantelzorgcheck.html', '/privacy.html', '/voorwaarden.html', '/404.html'];
const USER = ['/', '/profiel.html', '/wachtwoord-wijzigen.html', '/account-verwijderen.html', '/hulpvraag-plaatsen.html',
	'/mijn-hulpvragen.html', '/suggesties.html', '/mijn-aanbod.html', '/aanbod.html', '/mijn-matches.html', '/melden.html',
	'/match.html?id=AAAAAAAAAAAAAAAAAAAAAA', '/meldingen.html', '/mijn-organisatie.html'];
const ADMIN_PAGES = ['/admin/', '/admin/aandacht.html', '/admin/categorieen.html', '/admin/cijfers.html', '/admin/gebruikers.html',
	'/admin/logboek.html', '/admin/meldingen.html', '/admin/organisaties.html', '/admin/wijzigingen.html'];

const browserSuite = !!process.env.BURENHULP_URL;
let browser;
let lib;
before(async () => {
	if (!browserSuite)
		return;
	lib = await import('./lib/browser.mjs');
	browser = await lib.launch();
});
after(async () => { await browser?.close(); });

// The visible text of the page plus what a screen reader reads out of
// attributes (aria-label, placeholder, title, alt) and the document title;
// text marked as another language (lang="en" on the language switch, a
// post in the poster's language) is left out: it is not the page's.
async function dutchPageText(page) {
	return page.evaluate(() => {
		const dutch = (e) => (e.closest('[lang]')?.getAttribute('lang') || 'nl').startsWith('nl');
		const parts = [document.title];
		const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
		for (let n = walk.nextNode(); n; n = walk.nextNode()) {
			const p = n.parentElement;
			if (p && n.textContent.trim() && dutch(p) && p.checkVisibility() && !['SCRIPT', 'STYLE'].includes(p.tagName))
				parts.push(n.textContent);
		}
		for (const e of document.querySelectorAll('[aria-label],[placeholder],[title],img[alt]'))
			if (dutch(e))
				for (const a of ['aria-label', 'placeholder', 'title', 'alt'])
					if (e.getAttribute(a))
						parts.push(e.getAttribute(a));
		return parts.join('\n');
	});
}

function englishIn(text) {
	const hits = [];
	for (const line of text.split('\n'))
		for (const re of ENGLISH)
			if (re.test(line))
				hits.push(`${re.source.replace(/\\b/g, '')}: ${line.trim().slice(0, 120)}`);
	return hits;
}

async function checkDutch(page, path) {
	await lib.open(page, path);
	assert.equal(await page.getAttribute('html', 'lang'), 'nl', path);
	const hits = englishIn(await dutchPageText(page));
	assert.deepEqual(hits, [], `English on the Dutch page ${path}`);
}

async function loggedIn(email, password) {
	const c = new lib.ApiClient();
	await c.login(email, password);
	const { context, page } = await lib.newPage(browser, { lang: 'nl' });
	await context.addCookies([{ name: 'bh_session', value: c.cookie.split('=')[1], url: lib.BASE, httpOnly: true, sameSite: 'Lax' }]);
	return { context, page };
}

test('the English-word list finds English and not Dutch', () => {
	assert.notDeepEqual(englishIn('Save your changes'), []);
	assert.notDeepEqual(englishIn('Search the requests'), []);
	assert.deepEqual(englishIn('Zoeken naar hulpvragen bij u in de buurt. Opslaan, Annuleren, Terug.'), []);
});

test('no English on the Dutch public pages', { skip: !browserSuite && 'needs BURENHULP_URL' }, async () => {
	const { context, page } = await lib.newPage(browser, { lang: 'nl' });
	for (const path of PUBLIC)
		await checkDutch(page, path);
	await context.close();
});

test('no English on the Dutch pages of a logged-in user', { skip: !browserSuite && 'needs BURENHULP_URL' }, async () => {
	const u = await lib.apiRegister({ tag: 'dutch', roles: ['resident', 'caregiver', 'volunteer'], name: 'Alle Rollen' });
	const { context, page } = await loggedIn(u.email, u.password);
	for (const path of USER)
		await checkDutch(page, path);
	await context.close();
});

test('no English on the Dutch admin pages', { skip: !browserSuite && 'needs BURENHULP_URL' }, async () => {
	const { context, page } = await loggedIn('admin@demo.burenhulp.nl', lib.DEMO_PASSWORD);
	for (const path of ADMIN_PAGES)
		await checkDutch(page, path);
	await context.close();
});
