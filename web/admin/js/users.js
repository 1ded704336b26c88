// Users (admins only): find by name or whole e-mail address (POST /users/search),
// see roles and status, block and unblock, grant or take the roles
// professional, moderator and admin (PATCH /users/{id}), log someone out
// everywhere (DELETE /users/{id}/sessions). Every list of
// e-mail addresses is a logged read (users.list in the audit log).

import { api } from '/js/api.js';
import { handleForm, problemKey, formValues } from '/js/forms.js';
import { t } from '/js/i18n.js';
import { startAdmin, pageReady, el, metaList, timeEl, announce, confirmInline } from './admin.js';
import { vogBlock } from './users-vog.js';

const SELF_ROLES = ['resident', 'caregiver', 'volunteer'];
const GRANTED = ['professional', 'moderator', 'admin'];

const container = document.getElementById('users');
const live = document.getElementById('users-live');
const form = document.getElementById('users-search');

let me = null;
let query = {};
let nextCursor = null;
let list = null;
let total = 0;
const more = el('button', 'common.more', null, { type: 'button', class: 'button button-secondary', hidden: true });
const countEl = el('p', null, null, { id: 'users-count', tabindex: '-1' });

function statusBadge(s) {
	return el('span', `admin.users.status_${s}`, null, { class: `badge badge-${s === 'active' ? 'active' : 'hidden'}` });
}

function rolesWords(roles) {
	return roles.length ? roles.map((r) => t(`roles.${r}.name`)).join(', ') : t('admin.users.no_roles');
}

function userCard(u) {
	const li = el('li', null, null, { class: 'card', id: `u-${u.id}` });
	const render = () => {
		li.replaceChildren();
		const self = me && me.id === u.id;
		const h = el('h2', null, null, { id: `u-${u.id}-h`, tabindex: '-1' });
		h.textContent = u.display_name;
		if (self)
			h.append(document.createTextNode(' '), el('span', 'admin.users.you', null, { class: 'muted' }));
		const email = el('span', null, null, { class: 'mono' });
		email.textContent = u.email || '';
		const rolesText = el('span');
		for (const [i, r] of (u.roles || []).entries())
			rolesText.append(...(i ? [document.createTextNode(', ')] : []), el('span', `roles.${r}.name`));
		if (!(u.roles || []).length)
			rolesText.append(el('span', 'admin.users.no_roles'));
		li.append(h, metaList([
			['admin.users.th_email', u.email ? email : ''],
			['admin.users.th_area', u.area ? [u.area.pc4, u.area.place].filter(Boolean).join(' ') : ''],
			['admin.users.th_roles', rolesText],
			['admin.users.th_status', statusBadge(u.status)],
			['admin.users.th_since', u.created_at ? timeEl(u.created_at, 'date') : ''],
		]));

		if (u.status === 'erased')
			return;
		// Roles: the self-chosen ones stay as they are; the granted ones are ticked here.
		const rf = el('form', null, null, { class: 'roles-form', novalidate: true });
		rf.append(el('div', null, null, { class: 'error-summary', 'data-error-summary': '', tabindex: '-1', 'aria-live': 'assertive', hidden: true }));
		const fs = el('fieldset', null, null, { class: 'field', 'data-field': 'roles' });
		fs.append(el('legend', 'admin.users.roles_legend', { name: u.display_name }));
		for (const r of GRANTED) {
			const c = el('div', null, null, { class: 'choice' });
			const id = `u-${u.id}-role-${r}`;
			const input = el('input', null, null, { type: 'checkbox', id, name: 'roles', value: r });
			input.checked = (u.roles || []).includes(r);
			if (self && r === 'admin')
				input.disabled = true;
			c.append(input, el('label', `roles.${r}.name`, null, { for: id }));
			fs.append(c);
		}
		rf.append(fs, el('button', 'admin.users.roles_save', null, { type: 'submit', class: 'button button-secondary', 'data-busy-key': 'common.saving' }));
		handleForm(rf, async () => {
			const chosen = formValues(rf).roles || [];
			const roles = [...(u.roles || []).filter((r) => SELF_ROLES.includes(r)), ...chosen];
			if (self && !roles.includes('admin'))
				roles.push('admin');
			const { user } = await api.patch(`/users/${encodeURIComponent(u.id)}`, { roles });
			Object.assign(u, user);
			render();
			announce(live, 'admin.users.roles_saved', { name: u.display_name, roles: rolesWords(u.roles) });
			li.querySelector('.roles-form button[type=submit]').focus();
		});
		li.append(rf);
		li.append(vogBlock(u, live, (vog) => { u.vog = vog; render(); li.querySelector('.vog h3')?.focus(); }));

		const actions = el('div', null, null, { class: 'actions' });
		const setStatus = async (s) => {
			try {
				const { user } = await api.patch(`/users/${encodeURIComponent(u.id)}`, { status: s });
				Object.assign(u, user);
				render();
				announce(live, s === 'blocked' ? 'admin.users.blocked' : 'admin.users.unblocked', { name: u.display_name });
				li.querySelector('[data-status-button]')?.focus();
			} catch (e) {
				announce(live, problemKey(e), null, 'error');
			}
		};
		if (!self && u.status === 'active') {
			const c = confirmInline({
				labelKey: 'admin.users.block',
				questionKey: 'admin.users.block_q',
				yesKey: 'admin.users.block_yes',
				vars: { name: u.display_name },
				action: () => setStatus('blocked'),
			});
			c.querySelector('button').dataset.statusButton = '';
			actions.append(c);
		} else if (!self && u.status === 'blocked') {
			const b = el('button', 'admin.users.unblock', null, { type: 'button', class: 'button', 'data-status-button': '' });
			b.addEventListener('click', () => setStatus('active'));
			actions.append(b);
		}
		// Log out everywhere (DELETE /users/{id}/sessions, ASVS V7.5): a lost
		// phone or a shared computer, without blocking. Not for oneself
		// (that is logging out), not for a blocked user (already out).
		if (!self && u.status === 'active') {
			const c = confirmInline({
				labelKey: 'admin.users.sessions_end',
				questionKey: 'admin.users.sessions_end_q',
				yesKey: 'admin.users.sessions_end_yes',
				vars: { name: u.display_name },
				danger: false,
				action: async () => {
					try {
						await api.del(`/users/${encodeURIComponent(u.id)}/sessions`);
						c.reset();
						announce(live, 'admin.users.sessions_ended', { name: u.display_name });
						c.querySelector('button').focus();
					} catch (e) {
						announce(live, problemKey(e), null, 'error');
					}
				},
			});
			c.querySelector('button').dataset.sessionsButton = '';
			actions.append(c);
		}
		const audit = el('a', 'admin.users.audit_link', null, { href: `/admin/logboek.html?target=${encodeURIComponent(u.id)}`, class: 'button button-secondary' });
		actions.append(audit);
		li.append(actions);
	};
	render();
	return li;
}

async function loadPage() {
	// POST, not GET: an e-mail address searched for stays out of URLs and logs.
	const body = { ...query, limit: 20 };
	if (nextCursor) body.cursor = nextCursor;
	for (const k of Object.keys(body)) if (body[k] === '' || body[k] == null) delete body[k];
	const page = await api.post('/users/search', body);
	nextCursor = page.next_cursor;
	for (const u of page.items || [])
		list.append(userCard(u));
	total += (page.items || []).length;
	more.hidden = !nextCursor;
	countEl.replaceChildren(el('span', 'admin.users.count', { count: total }));
	return page.items || [];
}

async function search() {
	nextCursor = null;
	total = 0;
	list = el('ul', null, null, { class: 'cards cards-2' });
	const items = await loadPage();
	if (!items.length)
		container.replaceChildren(countEl, el('p', 'admin.users.empty', null, { class: 'empty' }));
	else
		container.replaceChildren(countEl, list, more);
}

async function main() {
	({ user: me } = await startAdmin({ adminOnly: true }));
	const params = new URLSearchParams(location.search);
	for (const k of ['q', 'role', 'status'])
		if (params.get(k))
			form.elements[k].value = params.get(k);
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
	handleForm(form, async (v) => {
		query = { q: v.q, role: v.role, status: v.status };
		const url = new URL(location.href);
		// An e-mail address never goes into the page's URL (history, logs).
		for (const k of ['q', 'role', 'status'])
			if (query[k] && !(k === 'q' && query.q.includes('@'))) url.searchParams.set(k, query[k]);
			else url.searchParams.delete(k);
		history.replaceState(null, '', url.pathname + url.search);
		await search();
		countEl.focus();
	});
	// E-mail addresses are read (and logged) only when the admin searches:
	// the page opens with the form, or with the search its URL names.
	query = { q: form.q.value.trim(), role: form.role.value, status: form.status.value };
	if (query.q || query.role || query.status) {
		container.setAttribute('aria-busy', 'true');
		container.replaceChildren(el('p', 'common.loading', null, { class: 'loading' }));
		try {
			await search();
		} catch (e) {
			container.replaceChildren(el('p', problemKey(e), null, { class: 'notice notice-error', role: 'alert' }));
		}
		container.removeAttribute('aria-busy');
	} else {
		container.replaceChildren(el('p', 'admin.users.start', null, { class: 'muted' }));
	}
	pageReady();
}

main();
