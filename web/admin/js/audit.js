// The audit log (admins only; GET /admin/audit?actor=&target=): who did or
// read what, when, newest first, paged. A name or a subject in the list
// filters on it; the filter lives in the page's URL, so it can be shared
// (e.g. the users page links to everything about one user).

import { api } from '/js/api.js';
import { handleForm, problemKey } from '/js/forms.js';
import { startAdmin, pageReady, el, timeEl, announce } from './admin.js';

const container = document.getElementById('audit');
const live = document.getElementById('audit-live');
const form = document.getElementById('audit-filter');

let filter = {};
let nextCursor = null;
let tbody = null;
let total = 0;
const countEl = el('p', null, null, { id: 'audit-count', tabindex: '-1' });
const more = el('button', 'admin.audit.more', null, { type: 'button', class: 'button button-secondary', hidden: true });

function row(e) {
	const tr = document.createElement('tr');
	const when = document.createElement('td');
	when.append(timeEl(e.at));
	const actor = document.createElement('td');
	if (e.actor_id) {
		const name = e.actor ? e.actor.display_name : e.actor_id;
		const a = el('a', null, null, { href: `/admin/logboek.html?${new URLSearchParams({ actor: e.actor_id })}` });
		a.textContent = name;
		actor.append(a);
	} else {
		actor.append(el('span', 'admin.audit.system', null, { class: 'muted' }));
	}
	const action = el('td', null, null, { class: 'mono' });
	action.textContent = e.action;
	const target = document.createElement('td');
	const typ = el('span', null, null, { class: 'muted' });
	typ.textContent = `${e.target_type}${e.target_id ? ' ' : ''}`;
	target.append(typ);
	if (e.target_id) {
		const a = el('a', null, null, { href: `/admin/logboek.html?${new URLSearchParams({ target: e.target_id })}`, class: 'mono' });
		a.textContent = e.target_id;
		target.append(a);
	}
	const detail = document.createElement('td');
	detail.textContent = e.detail || '';
	tr.append(when, actor, action, target, detail);
	return tr;
}

async function loadPage() {
	const page = await api.get('/admin/audit', { ...filter, limit: 50, cursor: nextCursor });
	nextCursor = page.next_cursor;
	for (const e of page.items || [])
		tbody.append(row(e));
	total += (page.items || []).length;
	more.hidden = !nextCursor;
	countEl.replaceChildren(el('span', 'admin.audit.count', { count: total }));
	return page.items || [];
}

async function reload() {
	nextCursor = null;
	total = 0;
	const table = el('table', null, null, { class: 'data' });
	table.append(el('caption', 'admin.audit.h1', null, { class: 'visually-hidden' }));
	const thead = document.createElement('thead');
	const hr = document.createElement('tr');
	for (const k of ['th_at', 'th_actor', 'th_action', 'th_target', 'th_detail'])
		hr.append(el('th', `admin.audit.${k}`, null, { scope: 'col' }));
	thead.append(hr);
	tbody = document.createElement('tbody');
	table.append(thead, tbody);
	const items = await loadPage();
	if (!items.length) {
		container.replaceChildren(countEl, el('p', 'admin.audit.empty', null, { class: 'empty' }));
		return;
	}
	const wrap = el('div', null, null, { class: 'table-wrap', tabindex: '0', 'aria-labelledby': 'audit-count' });
	wrap.append(table);
	container.replaceChildren(countEl, wrap, more);
}

async function main() {
	await startAdmin({ adminOnly: true });
	const params = new URLSearchParams(location.search);
	for (const k of ['actor', 'target']) {
		if (params.get(k)) {
			filter[k] = params.get(k);
			form.elements[k].value = filter[k];
		}
	}
	more.addEventListener('click', async () => {
		more.disabled = true;
		const before = tbody.children.length;
		try {
			const items = await loadPage();
			announce(live, 'admin.audit.loaded_more', { count: items.length }, 'info');
			tbody.children[before]?.querySelector('a')?.focus();
		} catch (e) {
			announce(live, problemKey(e), null, 'error');
		} finally {
			more.disabled = false;
		}
	});
	handleForm(form, async (v) => {
		filter = {};
		if (v.actor)
			filter.actor = v.actor;
		if (v.target)
			filter.target = v.target;
		history.replaceState(null, '', `${location.pathname}${Object.keys(filter).length ? `?${new URLSearchParams(filter)}` : ''}`);
		await reload();
		countEl.focus();
	});
	container.setAttribute('aria-busy', 'true');
	container.replaceChildren(el('p', 'common.loading', null, { class: 'loading' }));
	try {
		await reload();
	} catch (e) {
		// A bad filter in the URL: show it on the form.
		if (e.errors && e.errors.length) {
			const { showErrors } = await import('/js/forms.js');
			showErrors(form, e);
			container.replaceChildren();
		} else {
			container.replaceChildren(el('p', problemKey(e), null, { class: 'notice notice-error', role: 'alert' }));
		}
	}
	container.removeAttribute('aria-busy');
	pageReady();
}

main();
