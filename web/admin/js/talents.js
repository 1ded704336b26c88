// The talents of the Talentenbank (admins only, issue 18 part 2): every
// talent, active or not (GET /talents?all=1), add (POST /talents), rename
// and reorder (PATCH /talents/{id}), switch off and on again (PATCH
// {active}). A talent is never deleted: switched off, nobody can choose it
// any more, and the volunteers and vacancies that name it keep it.

import { api } from '/js/api.js';
import { handleForm, problemKey } from '/js/forms.js';
import { setText } from '/js/i18n.js';
import { startAdmin, pageReady, el, announce } from './admin.js';

const container = document.getElementById('talents');
const live = document.getElementById('tal-live');
const editPanel = document.getElementById('tal-edit');
const editForm = document.getElementById('tal-edit-form');
const editHeading = document.getElementById('tal-edit-h');
const addForm = document.getElementById('tal-add-form');

let editing = null;     // the talent being edited
let returnFocus = null; // the button that opened the editor

function intOrUndefined(v) {
	if (v === '' || v == null)
		return undefined;
	const n = Number(v);
	return Number.isInteger(n) ? n : v;  // the API says what is wrong with "1.5"
}

function cell(tag, text, attrs) {
	const c = el(tag, null, null, attrs);
	c.textContent = text;
	return c;
}

function row(c) {
	const tr = el('tr', null, null, { id: `t-${c.id}` });
	const name = c.name_nl;
	tr.append(
		cell('td', c.sort_order ?? '', { class: 'num' }),
		cell('td', c.id, { class: 'mono' }),
		el('th', null, null, { scope: 'row', lang: 'nl' }),
		cell('td', c.name_en, { lang: 'en' }),
		el('td'),
		el('td'),
	);
	tr.children[2].textContent = name;
	const active = c.active !== false;
	tr.children[4].append(el('span', active ? 'admin.talents.active' : 'admin.talents.inactive', null, { class: `badge badge-${active ? 'active' : 'paused'}` }));
	const edit = el('button', null, null, { type: 'button', class: 'button button-secondary' });
	edit.append(el('span', 'admin.talents.edit'), el('span', null, null, { class: 'visually-hidden' }));
	edit.lastChild.textContent = ` ${name}`;
	edit.addEventListener('click', () => openEditor(c, edit));
	const toggle = el('button', null, null, { type: 'button', class: 'button button-secondary' });
	toggle.append(el('span', active ? 'admin.talents.deactivate' : 'admin.talents.activate'),
		el('span', null, null, { class: 'visually-hidden' }));
	toggle.lastChild.textContent = ` ${name}`;
	toggle.addEventListener('click', async () => {
		toggle.disabled = true;
		try {
			await api.patch(`/talents/${encodeURIComponent(c.id)}`, { active: !active });
			await load();
			announce(live, active ? 'admin.talents.deactivated' : 'admin.talents.activated', { name });
			document.querySelector(`#t-${CSS.escape(c.id)} td:last-child button:last-child`)?.focus();
		} catch (e) {
			toggle.disabled = false;
			announce(live, problemKey(e), null, 'error');
		}
	});
	const actions = el('div', null, null, { class: 'actions' });
	actions.append(edit, toggle);
	tr.children[5].append(actions);
	return tr;
}

async function load() {
	const cats = await api.get('/talents', { all: 1 });
	const table = el('table', null, null, { class: 'data' });
	const cap = el('caption', 'admin.talents.list_heading', null, { class: 'visually-hidden' });
	const thead = document.createElement('thead');
	const hr = document.createElement('tr');
	for (const [k, cls] of [['th_order', 'num'], ['th_id'], ['th_nl'], ['th_en'], ['th_active'], ['th_actions']])
		hr.append(el('th', `admin.talents.${k}`, null, { scope: 'col', class: cls }));
	thead.append(hr);
	const tbody = document.createElement('tbody');
	for (const c of cats)
		tbody.append(row(c));
	table.append(cap, thead, tbody);
	const wrap = el('div', null, null, { class: 'table-wrap' });
	wrap.append(table);
	container.replaceChildren(wrap);
}

function openEditor(c, opener) {
	editing = c;
	returnFocus = opener;
	setText(editHeading, 'admin.talents.edit_heading', { name: c.name_nl });
	editForm.name_nl.value = c.name_nl;
	editForm.name_en.value = c.name_en;
	editForm.sort_order.value = c.sort_order ?? '';
	editPanel.hidden = false;
	editHeading.focus();
}

function closeEditor() {
	editPanel.hidden = true;
	const id = editing && editing.id;
	editing = null;
	const again = id && document.querySelector(`#t-${CSS.escape(id)} td:last-child button`);
	(again || returnFocus)?.focus();
}

async function main() {
	await startAdmin({ adminOnly: true });
	document.getElementById('tal-edit-cancel').addEventListener('click', closeEditor);
	editPanel.addEventListener('keydown', (e) => {
		if (e.key === 'Escape')
			closeEditor();
	});
	handleForm(editForm, async (v) => {
		const body = { name_nl: v.name_nl, name_en: v.name_en };
		const so = intOrUndefined(v.sort_order);
		if (so !== undefined)
			body.sort_order = so;
		const { talent } = await api.patch(`/talents/${encodeURIComponent(editing.id)}`, body);
		await load();
		closeEditor();
		announce(live, 'admin.talents.saved', { name: talent.name_nl });
	});
	handleForm(addForm, async (v) => {
		const body = { id: v.id, name_nl: v.name_nl, name_en: v.name_en };
		const so = intOrUndefined(v.sort_order);
		if (so !== undefined)
			body.sort_order = so;
		try {
			await api.post('/talents', body);
		} catch (e) {
			if (e.status === 409)
				e.errors = [{ field: 'id', code: 'taken' }];
			throw e;
		}
		addForm.reset();
		await load();
		announce(live, 'admin.talents.added', { name: v.name_nl });
	}, {});
	container.setAttribute('aria-busy', 'true');
	container.replaceChildren(el('p', 'common.loading', null, { class: 'loading' }));
	try {
		await load();
	} catch (e) {
		container.replaceChildren(el('p', problemKey(e), null, { class: 'notice notice-error', role: 'alert' }));
	}
	container.removeAttribute('aria-busy');
	pageReady();
}

main();
