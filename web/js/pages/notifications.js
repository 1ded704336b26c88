// My notifications (meldingen.html): newest first, paged with "Meer laden",
// unread ones marked with a word; each one links to what it is about, and
// following that link marks it read first. "Alleen ongelezen" filters
// (kept in the address as ?unread=true); "Alles als gelezen markeren" marks
// every one. The bell in the header follows (refreshBell), and when it sees
// new notifications while this page is open a button offers to show them.

import { api } from '../api.js';
import { startPage, pageReady, el, safeNext, loadingInto, doneLoading, localeSaved } from '../page.js';
import { onLanguageChange } from '../i18n.js';
import { showStatus, showProblem } from '../forms.js';
import { refreshBell, onBellChange } from '../bell.js';

const PAGE = 20;
const list = document.getElementById('notifications-list');
const status = document.getElementById('notifications-status');
const onlyUnread = document.getElementById('only-unread');
const markAll = document.getElementById('mark-all');

let items = [];
let nextCursor = null;
let unreadCount = 0;
let shownUnread = null;   // the unread count this list was loaded with

/** A site path we may link to, or null (never another site). */
function localLink(link) {
	if (typeof link !== 'string' || !link)
		return null;
	const safe = safeNext(link);
	return safe === link ? safe : null;
}

function markRead(id) {
	return api.post('/me/notifications/read', { ids: [id] });
}

function itemElement(n) {
	const unread = !n.read_at;
	const li = el('li', null, null, { class: `card notification${unread ? ' is-unread' : ''}`, id: `n-${n.id}` });
	const h = el('h2', null, null, { class: 'notification-title' });
	const href = localLink(n.link);
	if (unread) {
		// The word, not only a colour; before the title so it is read first.
		h.append(el('span', 'notifications.unread', null, { class: 'badge badge-unread' }), document.createTextNode(' '));
	}
	if (href) {
		const a = el('a', null, null, { href });
		a.textContent = n.title;
		a.addEventListener('click', async (ev) => {
			if (n.read_at)
				return;
			n.read_at = new Date().toISOString();
			// A new tab or window: let the browser open it, mark read meanwhile.
			if (ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) {
				markRead(n.id).then(() => refreshBell()).catch(() => {});
				return;
			}
			ev.preventDefault();
			try {
				await markRead(n.id);
			} catch {
				// Marking read failed: still take the user where they wanted to go.
			}
			location.assign(href);
		});
		h.append(a);
	} else {
		h.append(document.createTextNode(n.title));
	}
	const meta = el('p', null, null, { class: 'meta' });
	const time = el('time', 'notifications.received', { at: n.created_at }, { datetime: n.created_at });
	meta.append(time);
	if (n.count > 1)
		meta.append(document.createTextNode(' · '), el('span', 'notifications.bundled', { count: n.count }));
	li.append(h, meta);
	return li;
}

function render(focusFrom = -1) {
	doneLoading(list);
	if (!items.length) {
		list.replaceChildren(el('p', onlyUnread.checked ? 'notifications.none_unread' : 'notifications.none', null, { class: 'empty' }));
		return;
	}
	const ul = el('ul', null, null, { class: 'cards notifications' });
	for (const n of items)
		ul.append(itemElement(n));
	const children = [ul];
	if (nextCursor) {
		const more = el('button', 'common.more', null, { type: 'button', class: 'button button-secondary', id: 'more' });
		more.addEventListener('click', loadMore);
		children.push(more);
	}
	list.replaceChildren(...children);
	if (focusFrom >= 0) {
		const a = ul.children[focusFrom]?.querySelector('a, h2');
		if (a) {
			if (!a.matches('a'))
				a.tabIndex = -1;
			a.focus();
		}
	}
}

function announceCount() {
	status.replaceChildren(el('p', 'notifications.count', { count: items.length }, { class: 'muted' }));
	if (unreadCount)
		status.firstChild.append(document.createTextNode(' '), el('span', 'notifications.count_unread', { count: unreadCount }));
}

async function fetchPage(cursor) {
	return api.get('/me/notifications', { unread: onlyUnread.checked ? 'true' : undefined, limit: PAGE, cursor });
}

async function load() {
	loadingInto(list);
	try {
		const page = await fetchPage(null);
		items = page.items || [];
		nextCursor = page.next_cursor || null;
		unreadCount = Number(page.unread_count) || 0;
		shownUnread = unreadCount;
		render();
		announceCount();
	} catch (e) {
		doneLoading(list);
		list.replaceChildren();
		showProblem(status, e);
	}
}

async function loadMore(ev) {
	const button = ev.currentTarget;
	button.disabled = true;
	const from = items.length;
	try {
		const page = await fetchPage(nextCursor);
		items.push(...(page.items || []));
		nextCursor = page.next_cursor || null;
		unreadCount = Number(page.unread_count) || 0;
		render(from);
		announceCount();
	} catch (e) {
		button.disabled = false;
		showProblem(status, e);
	}
}

async function markAllRead() {
	if (markAll.getAttribute('aria-disabled') === 'true')
		return;
	markAll.setAttribute('aria-disabled', 'true');
	try {
		await api.post('/me/notifications/read', {});
		const now = new Date().toISOString();
		for (const n of items)
			n.read_at = n.read_at || now;
		if (onlyUnread.checked) {
			items = [];
			nextCursor = null;
		}
		unreadCount = 0;
		shownUnread = 0;
		render();
		showStatus(status, 'notifications.marked_all');
		document.getElementById('new-notifications')?.remove();
		refreshBell();
	} catch (e) {
		showProblem(status, e);
	} finally {
		markAll.removeAttribute('aria-disabled');
	}
}

// New notifications arrived while this page was open: offer to show them
// (the bell's live region has said so already).
function offerNew({ unread }) {
	if (shownUnread === null || unread <= shownUnread || document.getElementById('new-notifications'))
		return;
	const b = el('button', 'notifications.show_new', null, { type: 'button', class: 'button', id: 'new-notifications' });
	b.addEventListener('click', async () => {
		b.remove();
		await load();
		list.querySelector('a, h2')?.focus();
	});
	list.before(b);
}

async function main() {
	await startPage({ auth: 'required' });
	onlyUnread.checked = new URLSearchParams(location.search).get('unread') === 'true';
	onlyUnread.addEventListener('change', () => {
		const u = new URL(location.href);
		if (onlyUnread.checked)
			u.searchParams.set('unread', 'true');
		else
			u.searchParams.delete('unread');
		history.replaceState(null, '', u.pathname + u.search + u.hash);
		document.getElementById('new-notifications')?.remove();
		load();
	});
	markAll.addEventListener('click', markAllRead);
	await load();
	onBellChange(offerNew);
	// The titles come in the account's language: fetched again once it is saved.
	onLanguageChange(async () => {
		render();
		await localeSaved();
		await load();
	});
	pageReady();
}

main();
