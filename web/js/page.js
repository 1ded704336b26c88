// web/js/page.js — what every page of the site shares: header with the
// navigation for who is logged in, the language switch, the footer, the
// session, login redirects and one-off "flash" notices.
//
// A page's HTML holds the landmarks (skip link, <header class="site-header">,
// <main id="main">, <footer class="site-footer">); this module fills header
// and footer. A page module starts with:
//
//   const { user } = await startPage({ auth: 'required', roles: ['volunteer'] });
//   ... load and render ...
//   pageReady();                 // tests wait for <body data-ready="true">
//
// auth: 'required' sends anonymous visitors to inloggen.html?next=<this page>;
// 'anonymous' sends logged-in users to home. roles: when the user has none of
// them, the main content is replaced by an explanation.

import {
	setLanguage, currentLanguage, onLanguageChange, languageWasChosen, availableLanguages, el, setText, t,
	LANGUAGE_INFO, has,
} from './i18n.js';
import { getSession, logout, hasRole, api, ApiError } from './api.js';
import { startBell } from './bell.js';
import { resendControl } from './verify.js';
import { initI18nEasy, easyToggle } from './easy.js';

// The navigation: [href, i18n key, who sees it].
const NAV = [
	['/', 'nav.home', () => true],
	['/aanbod-zoeken.html', 'nav.offers', (u) => !!u],
	['/vacatures.html', 'nav.vacancies', () => true],
	['/hulpvraag-plaatsen.html', 'nav.post_request', (u) => hasRole(u, 'resident', 'caregiver', 'professional')],
	['/mijn-hulpvragen.html', 'nav.my_requests', (u) => hasRole(u, 'resident', 'caregiver', 'professional')],
	['/suggesties.html', 'nav.suggestions', (u) => hasRole(u, 'volunteer')],
	['/mijn-aanbod.html', 'nav.my_offers', (u) => hasRole(u, 'volunteer')],
	['/mijn-matches.html', 'nav.my_matches', (u) => hasRole(u, 'volunteer')],
	['/profiel.html', 'nav.profile', (u) => !!u],
	['/admin/', 'nav.admin', (u) => hasRole(u, 'moderator', 'admin')],
	['/inloggen.html', 'nav.login', (u) => !u],
	['/registreren.html', 'nav.register', (u) => !u],
];

// Notices a page may show after a redirect (?flash=name); only these names.
const FLASHES = ['logged_out', 'registered', 'password_changed', 'password_reset', 'account_deleted',
	'request_posted', 'request_posted_open', 'request_saved', 'offer_saved', 'offer_posted', 'logged_in'];

// The roles a user chooses themself (PATCH /me roles); the others an admin grants.
const SELF_ROLES = ['resident', 'caregiver', 'volunteer'];

let state = { user: null };
let localeSave = Promise.resolve();

/** Resolves when the language the user last switched to is saved on their account. */
export function localeSaved() {
	return localeSave;
}

function currentPath() {
	const p = location.pathname;
	return p === '/index.html' ? '/' : p;
}

/** A safe local path to return to after login (never another site). */
export function safeNext(value) {
	if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.includes('\\'))
		return '/';
	return value;
}

/** URL of the login page that returns here afterwards. */
export function loginUrl() {
	return `/inloggen.html?next=${encodeURIComponent(location.pathname + location.search + location.hash)}`;
}

/** Moves to url, showing the flash notice there. */
export function go(url, flash) {
	const u = new URL(url, location.origin);
	if (flash)
		u.searchParams.set('flash', flash);
	location.assign(u.pathname + u.search + u.hash);
}

function buildHeader(header) {
	header.replaceChildren();
	const inner = el('div', null, null, { class: 'wrap header-inner' });
	const brand = el('a', 'site.name', null, { class: 'brand', href: '/' });

	const tools = el('div', null, null, { class: 'header-tools' });
	const menu = el('button', 'nav.menu', null, {
		type: 'button', id: 'menu-toggle', class: 'button-header', 'aria-expanded': 'false', 'aria-controls': 'site-nav',
	});
	const langBtn = el('button', null, null, { type: 'button', id: 'lang-switch', class: 'button-header' });
	tools.append(menu, langBtn);
	const langMenu = buildLanguageMenu(tools);

	const nav = el('nav', null, null, { id: 'site-nav', class: 'site-nav', 'data-collapsed': 'true' });
	nav.dataset.i18nAttr = 'aria-label:nav.label';
	nav.setAttribute('aria-label', t('nav.label'));
	nav.append(document.createElement('ul'));

	inner.append(brand, tools, nav);
	if (langMenu)
		inner.append(langMenu);
	header.append(inner);

	menu.addEventListener('click', () => {
		const open = menu.getAttribute('aria-expanded') === 'true';
		menu.setAttribute('aria-expanded', String(!open));
		nav.dataset.collapsed = String(open);
	});
	langBtn.addEventListener('click', async () => {
		await chooseLanguage(currentLanguage() === 'nl' ? 'en' : 'nl');
		langBtn.focus();
	});
	updateLangButton();
}

async function chooseLanguage(code) {
	// Saved first, so what the server words for us (notifications) can follow.
	if (state.user)
		localeSave = api.patch('/me', { locale: code }).catch(() => { /* remembered locally anyway */ });
	await setLanguage(code);
	updateLangButton();
}

// The quick switch names Dutch's partner in that language: "English" on a
// Dutch page, "Nederlands" on any other.
function updateLangButton() {
	const b = document.getElementById('lang-switch');
	if (!b)
		return;
	const other = currentLanguage() === 'nl' ? 'en' : 'nl';
	b.textContent = other === 'en' ? 'English' : 'Nederlands';
	b.lang = other;
	b.setAttribute('aria-label', other === 'en' ? 'English – switch the site to English' : 'Nederlands – zet de site in het Nederlands');
	updateLanguageMenu();
}

// Every language of the page (the public site: six) behind a button with a
// globe: each named in itself (with its lang), the current one marked, and
// beside a language nobody has checked yet "vertaling nog niet nagekeken",
// in the page's language. Pages with only Dutch and English (the admin)
// have the quick switch only.
function buildLanguageMenu(tools) {
	const langs = availableLanguages();
	if (langs.length <= 2)
		return null;
	const toggle = el('button', null, null, {
		type: 'button', id: 'lang-menu-toggle', class: 'button-header', 'aria-expanded': 'false', 'aria-controls': 'lang-menu',
	});
	toggle.append(globeIcon(), el('span', 'lang.more'));
	tools.append(toggle);
	const box = el('div', null, null, { id: 'lang-menu', class: 'lang-menu', hidden: true });
	const list = el('ul', null, null, { 'aria-label': t('lang.label') });
	list.dataset.i18nAttr = 'aria-label:lang.label';
	for (const l of langs) {
		const li = document.createElement('li');
		const b = el('button', null, null, { type: 'button', lang: l.code, dir: l.dir, 'data-lang': l.code, class: 'lang-choice' });
		b.textContent = l.name;
		b.addEventListener('click', async () => {
			await chooseLanguage(l.code);
			box.hidden = true;
			toggle.setAttribute('aria-expanded', 'false');
			toggle.focus();
		});
		li.append(b);
		if (!l.checked) {
			const note = el('span', 'lang.unchecked', null, { class: 'lang-note', id: `lang-note-${l.code}` });
			b.setAttribute('aria-describedby', note.id);
			li.append(' ', note);
		}
		list.append(li);
	}
	box.append(list);
	toggle.addEventListener('click', () => {
		const open = toggle.getAttribute('aria-expanded') === 'true';
		toggle.setAttribute('aria-expanded', String(!open));
		box.hidden = open;
		if (!open)
			box.querySelector('[aria-current="true"]')?.focus();
	});
	box.addEventListener('keydown', (e) => {
		if (e.key === 'Escape') {
			box.hidden = true;
			toggle.setAttribute('aria-expanded', 'false');
			toggle.focus();
		}
	});
	return box;
}

/**
 * The language a poster writes in (issue 19), in a form with the fields
 * #lang-field (a select #lang, name lang) and #lang-other-line (a button
 * #lang-other): asked at once when it is not the site's language (Dutch) —
 * the page or the account in another language, or a post written in one —
 * and otherwise one click away; each language named in itself. Returns a
 * function giving the chosen code, or null while not asked.
 */
export function askLanguage(form, user, written) {
	const select = form.querySelector('#lang');
	for (const l of LANGUAGE_INFO) {
		const o = document.createElement('option');
		o.value = l.code;
		o.lang = l.code;
		o.textContent = l.name;
		select.append(o);
	}
	select.value = written || currentLanguage();
	const field = form.querySelector('#lang-field');
	const line = form.querySelector('#lang-other-line');
	const other = form.querySelector('#lang-other');
	const ask = currentLanguage() !== 'nl' || (user?.locale && user.locale !== 'nl') || (written && written !== 'nl');
	field.hidden = !ask;
	line.hidden = ask;
	other.addEventListener('click', () => {
		field.hidden = false;
		line.hidden = true;
		other.setAttribute('aria-expanded', 'true');
		select.focus();
	});
	return () => (field.hidden ? null : select.value);
}

/**
 * A button that prints the page (the print stylesheet keeps the content:
 * a request, a match, the directory). Hidden on paper itself.
 */
export function printButton(key = 'common.print') {
	const b = el('button', key, null, { type: 'button', class: 'button button-secondary print-button' });
	b.addEventListener('click', () => window.print());
	return b;
}

// A globe, the sign for "language" whatever one reads (drawn, not a font's).
function globeIcon() {
	const NS = 'http://www.w3.org/2000/svg';
	const svg = document.createElementNS(NS, 'svg');
	svg.setAttribute('viewBox', '0 0 24 24');
	svg.setAttribute('class', 'globe');
	svg.setAttribute('aria-hidden', 'true');
	svg.setAttribute('focusable', 'false');
	for (const d of ['M12 2a10 10 0 1 0 0 20a10 10 0 1 0 0-20z', 'M2 12h20', 'M12 2c3 3 4 6.5 4 10s-1 7-4 10c-3-3-4-6.5-4-10s1-7 4-10z']) {
		const path = document.createElementNS(NS, 'path');
		path.setAttribute('d', d);
		svg.append(path);
	}
	return svg;
}

function updateLanguageMenu() {
	for (const b of document.querySelectorAll('#lang-menu [data-lang]')) {
		if (b.dataset.lang === currentLanguage())
			b.setAttribute('aria-current', 'true');
		else
			b.removeAttribute('aria-current');
	}
}

function renderNav() {
	const ul = document.querySelector('#site-nav ul');
	if (!ul)
		return;
	ul.replaceChildren();
	const here = currentPath();
	for (const [href, key, visible] of NAV) {
		if (!visible(state.user))
			continue;
		const a = el('a', key, null, { href });
		if (href === here || (href === '/admin/' && here.startsWith('/admin/')))
			a.setAttribute('aria-current', 'page');
		const li = document.createElement('li');
		li.append(a);
		ul.append(li);
	}
	if (state.user) {
		const li = document.createElement('li');
		const b = el('button', 'nav.logout', null, { type: 'button', id: 'logout-button' });
		b.addEventListener('click', async () => {
			b.disabled = true;
			try {
				await logout();
			} catch (e) {
				// Already logged out on the server: still leave.
				if (!(e instanceof ApiError))
					console.error(e);
			}
			go('/', 'logged_out');
		});
		li.append(b);
		ul.append(li);
	}
}

function buildFooter(footer) {
	footer.replaceChildren();
	const w = el('div', null, null, { class: 'wrap' });
	const p1 = el('p', 'footer.about');
	const p2 = document.createElement('p');
	p2.append(el('a', 'footer.report', null, { href: '/melden.html' }), document.createTextNode(' · '),
		el('a', 'footer.directory', null, { href: '/#directory-heading' }), document.createTextNode(' · '),
		el('a', 'footer.terms', null, { href: '/voorwaarden.html' }), document.createTextNode(' · '),
		el('a', 'footer.privacy', null, { href: '/privacy.html' }), document.createTextNode(' · '),
		el('a', 'footer.api', null, { href: '/api.html' }));
	const p3 = el('p', 'footer.geonames', null, { class: 'small muted' });
	w.append(p1, p2, p3);
	footer.append(w);
}

// An unverified user sees, on every page, that a mail is waiting for them
// and may ask for another one. Inside the header (the banner landmark), so
// it never comes before a page's own status region in <main>.
function showVerifyBanner(header) {
	const box = el('div', null, null, { class: 'verify-banner', id: 'verify-banner' });
	const w = el('div', null, null, { class: 'wrap' });
	w.append(el('p', 'verify.banner', null, { class: 'verify-banner-text' }), resendControl());
	box.append(w);
	header.append(box);
}

/**
 * Before a form that posts (a request, an offer, a response): for a user
 * whose address is not confirmed yet, a note that it waits for that. The
 * API answers 403 email_unverified meanwhile; forms.js says so too.
 */
export function unverifiedNote(form) {
	if (!state.user || state.user.email_verified !== false || !form)
		return;
	form.before(el('p', 'verify.required_note', null, { class: 'notice notice-info', id: 'unverified-note' }));
}

/** After the address was confirmed on this page: the banner goes. */
export function markEmailVerified() {
	if (state.user)
		state.user.email_verified = true;
	document.getElementById('verify-banner')?.remove();
	document.getElementById('unverified-note')?.remove();
}

function showFlash() {
	const params = new URLSearchParams(location.search);
	const name = params.get('flash');
	if (!name || !FLASHES.includes(name))
		return;
	const main = document.getElementById('main');
	const box = el('div', null, null, { class: 'wrap', role: 'status' });
	box.append(el('p', `flash.${name}`, null, { class: 'notice notice-ok' }));
	main.prepend(box);
	params.delete('flash');
	const rest = params.toString();
	history.replaceState(null, '', location.pathname + (rest ? `?${rest}` : '') + location.hash);
}

/** Replaces the main content with a message (no access, load failure). */
export function replaceMain(key, vars, kind = 'info') {
	const main = document.getElementById('main');
	const w = el('div', null, null, { class: 'wrap' });
	const h = document.querySelector('main h1');
	w.append(h || el('h1', 'site.name'));
	w.append(el('p', key, vars, { class: `notice notice-${kind}`, role: kind === 'error' ? 'alert' : 'status' }));
	main.replaceChildren(w);
}

/**
 * Sets up the page (language, header, footer, session). Resolves to
 * {user} (user null when anonymous). May navigate away (login redirect).
 */
export async function startPage(options = {}) {
	// The session and the dictionary load side by side.
	const sessionP = getSession().catch((e) => {
		console.error(e);
		return null;
	});
	await initI18nEasy({ extra: options.extraI18n });
	const header = document.querySelector('.site-header');
	const footer = document.querySelector('.site-footer');
	if (header)
		buildHeader(header);
	// Easy to read (B1): on every public page, not the admin's.
	if (header && !options.extraI18n)
		header.querySelector('.header-tools')?.append(easyToggle());
	if (footer)
		buildFooter(footer);
	translateTitle();

	const session = await sessionP;
	state.user = session ? session.user : null;

	if (state.user && !languageWasChosen() && state.user.locale && state.user.locale !== currentLanguage()) {
		await setLanguage(state.user.locale);
		updateLangButton();
	}
	renderNav();
	if (state.user && header) {
		const tools = header.querySelector('.header-tools');
		if (tools)
			startBell(tools, { moderator: hasRole(state.user, 'moderator', 'admin') });
		// email-bevestigen.html says it (and offers the new mail) itself.
		if (state.user.email_verified === false && location.pathname !== '/email-bevestigen.html')
			showVerifyBanner(header);
	}
	onLanguageChange(() => {
		updateLangButton();
		translateTitle();
	});
	showFlash();

	if (options.auth === 'required' && !state.user) {
		location.replace(loginUrl());
		return new Promise(() => {});
	}
	if (options.auth === 'anonymous' && state.user) {
		location.replace('/');
		return new Promise(() => {});
	}
	if (options.roles && !hasRole(state.user, ...options.roles)) {
		replaceMain('errors.no_role', { roles: options.roles.map((r) => t(`roles.${r}.name`)).join(', ') });
		// A role the user may take themself: say where (issue 15.11).
		const own = options.roles.filter((r) => SELF_ROLES.includes(r));
		if (state.user && own.length) {
			const p = el('p', null, null, { class: 'no-role-way' });
			p.append(el('span', 'errors.no_role_way', { roles: own.map((r) => t(`roles.${r}.name`)).join(', ') }),
				document.createTextNode(' '), el('a', 'errors.no_role_link', null, { href: '/profiel.html#rollen' }));
			document.querySelector('main .wrap').append(p);
		}
		pageReady();
		return new Promise(() => {});
	}
	return state;
}

/** After the user's roles changed on this page: the navigation follows. */
export function updateUser(user) {
	state.user = user;
	renderNav();
}

/** Changes the document title to an i18n key (kept across language switches). */
export function setTitle(key) {
	const title = document.querySelector('title');
	title.dataset.i18n = key;
	translateTitle();
}

function translateTitle() {
	const title = document.querySelector('title');
	if (title && title.dataset.i18n)
		title.textContent = `${t(title.dataset.i18n)} – ${t('site.name')}`;
}

/** Tells tests (and nothing else) that the page finished its first render. */
export function pageReady() {
	document.body.dataset.ready = 'true';
}

/** A status badge: the status as a word (never colour alone). */
export function badge(kind, status) {
	return el('span', `status.${kind}.${status}`, null, { class: `badge badge-${status}` });
}

/**
 * Puts text a person wrote (a request's title, an offer's description)
 * into el: lang is the language it is written in (a request's lang; the
 * directory's Dutch), so a screen reader reads it in that language whatever
 * the page's; dir="auto" lets Arabic text run right to left on a Dutch page
 * and Dutch text left to right on an Arabic one. Returns el.
 */
export function userText(el, text, lang) {
	el.textContent = text;
	el.dir = 'auto';
	if (lang)
		el.lang = lang;
	else
		el.removeAttribute('lang');
	return el;
}

/** The name of a category in the current language, from the list of categories. */
export function categoryName(categories, id) {
	const c = (categories || []).find((x) => x.id === id);
	if (!c)
		return id;
	return categoryLabel(c);
}

/**
 * A category's name in the page's language. The admin keeps a Dutch and an
 * English name; for the other languages the message file names the standard
 * categories (category_names.<id>), and a category an admin added later is
 * shown with its Dutch name, as a mail in those languages falls back to Dutch.
 */
export function categoryLabel(c) {
	const lang = currentLanguage();
	if (lang === 'en')
		return c.name_en;
	if (lang !== 'nl' && has(`category_names.${c.id}`))
		return t(`category_names.${c.id}`);
	return c.name_nl;
}

/** Fills a <select> with the categories (keeps the chosen value). */
export function fillCategorySelect(select, categories, { anyKey } = {}) {
	const chosen = select.value;
	select.replaceChildren();
	if (anyKey)
		select.append(el('option', anyKey, null, { value: '' }));
	for (const c of categories) {
		const o = document.createElement('option');
		o.value = c.id;
		o.textContent = categoryLabel(c);
		select.append(o);
	}
	if (chosen)
		select.value = chosen;
}

/** A loading line with an aria-live parent; returns the element. */
export function loadingInto(container, key = 'common.loading') {
	container.setAttribute('aria-busy', 'true');
	const p = el('p', key, null, { class: 'loading' });
	container.replaceChildren(p);
	return p;
}

export function doneLoading(container) {
	container.removeAttribute('aria-busy');
}

/** Shows the area of a request/offer/organisation: "7811 Emmen". */
export function areaText(area) {
	if (!area)
		return '';
	return [area.pc4, area.place].filter(Boolean).join(' ');
}

/**
 * A paged list from the API into container: fetchPage(cursor) resolves to
 * {items, next_cursor} (or an array); renderItem(item) returns an <li>.
 * Shows loading, empty (emptyKey) and error states; the count goes to
 * statusEl (aria-live) as countKey {count}: the list's `total` when the API
 * gives one (the whole result, issue 15.5), else the items loaded so far —
 * then, while more pages wait, as 'common.count_shown' ("10 shown, more
 * below"), never as if it were all. A "more" button loads the next page.
 * Returns a promise of all items loaded in the first page.
 */
export async function pagedList({ container, statusEl, fetchPage, renderItem, emptyKey, countKey, countVars = {}, listClass = 'cards' }) {
	let total = 0;
	let whole = null;	// the API's total of the result, when it gives one
	let hasMore = false;
	const ul = el('ul', null, null, { class: listClass });
	const more = el('button', 'common.more', null, { type: 'button', class: 'button button-secondary' });
	loadingInto(container);
	if (statusEl)
		statusEl.replaceChildren();
	let first = [];
	async function loadPage(cursor) {
		const page = await fetchPage(cursor);
		const items = Array.isArray(page) ? page : page.items || [];
		const next = Array.isArray(page) ? null : page.next_cursor;
		for (const it of items)
			ul.append(renderItem(it));
		total += items.length;
		if (!Array.isArray(page) && Number.isInteger(page.total))
			whole = page.total;
		hasMore = !!next;
		more.hidden = !next;
		more.dataset.cursor = next || '';
		return items;
	}
	try {
		first = await loadPage(null);
	} catch (e) {
		doneLoading(container);
		container.replaceChildren(el('p', problemKeyOf(e), null, { class: 'notice notice-error', role: 'alert' }));
		throw e;
	}
	doneLoading(container);
	if (!total) {
		container.replaceChildren(el('p', emptyKey, null, { class: 'empty' }));
		if (statusEl && countKey)
			statusEl.replaceChildren(el('p', countKey, { ...countVars, count: 0 }, { class: 'visually-hidden' }));
		return first;
	}
	container.replaceChildren(ul, more);
	const announce = () => {
		if (!statusEl || !countKey)
			return;
		if (whole === null && hasMore)
			statusEl.replaceChildren(el('p', 'common.count_shown', { count: total }, { class: 'muted' }));
		else
			statusEl.replaceChildren(el('p', countKey, { ...countVars, count: whole ?? total }, { class: 'muted' }));
	};
	announce();
	more.addEventListener('click', async () => {
		more.disabled = true;
		const firstNew = ul.children.length;
		try {
			await loadPage(more.dataset.cursor);
			announce();
			const li = ul.children[firstNew];
			const target = li && li.querySelector('a, h3, h4');
			if (target) {
				if (!target.matches('a'))
					target.tabIndex = -1;
				target.focus();
			}
		} catch (e) {
			if (statusEl)
				statusEl.replaceChildren(el('p', problemKeyOf(e), null, { class: 'notice notice-error' }));
		} finally {
			more.disabled = false;
		}
	});
	return first;
}

function problemKeyOf(e) {
	if (e && e.code === 'network')
		return 'errors.api.network';
	if (e && e.status === 401)
		return 'errors.api.unauthenticated';
	return 'errors.load_failed';
}

/**
 * An action button that asks first, in place: clicking it shows the question
 * with "yes" and "no" buttons; "yes" runs action(). Returns the wrapper.
 */
export function confirmButton({ labelKey, questionKey, yesKey, noKey = 'common.no', danger = false, action }) {
	const wrap = el('div', null, null, { class: 'confirm' });
	const open = el('button', labelKey, null, { type: 'button', class: `button ${danger ? 'button-danger' : 'button-secondary'}` });
	const box = el('div', null, null, { class: 'notice notice-info', hidden: true, role: 'group' });
	const q = el('p', questionKey);
	q.id = `q-${Math.random().toString(36).slice(2, 9)}`;
	box.setAttribute('aria-labelledby', q.id);
	const yes = el('button', yesKey, null, { type: 'button', class: `button ${danger ? 'button-danger' : ''}` });
	const no = el('button', noKey, null, { type: 'button', class: 'button button-secondary' });
	const actions = el('div', null, null, { class: 'actions' });
	actions.append(yes, no);
	box.append(q, actions);
	wrap.append(open, box);
	open.addEventListener('click', () => {
		open.hidden = true;
		box.hidden = false;
		yes.focus();
	});
	no.addEventListener('click', () => {
		box.hidden = true;
		open.hidden = false;
		open.focus();
	});
	yes.addEventListener('click', async () => {
		yes.disabled = true;
		no.disabled = true;
		try {
			await action();
		} finally {
			yes.disabled = false;
			no.disabled = false;
		}
	});
	return wrap;
}

/** The query-string parameter name of this page's URL. */
export function param(name) {
	return new URLSearchParams(location.search).get(name);
}

export { setText, el, t };
