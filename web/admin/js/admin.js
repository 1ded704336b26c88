// web/admin/js/admin.js — what every admin page shares: who may enter, the
// admin's own navigation, and small helpers. Built on the public site's
// modules (/js/page.js, /js/api.js, /js/i18n.js, /js/forms.js); the admin's
// words live in /admin/i18n/nl.json and en.json, merged into the site's.
//
//   import { startAdmin } from './admin.js';
//   const { user, isAdmin } = await startAdmin({ adminOnly: true });
//
// Access: only moderators and admins get in. Anonymous visitors go to the
// login page with a return path; a logged-in user without the role goes to
// the same page with ?switch=1, where they may log in with another account.
// A moderator who opens an admin-only page sees why it is closed, and the
// navigation only lists the pages their role may use. Staff whose account
// has no two-step login yet are sent to enrol first (tweestaps.html).
//
// Privacy: nothing the admin reads is kept in browser storage. Private data
// (a request's private part, a reported message, e-mail addresses) lives in
// the DOM of the page only, and the API answers are sent with no-store.

import { startPage, pageReady, el, t } from '/js/page.js';
import { hasRole, getSession } from '/js/api.js';
import { currentLanguage, locale, setText } from '/js/i18n.js';

const MOD = ['moderator', 'admin'];
const ADMIN = ['admin'];

// The admin pages: [path, i18n key, roles that may use it].
export const PAGES = [
	['/admin/', 'admin.nav.queue', MOD],
	['/admin/meldingen.html', 'admin.nav.reports', MOD],
	['/admin/cijfers.html', 'admin.nav.figures', MOD],
	['/admin/aandacht.html', 'admin.nav.checkins', MOD],
	['/admin/vog.html', 'admin.nav.vogs', MOD],
	['/admin/wijzigingen.html', 'admin.nav.changes', MOD],
	['/admin/gebruikers.html', 'admin.nav.users', ADMIN],
	['/admin/categorieen.html', 'admin.nav.categories', ADMIN],
	['/admin/talenten.html', 'admin.nav.talents', ADMIN],
	['/admin/organisaties.html', 'admin.nav.organisations', ADMIN],
	['/admin/logboek.html', 'admin.nav.audit', ADMIN],
];

function here() {
	const p = location.pathname;
	return p === '/admin/index.html' || p === '/admin' ? '/admin/' : p;
}

/** The login page for a user who must log in (again) to use this page. */
export function adminLoginUrl(loggedIn) {
	const next = encodeURIComponent(location.pathname + location.search);
	return `/inloggen.html?next=${next}${loggedIn ? '&switch=1' : ''}`;
}

function buildNav(user) {
	const nav = document.getElementById('admin-nav');
	if (!nav)
		return;
	nav.setAttribute('aria-label', t('admin.nav.label'));
	nav.dataset.i18nAttr = 'aria-label:admin.nav.label';
	const ul = document.createElement('ul');
	for (const [href, key, roles] of PAGES) {
		if (!hasRole(user, ...roles))
			continue;
		const a = el('a', key, null, { href });
		if (href === here())
			a.setAttribute('aria-current', 'page');
		const li = document.createElement('li');
		li.append(a);
		ul.append(li);
	}
	nav.replaceChildren(ul);
}

/**
 * Starts an admin page. Resolves to {user, isAdmin}; never resolves when the
 * visitor may not use the page (sent to login, or shown why it is closed).
 */
export async function startAdmin({ adminOnly = false } = {}) {
	const state = await startPage({ auth: 'required', extraI18n: ['/admin/i18n/'] });
	const user = state.user;
	if (!hasRole(user, ...MOD)) {
		location.replace(adminLoginUrl(true));
		return new Promise(() => {});
	}
	// Staff work needs two-step login (API: 403 mfa_required): without it,
	// first the enrolment page, then back here.
	const session = await getSession();
	if (session && session.mfa === false) {
		location.replace(`/admin/tweestaps.html?next=${encodeURIComponent(location.pathname + location.search)}`);
		return new Promise(() => {});
	}
	buildNav(user);
	const isAdmin = hasRole(user, 'admin');
	if (adminOnly && !isAdmin) {
		const box = document.getElementById('page-body');
		if (box)
			box.replaceChildren(el('p', 'admin.only_admins', null, { class: 'notice notice-info', role: 'status' }));
		pageReady();
		return new Promise(() => {});
	}
	return { user, isAdmin };
}

/** The category's name in the current language (its id when unknown). */
export function categoryLabel(categories, id) {
	const c = (categories || []).find((x) => x.id === id);
	if (!c)
		return id;
	return currentLanguage() === 'en' ? c.name_en : c.name_nl;
}

/** A <dl class="meta"> from [[labelKey, value or Node], ...] (empty values left out). */
export function metaList(pairs, cls = 'meta') {
	const dl = el('dl', null, null, { class: cls });
	for (const [key, value, vars] of pairs) {
		if (value === undefined || value === null || value === '')
			continue;
		const dt = el('dt', key, vars);
		const dd = document.createElement('dd');
		if (value instanceof Node)
			dd.append(value);
		else
			dd.textContent = String(value);
		dl.append(dt, dd);
	}
	return dl;
}

/** A text node-ish span whose text follows the language (key + vars). */
export function tx(key, vars, tag = 'span', attrs) {
	return el(tag, key, vars, attrs);
}

/** A date-time as text in the current language, kept across switches. */
export function dateTime(iso, tag = 'span') {
	const s = el(tag, 'common.datetime_value', { at: iso });
	return s;
}

/** A <time> element showing iso in the current language. */
export function timeEl(iso, kind = 'datetime') {
	const e = document.createElement('time');
	e.dateTime = iso;
	setText(e, kind === 'date' ? 'common.date_value' : 'common.datetime_value', { at: iso });
	return e;
}

/** Formats a number for the current language. */
export function num(n, digits = 1) {
	return new Intl.NumberFormat(locale(), { maximumFractionDigits: digits }).format(n);
}

/** Fetches every page of a list (up to max pages of 100). */
export async function fetchAll(api, path, query = {}, max = 20) {
	const out = [];
	let cursor = null;
	for (let i = 0; i < max; i++) {
		const page = await api.get(path, { ...query, limit: 100, cursor });
		out.push(...(page.items || []));
		cursor = page.next_cursor;
		if (!cursor)
			break;
	}
	return out;
}

/** Shows a message in an aria-live status element (replacing what was there). */
export function announce(statusEl, key, vars, kind = 'ok') {
	statusEl.replaceChildren(el('p', key, vars, { class: `notice notice-${kind}` }));
}

export { pageReady, el, t };

/**
 * A button that asks first, in place (like page.js's confirmButton, with
 * {vars} in the labels): "yes" runs action(); "no" puts the focus back.
 */
export function confirmInline({ labelKey, questionKey, yesKey, noKey = 'common.no', vars, danger = true, action }) {
	const wrap = el('div', null, null, { class: 'confirm' });
	const open = el('button', labelKey, vars, { type: 'button', class: `button ${danger ? 'button-danger' : 'button-secondary'}` });
	const box = el('div', null, null, { class: 'notice notice-info', hidden: true, role: 'group' });
	const q = el('p', questionKey, vars, { id: `q-${Math.random().toString(36).slice(2, 9)}` });
	box.setAttribute('aria-labelledby', q.id);
	const yes = el('button', yesKey, vars, { type: 'button', class: `button ${danger ? 'button-danger' : ''}`.trim() });
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
	wrap.reset = () => {
		box.hidden = true;
		open.hidden = false;
	};
	return wrap;
}
