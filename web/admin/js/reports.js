// Reports (GET /admin/reports?status=open|resolved): what users flagged,
// with the reported content in view, and the moderator's decision
// (POST /admin/reports/{id}/resolve: dismiss, hide_target, block_user).
//
// A reported message's body is a private read: the API writes it to the
// audit log before it answers, and the page says so next to the message.

import { api, getCategories } from '/js/api.js';
import { problemKey } from '/js/forms.js';
import { badge } from '/js/page.js';
import { startAdmin, pageReady, el, categoryLabel, metaList, timeEl, announce, confirmInline } from './admin.js';

const container = document.getElementById('reports');
const live = document.getElementById('reports-live');
const countEl = document.getElementById('reports-count');
const status = new URLSearchParams(location.search).get('status') === 'resolved' ? 'resolved' : 'open';

let categories = [];
let list = null;
let total = 0;
let nextCursor = null;

function areaText(area) {
	return area ? [area.pc4, area.place].filter(Boolean).join(' ') : '';
}

function contentBox(report) {
	const c = report.content;
	const box = el('div', null, null, { class: 'report-content' });
	box.append(el('h3', 'admin.reports.content', null, { class: 'h4' }));
	if (!c) {
		box.append(el('p', 'admin.reports.content_gone', null, { class: 'muted' }));
		return box;
	}
	if (c.type === 'request' || c.type === 'offer') {
		const title = el('p', null, null, { class: 'lead' });
		const strong = document.createElement('strong');
		strong.textContent = c.title;
		title.append(strong, document.createTextNode(' '), badge(c.type, c.status));
		const desc = el('p', null, null, { class: 'queue-description' });
		desc.textContent = c.description || '';
		const cats = c.type === 'offer'
			? (c.categories || []).map((x) => categoryLabel(categories, x)).join(', ')
			: categoryLabel(categories, c.category);
		box.append(title, desc, metaList([
			[c.type === 'offer' ? 'admin.queue.categories' : 'admin.queue.category', cats],
			['admin.queue.area', areaText(c.area)],
			['admin.queue.posted_at', c.created_at ? timeEl(c.created_at) : ''],
		]));
	} else if (c.type === 'message') {
		box.classList.add('private');
		box.append(el('p', 'admin.reports.message_notice', null, { class: 'logged-read' }));
		box.append(el('p', 'admin.reports.message_from', { name: c.sender ? c.sender.display_name : '?' }, { class: 'small' }));
		const body = el('p', null, null, { class: 'queue-description' });
		body.textContent = c.body || '';
		box.append(body);
		if (c.created_at)
			box.append(metaList([['admin.queue.posted_at', timeEl(c.created_at)]]));
	} else if (c.type === 'user') {
		const p = el('p', null, null, { class: 'lead' });
		const strong = document.createElement('strong');
		strong.textContent = c.display_name;
		p.append(strong, document.createTextNode(' '), el('span', `admin.reports.user_status.${c.status}`, null, { class: `badge badge-${c.status === 'active' ? 'active' : 'hidden'}` }));
		box.append(p);
	}
	return box;
}

// The author of the reported content, with their account status in words.
function authorText(report) {
	const u = report.target_user;
	if (!u)
		return '';
	const span = document.createElement('span');
	span.append(document.createTextNode(`${u.display_name} (`), el('span', `admin.reports.user_status.${u.status || 'active'}`), document.createTextNode(')'));
	return span;
}

function reportCard(report) {
	const li = el('li', null, null, { class: 'card', id: `r-${report.id}` });
	const h = el('h2', null, null, { id: `r-${report.id}-h`, tabindex: '-1' });
	h.append(el('span', `admin.type.${report.target.type}`, null, { class: `queue-type queue-type-${report.target.type === 'offer' ? 'offer' : 'request'}` }));
	const title = document.createElement('span');
	const c = report.content;
	title.textContent = c ? (c.title || c.display_name || (c.sender ? c.sender.display_name : '')) : '—';
	h.append(title);
	li.append(h);

	const reason = el('p', null, null, { class: 'report-reason' });
	reason.textContent = `“${report.reason}”`;
	const author = authorText(report);
	li.append(metaList([
		['admin.reports.reason', reason],
		['admin.reports.reporter', report.reporter ? report.reporter.display_name : ''],
		['admin.reports.reported_at', timeEl(report.created_at)],
		['admin.reports.author', author],
	]));
	li.append(contentBox(report));

	if (report.status === 'resolved') {
		li.append(metaList([
			['admin.reports.resolution', report.resolution ? el('span', `admin.reports.resolution_value.${report.resolution}`) : ''],
			['admin.reports.note', report.note],
			['admin.reports.resolved_by', report.resolved_by ? report.resolved_by.display_name : ''],
			['admin.reports.resolved_at', report.resolved_at ? timeEl(report.resolved_at) : ''],
		]));
		return li;
	}

	const form = el('form', null, null, { class: 'form-wide', novalidate: true });
	form.addEventListener('submit', (e) => e.preventDefault());
	const field = el('div', null, null, { class: 'field', 'data-field': 'note' });
	const noteId = `r-${report.id}-note`;
	field.append(el('label', 'admin.reports.note_label', null, { for: noteId }),
		el('textarea', null, null, { id: noteId, name: 'note', rows: '2', maxlength: '1000' }));
	form.append(field);
	const actions = el('div', null, null, { class: 'actions' });
	const resolve = async (action) => {
		const note = form.note.value.trim();
		try {
			const body = { action };
			if (note)
				body.note = note;
			await api.post(`/admin/reports/${encodeURIComponent(report.id)}/resolve`, body);
		} catch (e) {
			announce(live, e.status === 409 ? 'admin.queue.gone' : problemKey(e), { title: title.textContent }, 'error');
			if (e.status === 409 || e.status === 404)
				removeCard(li);
			return;
		}
		removeCard(li);
		announce(live, `admin.reports.done_${action}`, { name: report.target_user ? report.target_user.display_name : '' });
	};
	const dismiss = el('button', 'admin.reports.dismiss', null, { type: 'button', class: 'button button-secondary' });
	dismiss.addEventListener('click', () => resolve('dismiss'));
	actions.append(dismiss);
	if (c && report.target.type !== 'user') {
		const hide = el('button', 'admin.reports.hide_target', null, { type: 'button', class: 'button' });
		hide.addEventListener('click', () => resolve('hide_target'));
		actions.append(hide);
	}
	if (report.target_user && report.target_user.status !== 'blocked') {
		actions.append(confirmInline({
			labelKey: 'admin.reports.block_user',
			questionKey: 'admin.reports.block_q',
			yesKey: 'admin.reports.block_yes',
			vars: { name: report.target_user.display_name },
			action: () => resolve('block_user'),
		}));
	}
	form.append(actions);
	li.append(form);
	return li;
}

function removeCard(li) {
	const had = li.contains(document.activeElement);
	const next = li.nextElementSibling || li.previousElementSibling;
	li.remove();
	total--;
	updateCount();
	if (had) {
		const h = next && next.querySelector('h2');
		(h || countEl).focus();
	}
}

function updateCount() {
	if (total <= 0 && !nextCursor) {
		countEl.replaceChildren();
		container.replaceChildren(el('p', `admin.reports.empty_${status}`, null, { class: 'empty' }));
		list = null;
		return;
	}
	countEl.replaceChildren(el('span', `admin.reports.count_${status}`, { count: total }));
}

async function loadMore(more) {
	const page = await api.get('/admin/reports', { status, limit: 20, cursor: nextCursor });
	nextCursor = page.next_cursor;
	const items = page.items || [];
	if (!list && items.length) {
		list = el('ul', null, null, { class: 'cards' });
		container.replaceChildren(list, more);
	}
	for (const r of items)
		list.append(reportCard(r));
	total += items.length;
	more.hidden = !nextCursor;
	updateCount();
	return items;
}

async function main() {
	await startAdmin();
	categories = await getCategories().catch(() => []);
	for (const [id, s] of [['tab-open', 'open'], ['tab-resolved', 'resolved']]) {
		const a = document.getElementById(id);
		if (s === status)
			a.setAttribute('aria-current', 'page');
	}
	const more = el('button', 'common.more', null, { type: 'button', class: 'button button-secondary', hidden: true });
	more.addEventListener('click', async () => {
		more.disabled = true;
		const before = list ? list.children.length : 0;
		try {
			await loadMore(more);
			list?.children[before]?.querySelector('h2')?.focus();
		} catch (e) {
			announce(live, problemKey(e), null, 'error');
		} finally {
			more.disabled = false;
		}
	});
	container.setAttribute('aria-busy', 'true');
	container.replaceChildren(el('p', 'common.loading', null, { class: 'loading' }));
	try {
		await loadMore(more);
	} catch (e) {
		container.replaceChildren(el('p', problemKey(e), null, { class: 'notice notice-error', role: 'alert' }));
	}
	container.removeAttribute('aria-busy');
	pageReady();
}

main();
