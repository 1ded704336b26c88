// web/js/bell.js — the notifications link in the header of every page for a
// logged-in user: "Meldingen, 3 ongelezen", and for moderators and admins
// also the length of the moderation queue. page.js starts it; nothing else
// needs to.
//
//   import { startBell, refreshBell, onBellChange } from '/js/bell.js';
//   startBell(headerTools);          // page.js, once the session is known
//   await refreshBell();             // after marking notifications read
//   onBellChange(({unread, queue}) => ...);
//
// - The count comes from GET /me/notifications?unread=true&limit=1
//   (unread_count, queue_count). It is fetched again every 30 seconds while
//   the page is visible and at once when the page becomes visible again, so
//   a notification shows up without a reload.
// - A visually hidden aria-live="polite" region in the header says it when
//   the count changes while the page is open (never on the first load).
// - The count is in words, not a coloured dot: the link shows "Meldingen"
//   and "3 ongelezen" (in a pill) and is named "Meldingen, 3 ongelezen".
// - Opening the page a notification links to marks it read, as following
//   it from meldingen.html does (markThisPageRead).
// - When the API has no notifications (404) or the session ended (401) the
//   bell stays as a plain link and polling stops.

import { api } from './api.js';
import { el, setText, t, onLanguageChange } from './i18n.js';

export const POLL_MS = 30000;

let link = null;
let queueLink = null;
let live = null;
let timer = null;
let known = null;          // {unread, queue} after the first answer
let inFlight = null;
let stopped = false;
const listeners = new Set();

function isHere(href) {
	return location.pathname === href || (href === '/admin/' && location.pathname === '/admin/index.html');
}

function renderLink() {
	if (!link)
		return;
	const unread = known ? known.unread : 0;
	// Named "Meldingen, 3 ongelezen" in one phrase; the visible words are
	// the name's words, so speech input finds the link by them too.
	link.replaceChildren(el('span', 'bell.label', null, { class: 'bell-label' }));
	let name = t('bell.label');
	if (unread > 0) {
		link.append(document.createTextNode(' '), el('span', 'bell.unread', { count: unread }, { class: 'bell-count' }));
		name += `, ${t('bell.unread', { count: unread })}`;
	}
	link.setAttribute('aria-label', name);
	link.dataset.unread = String(unread);
	if (queueLink) {
		const q = known && typeof known.queue === 'number' ? known.queue : null;
		queueLink.hidden = q === null;
		if (q !== null) {
			queueLink.replaceChildren(el('span', 'bell.queue_label', null, { class: 'bell-label' }), document.createTextNode(' '),
				el('span', 'bell.queue', { count: q }, { class: 'bell-count' }));
			queueLink.setAttribute('aria-label', `${t('bell.queue_label')}, ${t('bell.queue', { count: q })}`);
			queueLink.dataset.queue = String(q);
		}
	}
}

function announce(before, after) {
	if (!live || !before)
		return;
	if (after.unread > before.unread)
		setText(live, 'bell.live_more', { count: after.unread });
	else if (after.unread < before.unread)
		setText(live, after.unread ? 'bell.live_fewer' : 'bell.live_none', after.unread ? { count: after.unread } : null);
	else if (typeof after.queue === 'number' && after.queue !== before.queue)
		setText(live, 'bell.live_queue', { count: after.queue });
}

/** Fetches the count now; resolves to {unread, queue} (or null when unavailable). */
export function refreshBell() {
	if (stopped || !link)
		return Promise.resolve(known);
	if (inFlight)
		return inFlight;
	inFlight = api.get('/me/notifications', { unread: 'true', limit: 1 })
		.then((page) => {
			const next = {
				unread: Number(page.unread_count) || 0,
				queue: typeof page.queue_count === 'number' ? page.queue_count : null,
			};
			const before = known;
			known = next;
			if (!before || before.unread !== next.unread || before.queue !== next.queue) {
				renderLink();
				announce(before, next);
				for (const fn of listeners)
					fn(next);
			}
			return next;
		})
		.catch((e) => {
			if (e.status === 401 || e.status === 404 || e.status === 403)
				stop();
			return known;
		})
		.finally(() => { inFlight = null; });
	return inFlight;
}

function stop() {
	stopped = true;
	clearInterval(timer);
	timer = null;
}

// Opening what a notification is about (from a mail, a bookmark, the
// list of matches) has the same effect as following it from the list: its
// unread notifications for this very page are marked read. Asked once per
// page, and only when there is anything unread.
let seenHere = false;
async function markThisPageRead() {
	if (seenHere || !known || !known.unread || isHere('/meldingen.html'))
		return;
	seenHere = true;
	const here = location.pathname + location.search;
	try {
		const page = await api.get('/me/notifications', { unread: 'true', limit: 100 });
		const ids = (page.items || []).filter((n) => n.link === here && !n.read_at).map((n) => n.id);
		if (ids.length) {
			await api.post('/me/notifications/read', { ids });
			await refreshBell();
		}
	} catch {
		// Not essential: the notifications stay unread.
	}
}

/** Calls fn({unread, queue}) whenever the count changes. */
export function onBellChange(fn) {
	listeners.add(fn);
	if (known)
		fn(known);
	return () => listeners.delete(fn);
}

/** The last count fetched, or null. */
export function bellCount() {
	return known;
}

/**
 * Puts the bell (and for moderators the queue) into the header's tools,
 * before the other buttons, and starts polling.
 */
export function startBell(tools, { moderator = false } = {}) {
	link = el('a', null, null, { id: 'bell', class: 'button-header bell', href: '/meldingen.html' });
	if (isHere('/meldingen.html'))
		link.setAttribute('aria-current', 'page');
	tools.prepend(link);
	if (moderator) {
		queueLink = el('a', null, null, { id: 'queue-link', class: 'button-header bell bell-queue', href: '/admin/', hidden: true });
		if (isHere('/admin/'))
			queueLink.setAttribute('aria-current', 'page');
		link.after(queueLink);
	}
	live = el('div', null, null, { id: 'bell-live', class: 'visually-hidden', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
	tools.append(live);
	renderLink();
	onLanguageChange(renderLink);
	refreshBell().then(markThisPageRead);
	timer = setInterval(() => {
		if (!document.hidden)
			refreshBell();
	}, POLL_MS);
	document.addEventListener('visibilitychange', () => {
		if (!document.hidden)
			refreshBell();
	});
	// Read elsewhere (another tab) or new while away: also on focus.
	window.addEventListener('focus', () => refreshBell());
	return link;
}

