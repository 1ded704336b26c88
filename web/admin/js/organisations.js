// The directory of local support (admins only): find (GET /organisations),
// add (POST), edit (PATCH /organisations/{id}) and take off the directory
// (DELETE /organisations/{id}; the API has no "inactive" state for an
// organisation, so taking it off the map is the way to deactivate it).

import { api, getCategories } from '/js/api.js';
import { handleForm, problemKey, formValues, clearErrors } from '/js/forms.js';
import { setText, onLanguageChange } from '/js/i18n.js';
import { startAdmin, pageReady, el, categoryLabel, metaList, announce, confirmInline } from './admin.js';

const container = document.getElementById('orgs');
const live = document.getElementById('orgs-live');
const countEl = document.getElementById('orgs-count');
const searchForm = document.getElementById('orgs-search');
const addButton = document.getElementById('org-add');
const panel = document.getElementById('org-edit');
const panelHeading = document.getElementById('org-edit-h');
const form = document.getElementById('org-form');
const catBox = document.getElementById('o-categories');

let categories = [];
let editing = null;      // null: adding; else the organisation being edited
let opener = null;
let q = '';
let list = null;
let nextCursor = null;
let total = 0;
const more = el('button', 'common.more', null, { type: 'button', class: 'button button-secondary', hidden: true });

function fillCategoryChoices() {
	catBox.replaceChildren();
	for (const c of categories) {
		const d = el('div', null, null, { class: 'choice' });
		const id = `o-cat-${c.id}`;
		const input = el('input', null, null, { type: 'checkbox', id, name: 'categories', value: c.id });
		const label = el('label', null, null, { for: id });
		label.textContent = categoryLabel(categories, c.id);
		d.append(input, label);
		catBox.append(d);
	}
}

function link(href, text) {
	const a = el('a', null, null, { href });
	a.textContent = text;
	return a;
}

// The coordinators of organisation o (issue 18 part 1): loaded when the
// admin opens the block; an admin adds one by their whole e-mail address
// (POST /users/search, then POST /organisations/{id}/coordinators) and
// removes one (DELETE .../coordinators/{user_id}). Coordinators edit the
// organisation's entry; their changes wait for a moderator
// (/admin/wijzigingen.html).
function coordinatorsBlock(o) {
	const box = el('details', null, null, { class: 'coordinators' });
	box.append(el('summary', 'admin.orgs.coordinators', { name: o.name }));
	const listEl = el('ul', null, null, { class: 'plain-list' });
	const status = el('div', null, null, { role: 'status', 'aria-live': 'polite' });
	let loaded = false;
	const render = (items) => {
		listEl.replaceChildren();
		if (!items.length)
			listEl.append(el('li', 'admin.orgs.coordinators_none', null, { class: 'muted' }));
		for (const c of items) {
			const li = el('li');
			const name = el('span');
			name.textContent = c.user.display_name + ' ';
			li.append(name, confirmInline({
				labelKey: 'admin.orgs.coordinator_remove',
				questionKey: 'admin.orgs.coordinator_remove_q',
				yesKey: 'admin.orgs.coordinator_remove_yes',
				vars: { name: c.user.display_name, org: o.name },
				action: async () => {
					try {
						await api.del(`/organisations/${encodeURIComponent(o.id)}/coordinators/${encodeURIComponent(c.user.id)}`);
					} catch (e) {
						if (e.status !== 404) {
							announce(status, problemKey(e), null, 'error');
							return;
						}
					}
					await load();
					announce(status, 'admin.orgs.coordinator_removed', { name: c.user.display_name });
					box.querySelector('summary').focus();
				},
			}));
			listEl.append(li);
		}
	};
	const load = async () => {
		const res = await api.get(`/organisations/${encodeURIComponent(o.id)}/coordinators`);
		render(res.items || []);
	};
	const f = el('form', null, null, { novalidate: true, class: 'form-wide' });
	f.append(el('div', null, null, { class: 'error-summary', 'data-error-summary': '', tabindex: '-1', 'aria-live': 'assertive', hidden: true }));
	const field = el('div', null, null, { class: 'field', 'data-field': 'coordinator_email', 'data-required': '' });
	const iid = `o-${o.id}-coord-email`;
	field.append(el('label', 'admin.orgs.coordinator_email', null, { for: iid }),
		el('input', null, null, { type: 'email', id: iid, name: 'coordinator_email', maxlength: '254', spellcheck: 'false', autocomplete: 'off' }));
	f.append(field, el('button', 'admin.orgs.coordinator_add', null, { type: 'submit', class: 'button button-secondary', 'data-busy-key': 'common.saving' }));
	handleForm(f, async (vals) => {
		const found = await api.post('/users/search', { q: vals.coordinator_email.trim(), limit: 2 });
		const items = found.items || [];
		if (items.length !== 1) {
			const e = new Error('coordinator_email');
			e.errors = [{ field: 'coordinator_email', code: 'unknown' }];
			throw e;
		}
		await api.post(`/organisations/${encodeURIComponent(o.id)}/coordinators`, { user_id: items[0].id });
		f.reset();
		await load();
		announce(status, 'admin.orgs.coordinator_added', { name: items[0].display_name, org: o.name });
	});
	box.append(listEl, f, status);
	box.addEventListener('toggle', async () => {
		if (!box.open || loaded)
			return;
		loaded = true;
		try {
			await load();
		} catch (e) {
			loaded = false;
			announce(status, problemKey(e), null, 'error');
		}
	});
	return box;
}

function orgCard(o) {
	const li = el('li', null, null, { class: 'card', id: `o-${o.id}` });
	const h = el('h2', null, null, { tabindex: '-1' });
	h.textContent = o.name;
	const desc = el('p', null, null, { class: 'queue-description' });
	desc.textContent = o.description;
	const website = o.website && /^https?:\/\//i.test(o.website) ? link(o.website, o.website) : o.website;
	li.append(h, desc, metaList([
		['admin.orgs.categories', (o.categories || []).map((c) => categoryLabel(categories, c)).join(', ')],
		['admin.queue.area', o.area ? [o.area.pc4, o.area.place].filter(Boolean).join(' ') : ''],
		['admin.orgs.website_label', website],
		['admin.orgs.phone_label', o.phone],
		['admin.orgs.email_label', o.email ? link(`mailto:${o.email}`, o.email) : ''],
	]));
	const actions = el('div', null, null, { class: 'actions' });
	const edit = el('button', null, null, { type: 'button', class: 'button button-secondary', 'aria-expanded': 'false', 'aria-controls': 'org-edit' });
	edit.append(el('span', 'admin.orgs.edit'), el('span', null, null, { class: 'visually-hidden' }));
	edit.lastChild.textContent = ` ${o.name}`;
	edit.addEventListener('click', () => openPanel(o, edit));
	actions.append(edit, confirmInline({
		labelKey: 'admin.orgs.remove',
		questionKey: 'admin.orgs.remove_q',
		yesKey: 'admin.orgs.remove_yes',
		vars: { name: o.name },
		action: async () => {
			try {
				await api.del(`/organisations/${encodeURIComponent(o.id)}`);
			} catch (e) {
				if (e.status !== 404) {
					announce(live, problemKey(e), null, 'error');
					return;
				}
			}
			const next = li.nextElementSibling || li.previousElementSibling;
			li.remove();
			total--;
			showCount();
			announce(live, 'admin.orgs.removed', { name: o.name });
			(next?.querySelector('h2') || countEl).focus();
		},
	}));
	li.append(actions, coordinatorsBlock(o));
	return li;
}

function showCount() {
	countEl.replaceChildren(el('span', 'admin.orgs.count', { count: Math.max(total, 0) }));
	countEl.tabIndex = -1;
}

async function loadPage() {
	const page = await api.get('/organisations', { q, limit: 20, cursor: nextCursor });
	nextCursor = page.next_cursor;
	for (const o of page.items || [])
		list.append(orgCard(o));
	total += (page.items || []).length;
	more.hidden = !nextCursor;
	showCount();
	return page.items || [];
}

async function reload() {
	nextCursor = null;
	total = 0;
	list = el('ul', null, null, { class: 'cards' });
	const items = await loadPage();
	container.replaceChildren(...(items.length ? [list, more] : [el('p', 'admin.orgs.empty', null, { class: 'empty' })]));
}

function openPanel(o, from) {
	editing = o;
	opener = from;
	clearErrors(form);
	form.reset();
	for (const b of document.querySelectorAll('[aria-controls=org-edit]'))
		b.setAttribute('aria-expanded', String(b === from));
	if (o) {
		setText(panelHeading, 'admin.orgs.edit_heading', { name: o.name });
		form.name.value = o.name;
		form.description.value = o.description;
		form.postcode.value = o.area ? o.area.pc4 : '';
		form.website.value = o.website || '';
		form.phone.value = o.phone || '';
		form.email.value = o.email || '';
		for (const c of form.querySelectorAll('input[name=categories]'))
			c.checked = (o.categories || []).includes(c.value);
	} else {
		setText(panelHeading, 'admin.orgs.add_heading');
	}
	panel.hidden = false;
	panelHeading.focus();
}

function closePanel() {
	panel.hidden = true;
	for (const b of document.querySelectorAll('[aria-controls=org-edit]'))
		b.setAttribute('aria-expanded', 'false');
	const id = editing && editing.id;
	editing = null;
	const again = id && document.querySelector(`#o-${CSS.escape(id)} [aria-controls=org-edit]`);
	(again || opener || addButton).focus();
}

async function main() {
	await startAdmin({ adminOnly: true });
	categories = await getCategories().catch(() => []);
	fillCategoryChoices();
	// Category names are the API's, in both languages: redraw them on a switch.
	onLanguageChange(() => {
		const checked = new Set([...form.querySelectorAll('input[name=categories]:checked')].map((c) => c.value));
		fillCategoryChoices();
		for (const c of form.querySelectorAll('input[name=categories]'))
			c.checked = checked.has(c.value);
		reload().catch(() => {});
	});
	addButton.addEventListener('click', () => openPanel(null, addButton));
	document.getElementById('org-cancel').addEventListener('click', closePanel);
	panel.addEventListener('keydown', (e) => {
		if (e.key === 'Escape')
			closePanel();
	});
	more.addEventListener('click', async () => {
		more.disabled = true;
		const before = list.children.length;
		try {
			await loadPage();
			list.children[before]?.querySelector('h2')?.focus();
		} catch (e) {
			announce(live, problemKey(e), null, 'error');
		} finally {
			more.disabled = false;
		}
	});
	handleForm(form, async () => {
		const v = formValues(form);
		const body = { name: v.name, description: v.description, categories: v.categories || [], postcode: v.postcode };
		for (const k of ['website', 'phone', 'email']) {
			if (v[k])
				body[k] = v[k];
			else if (editing && editing[k])
				body[k] = null;
		}
		let saved;
		if (editing)
			saved = (await api.patch(`/organisations/${encodeURIComponent(editing.id)}`, body)).organisation;
		else
			saved = (await api.post('/organisations', body)).organisation;
		const wasEditing = !!editing;
		await reload();
		closePanel();
		const card = document.getElementById(`o-${saved.id}`);
		card?.querySelector('h2')?.focus();
		announce(live, wasEditing ? 'admin.orgs.saved' : 'admin.orgs.added', { name: saved.name });
	});
	handleForm(searchForm, async (v) => {
		q = v.q;
		await reload();
		countEl.focus();
	});
	container.setAttribute('aria-busy', 'true');
	container.replaceChildren(el('p', 'common.loading', null, { class: 'loading' }));
	try {
		await reload();
	} catch (e) {
		container.replaceChildren(el('p', problemKey(e), null, { class: 'notice notice-error', role: 'alert' }));
	}
	container.removeAttribute('aria-busy');
	pageReady();
}

main();
