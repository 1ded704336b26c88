// Changes that coordinators proposed to their organisation's entry in the
// directory (issue 18 part 1; moderators, GET /admin/organisation-changes),
// oldest first: per change the organisation, who proposed it, what it
// sets, and the decision (POST /admin/organisation-changes/{id}/review):
// approve, and the public entry shows the new text at once, or reject,
// with an optional note. Until then the old entry stays public. A decided
// change stays on the page with its new status until the page is loaded
// again.

import { api, getCategories } from '/js/api.js';
import { handleForm } from '/js/forms.js';
import { startAdmin, pageReady, el, timeEl, announce, metaList, categoryLabel } from './admin.js';

const list = document.getElementById('changes');
const live = document.getElementById('changes-live');
const more = document.getElementById('changes-more');
let cursor = null;
let categories = [];

// What the change sets, as label and value pairs; a cleared field reads "(leeg)".
function changePairs(ch) {
	const pairs = [];
	const value = (v) => (v === null ? el('span', 'admin.changes.cleared') : v);
	if ('name' in ch) pairs.push(['admin.orgs.name', ch.name]);
	if ('description' in ch) pairs.push(['admin.orgs.description', ch.description]);
	if ('categories' in ch) pairs.push(['admin.orgs.categories', ch.categories.map((c) => categoryLabel(categories, c)).join(', ')]);
	if ('area' in ch) pairs.push(['admin.orgs.postcode', `${ch.area.pc4} ${ch.area.place}`]);
	for (const f of ['website', 'phone', 'email'])
		if (f in ch) pairs.push([`admin.orgs.${f}`, value(ch[f])]);
	return pairs;
}

function card(c) {
	const li = el('li', null, null, { class: 'card', id: `c-${c.id}` });
	const hid = `c-${c.id}-h`;
	const render = () => {
		const h = el('h2', null, null, { id: hid, tabindex: '-1' });
		h.textContent = c.organisation.name;
		const by = el('p', 'admin.changes.proposed_by', { name: c.proposed_by ? c.proposed_by.display_name : '—' }, { class: 'muted' });
		by.append(' ', timeEl(c.created_at));
		li.replaceChildren(h, by, el('h3', 'admin.changes.what'), metaList(changePairs(c.changes)));
		if (c.status !== 'pending') {
			li.append(el('p', `admin.changes.status_${c.status}`, null, { class: 'notice notice-ok' }));
			return;
		}
		const f = el('form', null, null, { novalidate: true, 'aria-labelledby': hid });
		f.append(el('div', null, null, { class: 'error-summary', 'data-error-summary': '', tabindex: '-1', 'aria-live': 'assertive', hidden: true }));
		const fs = el('fieldset', null, null, { class: 'field', 'data-field': 'decision' });
		fs.append(el('legend', 'admin.changes.decision', { name: c.organisation.name }));
		for (const d of ['approve', 'reject']) {
			const id = `c-${c.id}-${d}`;
			const box = el('div', null, null, { class: 'choice' });
			box.append(el('input', null, null, { type: 'radio', id, name: 'decision', value: d }), el('label', `admin.changes.${d}`, null, { for: id }));
			fs.append(box);
		}
		const nf = el('div', null, null, { class: 'field', 'data-field': 'note' });
		const nid = `c-${c.id}-note`;
		nf.append(el('label', 'admin.changes.note', null, { for: nid }),
			el('textarea', null, null, { id: nid, name: 'note', rows: '2', maxlength: '1000' }));
		f.append(fs, nf, el('button', 'admin.changes.save', null, { type: 'submit', class: 'button button-secondary', 'data-busy-key': 'common.saving' }));
		handleForm(f, async (vals) => {
			if (!vals.decision) {
				const e = new Error('decision');
				e.errors = [{ field: 'decision', code: 'required' }];
				throw e;
			}
			const { change } = await api.post(`/admin/organisation-changes/${encodeURIComponent(c.id)}/review`,
				{ decision: vals.decision, note: vals.note || null });
			Object.assign(c, change);
			render();
			li.querySelector('h2').focus();
			announce(live, `admin.changes.done_${change.status}`, { name: c.organisation.name });
		});
		li.append(f);
	};
	render();
	return li;
}

async function load() {
	const qs = new URLSearchParams({ status: 'pending', limit: '20' });
	if (cursor) qs.set('cursor', cursor);
	const res = await api.get(`/admin/organisation-changes?${qs}`);
	for (const item of res.items) list.append(card(item));
	cursor = res.next_cursor;
	more.hidden = !cursor;
	if (!list.children.length)
		announce(live, 'admin.changes.none', null, 'info');
}

async function main() {
	await startAdmin();
	categories = await getCategories().catch(() => []);
	more.addEventListener('click', () => load());
	await load();
	pageReady();
}

main();
