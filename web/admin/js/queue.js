// The moderation queue (GET /admin/queue): pending requests, offers and
// vacancies (issue 18 part 2, POST /vacancies/{id}/review),
// oldest first, each with what a moderator needs to decide (for a request
// posted for someone: their first name and how they agreed, with the
// revocation of that consent, consent.js), and the
// decision in a few keystrokes (POST /requests/{id}/review or
// /offers/{id}/review: approve, reject with a reason, hide with a reason).
//
// Keyboard: the shortcuts act on the item that has the focus (WCAG 2.1.4:
// active only on focus, and they can be switched off): J/K or the arrows
// move between items, A approves, R and H open the reason, P shows the
// private part (a logged read), Esc closes the reason. After a decision the
// item leaves the list and the focus goes to the next one.
//
// The queue refreshes itself every 15 s (while the tab is visible) and after
// each decision, without a reload: items already shown stay as they are
// (focus and an open reason survive), new ones are added, ones decided
// elsewhere are removed, and what changed is said in the aria-live region.

import { api, getCategories } from '/js/api.js';
import { onLanguageChange, setText, t, locale } from '/js/i18n.js';
import { handleForm, problemKey } from '/js/forms.js';
import { startAdmin, pageReady, el, categoryLabel, metaList, timeEl, announce } from './admin.js';
import { consentBlock } from './consent.js';

const POLL_MS = 15000;
const PAGE = 50;
const PRESETS = ['not_help', 'personal_data', 'commercial', 'language'];

const container = document.getElementById('queue');
const live = document.getElementById('queue-live');
const countEl = document.getElementById('queue-count');
const refreshedEl = document.getElementById('queue-refreshed');
const refreshBtn = document.getElementById('queue-refresh');
const shortcutsBox = document.getElementById('shortcuts-on');

let categories = [];
let list = null;            // the <ol>
const shown = new Map();    // id -> {item, li}
const offerDetails = new Map();  // offer id -> offer (public part, for its availability)
let hasMore = false;
let loading = null;
let first = true;

function shortcutsOn() {
	return shortcutsBox.checked;
}

function reviewPath(item) {
	const base = { offer: 'offers', vacancy: 'vacancies' }[item.type] || 'requests';
	return `/${base}/${encodeURIComponent(item.id)}/review`;
}

function keyButton(key, labelKey, shortcut, cls) {
	const b = el('button', null, null, { type: 'button', class: `button ${cls || ''}`.trim() });
	if (shortcutsOn())
		b.setAttribute('aria-keyshortcuts', shortcut.toLowerCase());
	const kbd = document.createElement('kbd');
	kbd.textContent = shortcut;
	b.append(el('span', labelKey), kbd);
	b.dataset.action = key;
	return b;
}

function availabilityText(offer) {
	if (!offer.availability || !offer.availability.length)
		return el('span', 'admin.queue.no_availability');
	const ul = el('ul', null, null, { class: 'reasons' });
	for (const s of offer.availability)
		ul.append(el('li', 'common.slot', { day: s.day, from: s.from, to: s.to }));
	return ul;
}

function renderItem(item) {
	const li = document.createElement('li');
	const art = el('article', null, null, {
		class: 'queue-item', id: `q-${item.id}`, tabindex: '0', 'aria-labelledby': `q-${item.id}-h`,
	});
	art.dataset.id = item.id;
	const h = el('h2', null, null, { id: `q-${item.id}-h` });
	const typ = el('span', `admin.type.${item.type}`, null, { class: `queue-type queue-type-${item.type}` });
	const title = document.createElement('span');
	title.textContent = item.title;
	h.append(typ, title);

	const who = item.type === 'offer' ? item.volunteer : item.type === 'vacancy' ? item.organisation : item.owner;
	const cats = item.type !== 'request'
		? (item.categories || []).map((c) => categoryLabel(categories, c)).join(', ')
		: categoryLabel(categories, item.category);
	const pairs = [
		[{ offer: 'admin.queue.offered_by', vacancy: 'admin.queue.vacancy_of' }[item.type] || 'admin.queue.posted_by',
			who ? who.display_name || who.name : ''],
		[item.type !== 'request' ? 'admin.queue.categories' : 'admin.queue.category', cats],
		['admin.queue.area', item.area ? [item.area.pc4, item.area.place].filter(Boolean).join(' ') : ''],
		['admin.queue.posted_at', timeEl(item.created_at)],
	];
	if (item.type === 'offer') {
		pairs.push(['admin.queue.radius', el('span', 'common.km_value', { km: item.radius_km })]);
		const avail = el('span', 'common.loading', null, { class: 'muted' });
		avail.dataset.availability = item.id;
		pairs.push(['admin.queue.availability', avail]);
	}
	const meta = metaList(pairs);
	// Issue 17: what the words of the public text suggest a moderator looks at.
	const flags = el('p', null, null, { class: 'queue-flags' });
	for (const f of (item.flags || []).filter((x) => x === 'health_term' || x === 'professional_care'))
		flags.append(el('span', `admin.queue.flag.${f}`, null, { class: `queue-flag queue-flag-${f}` }));
	const desc = el('p', null, null, { class: 'queue-description' });
	desc.textContent = item.description || '';
	art.append(h, ...(flags.childElementCount ? [flags] : []), meta, desc);
	// Issue 17: posted for someone — their first name and how they agreed,
	// and the moderator's revocation (the request leaves the queue).
	const consent = item.type === 'request' ? consentBlock(item, live, () => revoked(item)) : null;
	if (consent)
		art.append(consent);

	const privateSlot = el('div', null, null, { class: 'private-slot' });
	if (item.type === 'request') {
		const p = el('p', 'admin.queue.private_hint', null, { class: 'small muted', id: `q-${item.id}-ph` });
		const b = keyButton('private', 'admin.queue.private_show', 'P', 'button-secondary');
		b.setAttribute('aria-describedby', p.id);
		privateSlot.append(b, p);
	}
	art.append(privateSlot);

	const actions = el('div', null, null, { class: 'actions' });
	actions.append(
		keyButton('approve', 'admin.queue.approve', 'A'),
		keyButton('reject', 'admin.queue.reject', 'R', 'button-secondary'),
		keyButton('hide', 'admin.queue.hide', 'H', 'button-danger'),
	);
	for (const b of actions.querySelectorAll('[data-action=reject],[data-action=hide]')) {
		b.setAttribute('aria-expanded', 'false');
		b.setAttribute('aria-controls', `q-${item.id}-reason`);
	}
	art.append(actions, reasonForm(item));
	li.append(art);
	return li;
}

// The reason for reject/hide: a few ready reasons (radio) or one's own words.
function reasonForm(item) {
	const id = `q-${item.id}-reason`;
	const form = el('form', null, null, { class: 'reason-form', id, hidden: true, novalidate: true });
	form.append(el('div', null, null, { class: 'error-summary', 'data-error-summary': '', tabindex: '-1', 'aria-live': 'assertive', hidden: true }));
	const fs = el('fieldset', null, null, { class: 'field', 'data-field': 'reason' });
	const legend = el('legend', 'admin.queue.reason_legend_reject');
	const hint = el('p', 'admin.queue.reason_hint', null, { class: 'hint', id: `${id}-hint` });
	fs.setAttribute('aria-describedby', hint.id);
	fs.append(legend, hint);
	for (const [i, p] of [...PRESETS, 'other'].entries()) {
		const c = el('div', null, null, { class: 'choice' });
		const input = el('input', null, null, { type: 'radio', name: 'preset', id: `${id}-${p}`, value: p });
		if (i === 0)
			input.checked = true;
		c.append(input, el('label', `admin.queue.reason_preset.${p}`, null, { for: input.id }));
		fs.append(c);
	}
	const otherWrap = el('div', null, null, { class: 'field' });
	const otherLabel = el('label', 'admin.queue.reason_other_label', null, { for: `${id}-text`, class: 'visually-hidden' });
	const other = el('textarea', null, null, { id: `${id}-text`, name: 'reason_text', rows: '2', maxlength: '500' });
	otherWrap.append(otherLabel, other);
	fs.append(otherWrap);
	const actions = el('div', null, null, { class: 'actions' });
	const submit = el('button', 'admin.queue.confirm_reject', null, { type: 'submit', class: 'button button-danger', 'data-busy-key': 'common.busy' });
	const cancel = el('button', 'admin.queue.cancel', null, { type: 'button', class: 'button button-secondary', 'data-action': 'cancel' });
	actions.append(submit, cancel);
	form.append(fs, actions);

	other.addEventListener('input', () => {
		if (other.value.trim())
			form.querySelector(`#${CSS.escape(`${id}-other`)}`).checked = true;
	});
	handleForm(form, async () => {
		const preset = form.querySelector('input[name=preset]:checked')?.value || 'other';
		const reason = preset === 'other' ? other.value.trim() : t(`admin.queue.reason_preset.${preset}`);
		if (!reason) {
			const err = new Error('reason');
			err.errors = [{ field: 'reason', code: 'required' }];
			throw err;
		}
		await decide(item, form.dataset.decision, reason);
	});
	return form;
}

function openReason(art, decision) {
	const item = shown.get(art.dataset.id)?.item;
	if (!item)
		return;
	const form = art.querySelector('.reason-form');
	form.dataset.decision = decision;
	setText(form.querySelector('legend'), `admin.queue.reason_legend_${decision}`);
	const submit = form.querySelector('button[type=submit]');
	setText(submit, `admin.queue.confirm_${decision}`);
	submit.dataset.idleKey = `admin.queue.confirm_${decision}`;
	for (const b of art.querySelectorAll('[data-action=reject],[data-action=hide]'))
		b.setAttribute('aria-expanded', String(b.dataset.action === decision));
	form.hidden = false;
	(form.querySelector('input[name=preset]:checked') || form.querySelector('input')).focus();
}

function closeReason(art) {
	const form = art.querySelector('.reason-form');
	if (form.hidden)
		return false;
	form.hidden = true;
	const decision = form.dataset.decision;
	for (const b of art.querySelectorAll('[data-action=reject],[data-action=hide]'))
		b.setAttribute('aria-expanded', 'false');
	art.querySelector(`[data-action=${decision}]`)?.focus();
	return true;
}

async function showPrivate(art) {
	const item = shown.get(art.dataset.id)?.item;
	if (!item || item.type !== 'request')
		return;
	const slot = art.querySelector('.private-slot');
	const btn = slot.querySelector('button');
	if (btn)
		btn.disabled = true;
	try {
		const { request } = await api.get(`/requests/${encodeURIComponent(item.id)}`);
		const box = el('section', null, null, { class: 'private', tabindex: '-1', 'aria-labelledby': `q-${item.id}-pt` });
		box.append(el('h3', 'admin.queue.private_heading', null, { class: 'private-title', id: `q-${item.id}-pt` }));
		box.append(el('p', 'admin.logged_read', null, { class: 'logged-read' }));
		const priv = request.private || {};
		const pairs = [
			['admin.queue.on_behalf_of', request.on_behalf_of ? request.on_behalf_of.first_name : ''],
			['admin.queue.posted_as', request.posted_as ? el('span', `roles.${request.posted_as}.name`) : ''],
			['admin.queue.when', request.when ? el('span', 'common.when_range', { start: request.when.start, end: request.when.end }) : ''],
			['fields.care_situation', priv.care_situation],
			['fields.address', priv.address],
			['fields.phone', priv.phone],
		];
		const dl = metaList(pairs);
		if (!priv.care_situation && !priv.address && !priv.phone)
			box.append(el('p', 'admin.queue.private_none'));
		if (dl.children.length)
			box.append(dl);
		slot.replaceChildren(box);
		box.focus();
	} catch (e) {
		if (btn)
			btn.disabled = false;
		if (e.status === 404 || e.status === 409) {
			gone(item);
			return;
		}
		announce(live, problemKey(e), null, 'error');
	}
}

function items() {
	return list ? [...list.querySelectorAll('.queue-item')] : [];
}

function moveFocus(art, step) {
	const all = items();
	const i = all.indexOf(art);
	const next = all[i + step];
	if (next) {
		next.focus();
		next.scrollIntoView({ block: 'nearest' });
	}
}

// Removes an item's node; when the focus was in it, the next item (or the
// one before, or the count line) gets it.
function removeNode(id) {
	const entry = shown.get(id);
	if (!entry)
		return;
	const had = entry.li.contains(document.activeElement);
	const all = items();
	const art = entry.li.querySelector('.queue-item');
	const i = all.indexOf(art);
	const target = all[i + 1] || all[i - 1] || null;
	entry.li.remove();
	shown.delete(id);
	if (had)
		(target || countEl).focus();
}

function gone(item) {
	removeNode(item.id);
	announce(live, 'admin.queue.gone', { title: item.title }, 'info');
	updateCount();
	refresh();
}

// Consent revoked from the queue: the request is withdrawn, so it leaves
// (consentBlock said so in the live region).
function revoked(item) {
	removeNode(item.id);
	updateCount();
	refresh();
}

async function decide(item, decision, reason) {
	const body = { decision };
	if (reason)
		body.reason = reason;
	const art = document.getElementById(`q-${item.id}`);
	art?.setAttribute('aria-busy', 'true');
	try {
		await api.post(reviewPath(item), body);
	} catch (e) {
		art?.removeAttribute('aria-busy');
		if (e.status === 404 || e.status === 409) {
			gone(item);
			return;
		}
		throw e;
	}
	removeNode(item.id);
	updateCount();
	live.replaceChildren(el('p', null, null, { class: 'notice notice-ok' }));
	const p = live.firstChild;
	p.append(el('span', `admin.queue.done_${decision}`, { title: item.title }), document.createTextNode(' '),
		el('span', 'admin.queue.left', { count: shown.size }));
	refresh();
}

async function approve(art) {
	const item = shown.get(art.dataset.id)?.item;
	if (!item || art.getAttribute('aria-busy') === 'true')
		return;
	try {
		await decide(item, 'approve');
	} catch (e) {
		art.removeAttribute('aria-busy');
		announce(live, problemKey(e), null, 'error');
	}
}

function updateCount() {
	if (!list)
		return;
	if (!shown.size) {
		container.replaceChildren(el('p', 'admin.queue.empty', null, { class: 'empty' }));
		list = null;
		setText(countEl, 'admin.queue.count', { count: 0 });
		return;
	}
	setText(countEl, hasMore ? 'admin.queue.count_more' : 'admin.queue.count', { count: shown.size });
}

function showList() {
	if (!list) {
		list = el('ol', null, null, { class: 'queue' });
		container.replaceChildren(list);
	}
}

// Fetches the queue and reconciles the list with it.
async function load() {
	const page = await api.get('/admin/queue', { limit: PAGE });
	const fresh = page.items || [];
	hasMore = !!page.next_cursor;
	const ids = new Set(fresh.map((x) => x.id));
	let removed = 0;
	let added = 0;
	for (const id of [...shown.keys()]) {
		if (!ids.has(id)) {
			removeNode(id);
			removed++;
		}
	}
	if (fresh.length)
		showList();
	let before = null;
	for (let i = fresh.length - 1; i >= 0; i--) {
		const item = fresh[i];
		let entry = shown.get(item.id);
		if (!entry) {
			entry = { item, li: renderItem(item) };
			shown.set(item.id, entry);
			list.insertBefore(entry.li, before);
			added++;
		} else {
			entry.item = item;
		}
		before = entry.li;
	}
	if (!fresh.length && !list)
		container.replaceChildren(el('p', 'admin.queue.empty', null, { class: 'empty' }));
	updateCount();
	setText(refreshedEl, 'admin.queue.refreshed_at', { at: new Date().toLocaleTimeString(locale()) });
	fillAvailability();
	if (!first && (added || removed)) {
		const p = el('p', null, null, { class: 'notice notice-info' });
		if (added)
			p.append(el('span', 'admin.queue.new_items', { count: added }), document.createTextNode(' '));
		if (removed)
			p.append(el('span', 'admin.queue.removed_items', { count: removed }));
		// Added after what is there (a decision just said stays), the last few kept.
		live.append(p);
		while (live.children.length > 3)
			live.firstElementChild.remove();
	}
	first = false;
}

// The availability of offers comes from GET /offers/{id} (public; not logged).
async function fillAvailability() {
	for (const span of container.querySelectorAll('[data-availability]')) {
		const id = span.dataset.availability;
		delete span.dataset.availability;
		try {
			let offer = offerDetails.get(id);
			if (!offer) {
				offer = (await api.get(`/offers/${encodeURIComponent(id)}`)).offer;
				offerDetails.set(id, offer);
			}
			span.replaceWith(availabilityText(offer));
		} catch {
			span.replaceWith(el('span', 'errors.load_failed'));
		}
	}
}

/** Refreshes the queue now (once at a time). */
function refresh() {
	if (!loading) {
		loading = load()
			.catch((e) => {
				console.error(e);
				if (e.status === 401)
					location.reload();
				else
					announce(live, 'admin.queue.refresh_failed', null, 'error');
			})
			.finally(() => { loading = null; });
	}
	return loading;
}

function onKey(ev) {
	const art = ev.target.closest && ev.target.closest('.queue-item');
	if (!art || ev.ctrlKey || ev.metaKey || ev.altKey)
		return;
	if (ev.key === 'Escape') {
		if (closeReason(art))
			ev.preventDefault();
		return;
	}
	const inForm = ev.target.closest('.reason-form');
	if (inForm) {
		// Enter on a ready reason decides at once.
		if (ev.key === 'Enter' && ev.target.type === 'radio') {
			ev.preventDefault();
			inForm.requestSubmit();
		}
		return;
	}
	if (!shortcutsOn() || ev.target.matches('input, textarea, select'))
		return;
	const key = ev.key.length === 1 ? ev.key.toLowerCase() : ev.key;
	const act = {
		j: () => moveFocus(art, 1), ArrowDown: () => moveFocus(art, 1),
		k: () => moveFocus(art, -1), ArrowUp: () => moveFocus(art, -1),
		a: () => approve(art),
		r: () => openReason(art, 'reject'),
		h: () => openReason(art, 'hide'),
		p: () => showPrivate(art),
	}[key];
	if (act) {
		ev.preventDefault();
		act();
	}
}

function onClick(ev) {
	const b = ev.target.closest('button[data-action]');
	if (!b)
		return;
	const art = b.closest('.queue-item');
	if (!art)
		return;
	const a = b.dataset.action;
	if (a === 'approve')
		approve(art);
	else if (a === 'reject' || a === 'hide')
		openReason(art, a);
	else if (a === 'private')
		showPrivate(art);
	else if (a === 'cancel')
		closeReason(art);
}

async function main() {
	await startAdmin();
	categories = await getCategories().catch(() => []);
	container.addEventListener('keydown', onKey);
	container.addEventListener('click', onClick);
	shortcutsBox.addEventListener('change', () => {
		document.body.classList.toggle('shortcuts-off', !shortcutsOn());
		for (const b of container.querySelectorAll('[data-action] kbd'))
			b.closest('button').toggleAttribute('aria-keyshortcuts', false);
		if (shortcutsOn())
			for (const b of container.querySelectorAll('button[data-action]'))
				if (b.querySelector('kbd'))
					b.setAttribute('aria-keyshortcuts', b.querySelector('kbd').textContent.toLowerCase());
	});
	refreshBtn.addEventListener('click', () => refresh());
	container.setAttribute('aria-busy', 'true');
	container.replaceChildren(el('p', 'common.loading', null, { class: 'loading' }));
	try {
		await load();
	} catch (e) {
		container.replaceChildren(el('p', problemKey(e), null, { class: 'notice notice-error', role: 'alert' }));
	}
	container.removeAttribute('aria-busy');
	setInterval(() => {
		if (!document.hidden)
			refresh();
	}, POLL_MS);
	document.addEventListener('visibilitychange', () => {
		if (!document.hidden)
			refresh();
	});
	onLanguageChange(() => {
		// Category names come from the API in both languages; re-render meta.
		for (const { item, li } of shown.values()) {
			const dd = li.querySelector('dl.meta dd:nth-of-type(2)');
			if (dd)
				dd.textContent = item.type === 'offer'
					? (item.categories || []).map((c) => categoryLabel(categories, c)).join(', ')
					: categoryLabel(categories, item.category);
		}
	});
	pageReady();
}

main();
