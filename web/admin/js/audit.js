// The audit log (admins only; GET /admin/audit?actor=&target=): who did or
// read what, when, newest first, paged. A name or a subject in the list
// filters on it; the filter lives in the page's URL, so it can be shared
// (e.g. the users page links to everything about one user).
//
// Besides actor and target (the API's filters), the page filters by date
// (from, to: whole local days) and by kind, each kind under a readable name
// (admin.audit.kind.*, dots as __; "Privégegevens van een hulpvraag ingezien", not
// request.private_read). The list is newest first, so the page reads pages
// until it passes `from` and leaves out what is newer than `to` or of
// another kind. "Exporteren (CSV)" downloads every matching line (at most
// EXPORT_PAGES pages of 100) as a CSV that Excel opens as it is in the
// page's language (Dutch: semicolons; both: UTF-8 with a byte order mark).

import { api } from '/js/api.js';
import { handleForm, problemKey } from '/js/forms.js';
import { currentLanguage, onLanguageChange, t } from '/js/i18n.js';
import { startAdmin, pageReady, el, timeEl, announce } from './admin.js';

const PAGE = 50;
const EXPORT_PAGES = 100;

// The kinds of line the handlers write, in the order of the choice.
const KINDS = [
	'request.private_read', 'message.private_read', 'match.view', 'user.view', 'users.list', 'stats.read',
	'request.create', 'request.edit', 'request.cancel', 'request.approve', 'request.reject', 'request.hide',
	'offer.review', 'offer.hide', 'message.delete', 'user.block', 'user.roles', 'user.sessions_ended', 'report.create',
	'category.create', 'category.update', 'category.delete',
	'organisation.create', 'organisation.update', 'organisation.delete',
	'session.login', 'session.end', 'session.mfa_failed', 'mfa.enrol', 'mfa.enable', 'mfa.disable',
	'account.register', 'account.email_verified', 'account.verify_requested', 'account.roles',
	'account.password_change', 'account.reset_requested', 'account.password_reset',
	'account.export', 'account.erase',
];

/** A kind's readable name in the page's language; an unknown kind as it is. */
function kindName(kind) {
	// i18n keys are dotted paths: "stats.read" is kept as "stats__read".
	const key = `admin.audit.kind.${kind.replace(/\./g, '__')}`;
	const s = t(key);
	return s && s !== key ? s : kind;
}

const container = document.getElementById('audit');
const live = document.getElementById('audit-live');
const form = document.getElementById('audit-filter');

let filter = {};
let local = {};		// from, to, kind: filtered here
let nextCursor = null;
let exhausted = false;
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
	const action = document.createElement('td');
	action.textContent = kindName(e.action);
	action.title = e.action;
	action.dataset.kind = e.action;
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

function dayStart(d) {
	const [y, m, day] = d.split('-').map(Number);
	return new Date(y, m - 1, day);
}

/** Does entry e pass the page's own filters? 'older' when it lies before `from`. */
function passes(e) {
	const at = new Date(e.at);
	if (local.from && at < dayStart(local.from))
		return 'older';
	if (local.to) {
		const end = dayStart(local.to);
		end.setDate(end.getDate() + 1);
		if (at >= end)
			return false;
	}
	return !local.kind || e.action === local.kind;
}

/** Up to want matching entries from the API's pages (limit 100 when
 * filtering here, so few calls pass over what does not match). */
async function fetchMatching(want, maxPages = 20) {
	const out = [];
	const filtering = local.from || local.to || local.kind;
	for (let i = 0; i < maxPages && !exhausted && out.length < want; i++) {
		const page = await api.get('/admin/audit', { ...filter, limit: filtering ? 100 : PAGE, cursor: nextCursor });
		nextCursor = page.next_cursor;
		if (!nextCursor)
			exhausted = true;
		for (const e of page.items || []) {
			const p = passes(e);
			if (p === 'older') {
				exhausted = true;
				break;
			}
			if (p)
				out.push(e);
		}
	}
	return out;
}

async function loadPage() {
	const items = await fetchMatching(PAGE);
	for (const e of items)
		tbody.append(row(e));
	total += items.length;
	more.hidden = exhausted;
	countEl.replaceChildren(el('span', 'admin.audit.count', { count: total }));
	return items;
}

// ---- export ----------------------------------------------------------------

function csvCell(v, sep) {
	let s = v === null || v === undefined ? '' : String(v);
	if (/^[=+\-@\t]/.test(s))
		s = `'${s}`;
	return s.includes(sep) || /["\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

async function exportCsv() {
	const nl = currentLanguage() !== 'en';
	const sep = nl ? ';' : ',';
	const saved = { nextCursor, exhausted };
	nextCursor = null;
	exhausted = false;
	let items;
	try {
		items = await fetchMatching(Infinity, EXPORT_PAGES);
	} finally {
		({ nextCursor, exhausted } = saved);
	}
	const head = ['th_at', 'th_actor', 'th_action', 'th_kind_code', 'th_target_type', 'th_target', 'th_detail'].map((k) => t(`admin.audit.${k}`));
	const lines = [head.map((h) => csvCell(h, sep)).join(sep)];
	for (const e of items)
		lines.push([e.at, e.actor ? e.actor.display_name : (e.actor_id || t('admin.audit.system')), kindName(e.action), e.action,
			e.target_type, e.target_id, e.detail].map((v) => csvCell(v, sep)).join(sep));
	const blob = new Blob(['\ufeff', lines.join('\r\n'), '\r\n'], { type: 'text/csv;charset=utf-8' });
	const a = document.createElement('a');
	a.href = URL.createObjectURL(blob);
	a.download = `burenhulp-${nl ? 'logboek' : 'audit-log'}-${new Date().toISOString().slice(0, 10)}.csv`;
	document.body.append(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
	announce(live, 'admin.audit.exported', { count: items.length }, 'ok');
}

// ---- the filter's own fields (date and kind), added to the form -------------

function addFields() {
	const fields = form.querySelector('.inline-fields');
	const field = (name, label, input) => {
		const div = el('div', null, null, { class: 'field', 'data-field': name });
		div.append(el('label', label, null, { for: `audit-${name}` }), input);
		return div;
	};
	const from = el('input', null, null, { type: 'date', id: 'audit-from', name: 'from' });
	const to = el('input', null, null, { type: 'date', id: 'audit-to', name: 'to' });
	const kind = el('select', null, null, { id: 'audit-kind', name: 'kind' });
	fields.append(field('from', 'admin.audit.from', from), field('to', 'admin.audit.to', to), field('kind', 'admin.audit.kind_label', kind));
	fillKinds();
	const exp = el('button', 'admin.audit.export', null, { type: 'button', class: 'button button-secondary', id: 'audit-export' });
	form.querySelector('.actions').append(exp);
	exp.addEventListener('click', async () => {
		exp.disabled = true;
		try {
			await exportCsv();
		} catch (e) {
			announce(live, problemKey(e), null, 'error');
		} finally {
			exp.disabled = false;
		}
	});
}

function fillKinds() {
	const sel = form.elements.kind;
	const keep = sel.value || local.kind || '';
	const opts = [el('option', 'admin.audit.kind_all', null, { value: '' })];
	for (const k of [...KINDS].sort((a, b) => kindName(a).localeCompare(kindName(b), currentLanguage()))) {
		const o = document.createElement('option');
		o.value = k;
		o.textContent = kindName(k);
		opts.push(o);
	}
	sel.replaceChildren(...opts);
	sel.value = keep;
}

async function reload() {
	nextCursor = null;
	exhausted = false;
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
	addFields();
	const params = new URLSearchParams(location.search);
	for (const k of ['actor', 'target']) {
		if (params.get(k)) {
			filter[k] = params.get(k);
			form.elements[k].value = filter[k];
		}
	}
	for (const k of ['from', 'to', 'kind']) {
		const v = params.get(k);
		if (v && (k === 'kind' || /^\d{4}-\d{2}-\d{2}$/.test(v))) {
			local[k] = v;
			form.elements[k].value = v;
		}
	}
	onLanguageChange(() => {
		fillKinds();
		for (const td of container.querySelectorAll('td[data-kind]'))
			td.textContent = kindName(td.dataset.kind);
	});
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
		local = {};
		if (v.actor)
			filter.actor = v.actor;
		if (v.target)
			filter.target = v.target;
		if (v.from && v.to && v.from > v.to) {
			const err = new Error('period');
			err.errors = [{ field: 'to', code: 'out_of_range' }];
			throw err;
		}
		for (const k of ['from', 'to', 'kind'])
			if (v[k])
				local[k] = v[k];
		const all = { ...filter, ...local };
		history.replaceState(null, '', `${location.pathname}${Object.keys(all).length ? `?${new URLSearchParams(all)}` : ''}`);
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
