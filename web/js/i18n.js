// web/js/i18n.js — the UI language: Dutch first, English second, and the
// languages of the neighbourhood: Turkish, Arabic (right to left), Polish,
// Ukrainian (the admin: Dutch and English only).
//
// Every visible word of the site comes from web/i18n/<code>.json
// (nested objects, keys joined with dots: "nav.home"). Nothing here knows
// about any page; pages (and the admin pages in web/admin/) use it like this:
//
//   import { initI18n, t, translate, setText, onLanguageChange } from '/js/i18n.js';
//   await initI18n();                      // loads the dictionary, fills the page
//   await initI18n({ extra: ['/admin/i18n/'] });  // also merges /admin/i18n/nl.json
//
// In HTML, mark what to translate and initI18n/translate() fills it in:
//   <h1 data-i18n="home.title"></h1>                    → textContent
//   <input data-i18n-attr="placeholder:home.pc_hint">   → attributes ("a:key;b:key")
//   <title data-i18n="home.doc_title"></title>
// Dynamic text: setText(el, 'key', {vars}) remembers key and vars on the element,
// so a language switch re-translates it with everything else.
//
// Placeholders: "{name}" inserts a value; "{n, number}" formats a number,
// "{at, date}" / "{at, datetime}" an ISO time, in the current language;
// "{day, t:days}" the translation of key "days.<value>".
// Plurals: a key may hold the plural forms of the language, an object of the
// CLDR categories {"zero", "one", "two", "few", "many", "other"} ("other"
// always), chosen by Intl.PluralRules of the language for vars.count: Polish
// says 1 "one", 2 and 22 "few", 5 "many"; Arabic has all six. A form the file
// lacks falls back to "other". Never "count == 1": that is only right for
// a few languages.
//
// Layers: a language's dictionary is its file web/i18n/<code>.json with the
// extra dictionaries (admin) merged over it, in order. A variant of a
// language (easy Dutch, B1) is one more file merged over the same way:
// initI18n({ layers: ['/i18n/nl-b1.json'] }) — a layer holds only the keys
// it words differently, and lookup is unchanged.
//
// Each file starts with a header "_meta": {"checked_by": "…"} saying who
// checked the translation; the LANGUAGE_INFO table below repeats whether
// someone did (tests/web/i18n_files.test.mjs keeps the two the same), so
// the language switch can say "vertaling nog niet nagekeken" without
// loading every file.
//
// The chosen language is kept in browser storage (localStorage "bh_lang";
// besides it only web/js/easy.js's "bh_easy"); <html lang> and <html dir>
// always follow it.

const STORAGE_KEY = 'bh_lang';
/** The languages of the site: code, its own name, direction, checked by a person. */
export const LANGUAGE_INFO = [
	{ code: 'nl', name: 'Nederlands', dir: 'ltr', checked: true },
	{ code: 'en', name: 'English', dir: 'ltr', checked: true },
	{ code: 'tr', name: 'Türkçe', dir: 'ltr', checked: false },
	{ code: 'ar', name: 'العربية', dir: 'rtl', checked: false },
	{ code: 'pl', name: 'Polski', dir: 'ltr', checked: false },
	{ code: 'uk', name: 'Українська', dir: 'ltr', checked: false },
];
export const LANGUAGES = LANGUAGE_INFO.map((l) => l.code);
// The languages of a page with extra dictionaries (the admin's are Dutch
// and English only): there another choice shows the page in Dutch.
const EXTRA_LANGUAGES = ['nl', 'en'];
let allowed = LANGUAGES;

/** The languages this page can be shown in (the admin: nl, en). */
export function availableLanguages() {
	return LANGUAGE_INFO.filter((l) => allowed.includes(l.code));
}

// The tag Intl formats with, per language. Arabic keeps Latin digits: the
// postcodes, times and house numbers around the numbers are Latin too.
const LOCALES = { nl: 'nl-NL', en: 'en-GB', tr: 'tr-TR', ar: 'ar-u-nu-latn', pl: 'pl-PL', uk: 'uk-UA' };
const PLURAL_FORMS = ['zero', 'one', 'two', 'few', 'many', 'other'];

let lang = 'nl';
let dict = {};
const listeners = new Set();
let extraPrefixes = [];
let layerUrls = [];
// Elements given a key before the dictionary loaded (a module that builds
// its controls at import time): empty until then, translated by initI18n
// even when they are not in the document yet.
let loaded = false;
const early = new Set();

function storedLanguage() {
	try {
		const v = localStorage.getItem(STORAGE_KEY);
		return LANGUAGES.includes(v) ? v : null;
	} catch {
		return null;
	}
}

/** The current language code, 'nl' or 'en'. */
export function currentLanguage() {
	return lang;
}

/** Locale tag for Intl formatting, of the current language or of code. */
export function locale(code = lang) {
	return LOCALES[code] || LOCALES.nl;
}

/** True when v is one message with plural forms, not a group of keys. */
export function isPlural(v) {
	return !!v && typeof v === 'object' && !Array.isArray(v) && 'other' in v
		&& Object.keys(v).every((k) => PLURAL_FORMS.includes(k));
}

/** The form of a plural message for count in the locale tag: forms[category] or forms.other. */
export function pluralForm(forms, count, tag = locale()) {
	const n = Number(count);
	if (!Number.isFinite(n))
		return forms.other;
	const category = new Intl.PluralRules(tag).select(n);
	return typeof forms[category] === 'string' ? forms[category] : forms.other;
}

function merge(into, from) {
	for (const [k, v] of Object.entries(from)) {
		if (v && typeof v === 'object' && !Array.isArray(v) && !isPlural(v)
			&& into[k] && typeof into[k] === 'object' && !isPlural(into[k])) {
			merge(into[k], v);
		} else {
			into[k] = v;
		}
	}
	return into;
}

async function fetchJson(url) {
	const res = await fetch(url, { credentials: 'same-origin' });
	if (!res.ok)
		throw new Error(`${url}: ${res.status}`);
	return res.json();
}

/** 'rtl' for a language written right to left, else 'ltr'. */
export function direction(code = lang) {
	return LANGUAGE_INFO.find((l) => l.code === code)?.dir || 'ltr';
}

function setDocumentLanguage(code) {
	document.documentElement.lang = code;
	document.documentElement.dir = direction(code);
}

async function load(code) {
	const base = await fetchJson(`/i18n/${code}.json`);
	for (const prefix of extraPrefixes) {
		try {
			merge(base, await fetchJson(`${prefix}${code}.json`));
		} catch (e) {
			console.warn('i18n: extra dictionary missing', prefix, e);
		}
	}
	if (code === 'nl')
		for (const url of layerUrls)
			merge(base, await fetchJson(url));
	return base;
}

function lookup(key) {
	let node = dict;
	for (const part of key.split('.')) {
		if (node == null || typeof node !== 'object')
			return undefined;
		node = node[part];
	}
	return node;
}

/** True when the dictionary has this key. */
export function has(key) {
	return lookup(key) !== undefined;
}

/** A value as text in the locale tag: kind 'number', 'date', 'datetime' or none. */
export function formatValue(value, kind, tag = locale()) {
	if (value == null)
		return '';
	if (kind === 'number')
		return new Intl.NumberFormat(tag, { maximumFractionDigits: 1 }).format(Number(value));
	if (kind === 'date' || kind === 'datetime') {
		const d = new Date(value);
		if (Number.isNaN(d.getTime()))
			return String(value);
		const opts = kind === 'date'
			? { day: 'numeric', month: 'long', year: 'numeric' }
			: { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' };
		return new Intl.DateTimeFormat(tag, opts).format(d);
	}
	if (typeof value === 'number')
		return new Intl.NumberFormat(tag).format(value);
	return String(value);
}

/**
 * A message (text, or plural forms) with its {placeholders} filled in for
 * the locale tag; sub(key) translates "{x, t:group}" placeholders.
 */
export function format(message, vars = {}, tag = locale(), sub = t) {
	let s = message;
	if (isPlural(s))
		s = pluralForm(s, vars.count, tag);
	if (typeof s !== 'string')
		return null;
	return s.replace(/\{(\w+)(?:,\s*([\w:]+))?\}/g, (_, name, kind) =>
		(kind && kind.startsWith('t:') ? sub(`${kind.slice(2)}.${vars[name]}`) : formatValue(vars[name], kind, tag)));
}

/**
 * The text for key in the current language, with {placeholders} filled in.
 * A missing key returns the key itself (and warns), so gaps are visible.
 */
export function t(key, vars = {}) {
	const s = format(lookup(key), vars);
	if (s === null) {
		console.warn('i18n: missing key', key);
		return key;
	}
	return s;
}

/** Sets el's text to t(key, vars) and remembers both for a later language switch. */
export function setText(el, key, vars) {
	el.dataset.i18n = key;
	if (vars && Object.keys(vars).length)
		el.dataset.i18nVars = JSON.stringify(vars);
	else
		delete el.dataset.i18nVars;
	if (!loaded) {
		el.textContent = '';
		early.add(el);
		return el;
	}
	el.textContent = t(key, vars || {});
	return el;
}

/** Makes an element with translated text: el('p', 'key', {vars}, {class: 'x'}). */
export function el(tag, key, vars, attrs) {
	const e = document.createElement(tag);
	if (attrs)
		for (const [k, v] of Object.entries(attrs))
			if (v != null && v !== false)
				e.setAttribute(k, v === true ? '' : v);
	if (key)
		setText(e, key, vars);
	return e;
}

/** Fills every [data-i18n] and [data-i18n-attr] inside root (default: the document). */
export function translate(root = document) {
	const nodes = root.querySelectorAll ? [root, ...root.querySelectorAll('[data-i18n],[data-i18n-attr]')] : [];
	for (const node of nodes) {
		if (!node.dataset)
			continue;
		if (node.dataset.i18n) {
			let vars = {};
			if (node.dataset.i18nVars) {
				try { vars = JSON.parse(node.dataset.i18nVars); } catch { vars = {}; }
			}
			node.textContent = t(node.dataset.i18n, vars);
		}
		if (node.dataset.i18nAttr) {
			for (const pair of node.dataset.i18nAttr.split(';')) {
				const [attr, key] = pair.split(':').map((s) => s.trim());
				if (attr && key)
					node.setAttribute(attr, t(key));
			}
		}
	}
}

/** Calls fn(lang) after every language switch (after the page was re-translated). */
export function onLanguageChange(fn) {
	listeners.add(fn);
	return () => listeners.delete(fn);
}

/** Switches the language, remembers it, re-translates the page and tells listeners. */
export async function setLanguage(code) {
	if (!LANGUAGES.includes(code))
		return;
	// Remembered first, so a page left at once still opens in this language.
	try { localStorage.setItem(STORAGE_KEY, code); } catch { /* private mode: not remembered */ }
	// Kept as the choice, but a page that has not the language shows Dutch.
	if (!allowed.includes(code))
		code = 'nl';
	dict = await load(code);
	lang = code;
	setDocumentLanguage(code);
	translate();
	for (const fn of listeners)
		fn(code);
}

/** Changes the Dutch layers (see the head), re-translates the page and tells listeners. */
export async function setLayers(urls) {
	layerUrls = urls;
	dict = await load(lang);
	translate();
	for (const fn of listeners)
		fn(lang);
}

/**
 * Loads the remembered language (Dutch when none) and translates the page.
 * options.extra: URL prefixes of more dictionaries to merge ("/admin/i18n/");
 * options.layers: URLs of Dutch variants merged over nl (see the head).
 */
export async function initI18n(options = {}) {
	extraPrefixes = options.extra || [];
	layerUrls = options.layers || [];
	allowed = extraPrefixes.length ? EXTRA_LANGUAGES : LANGUAGES;
	lang = storedLanguage() || 'nl';
	if (!allowed.includes(lang))
		lang = 'nl';
	try {
		dict = await load(lang);
	} catch (e) {
		console.error('i18n: cannot load', lang, e);
		lang = 'nl';
		dict = await load('nl');
	}
	loaded = true;
	setDocumentLanguage(lang);
	translate();
	for (const node of early)
		if (!node.isConnected)
			translate(node);
	early.clear();
	return lang;
}

/** Whether the visitor chose a language themselves (else a profile's locale may apply). */
export function languageWasChosen() {
	return storedLanguage() !== null;
}
