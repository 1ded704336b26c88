// The circle around a person (kring.html, issue 18 part 3). Without ?id=:
// the caller's circles, and for caregivers and professionals a form to
// make one. With ?id=: one circle — its members (the owner removes them, a
// member leaves), the pending invitations and an invite form (the owner),
// and the agenda: the circle's open and accepted requests.

import { api, hasRole } from '../api.js';
import { startPage, pageReady, el, param, go, confirmButton, badge, setTitle } from '../page.js';
import { handleForm, showStatus } from '../forms.js';
import { formatValue } from '../i18n.js';

const live = document.getElementById('circle-live');
const box = document.getElementById('circles');

function heading(level, text, id) {
	const h = el(level, null, null, id ? { id } : {});
	h.textContent = text;
	return h;
}

function section(key, id) {
	const sec = el('section', null, null, { class: 'card', 'aria-labelledby': id });
	sec.append(el('h2', key, null, { id }));
	return sec;
}

function listOf(items, render, emptyKey) {
	if (!items.length)
		return el('p', emptyKey, null, { class: 'muted' });
	const ul = el('ul', null, null, { class: 'plain-list' });
	for (const it of items)
		ul.append(render(it));
	return ul;
}

async function showList(user) {
	const { items } = await api.get('/circles');
	const sec = section('circle.mine_h', 'circle-mine-h');
	sec.append(listOf(items, (c) => {
		const li = el('li');
		li.append(el('a', 'circle.named', { name: c.first_name }, { href: `/kring.html?id=${encodeURIComponent(c.id)}` }),
			document.createTextNode(' '), el('span', c.role === 'owner' ? 'circle.role_owner' : 'circle.role_member', { name: c.owner.display_name }, { class: 'muted' }));
		return li;
	}, 'circle.none'));
	box.replaceChildren(sec);
	if (hasRole(user, 'caregiver', 'professional')) {
		const form = document.getElementById('circle-new-form');
		document.getElementById('circle-new').hidden = false;
		handleForm(form, async (v) => {
			const { circle } = await api.post('/circles', { first_name: v.first_name });
			go(`/kring.html?id=${encodeURIComponent(circle.id)}`);
			return null;
		});
	}
}

async function showCircle(user, id) {
	const { circle } = await api.get(`/circles/${encodeURIComponent(id)}`);
	const owner = circle.role === 'owner';
	setTitle('circle.title');
	document.querySelector('h1').replaceChildren(el('span', 'circle.named', { name: circle.first_name }));
	const parts = [];

	const agenda = section('circle.agenda_h', 'circle-agenda-h');
	agenda.append(listOf(circle.agenda, (a) => {
		const li = el('li');
		li.append(el('a', null, null, { href: `/hulpvraag.html?id=${encodeURIComponent(a.id)}` }));
		li.firstChild.textContent = a.title;
		li.append(document.createTextNode(' '), badge('request', a.status));
		if (a.when)
			li.append(document.createTextNode(' '), el('span', 'circle.when', { when: formatValue(a.when.start, 'datetime') }, { class: 'muted' }));
		if (a.audience === 'circle')
			li.append(document.createTextNode(' '), el('span', 'circle.only_circle', null, { class: 'muted' }));
		return li;
	}, 'circle.agenda_none'));
	if (owner) {
		const p = el('p');
		p.append(el('a', 'circle.ask_link', null, { href: '/hulpvraag-plaatsen.html', class: 'button button-secondary' }));
		agenda.append(p);
	}
	parts.push(agenda);

	const members = section('circle.members_h', 'circle-members-h');
	members.append(listOf(circle.members, (m) => {
		const li = el('li');
		li.append(document.createTextNode(m.display_name));
		if (owner)
			li.append(confirmButton({
				labelKey: 'circle.remove', questionKey: 'circle.remove_question', yesKey: 'circle.remove_yes', danger: true,
				action: async () => {
					await api.delete(`/circles/${encodeURIComponent(id)}/members/${encodeURIComponent(m.id)}`);
					await showCircle(user, id);
					showStatus(live, 'circle.removed', { name: m.display_name });
				},
			}));
		return li;
	}, 'circle.members_none'));
	if (!owner)
		members.append(confirmButton({
			labelKey: 'circle.leave', questionKey: 'circle.leave_question', yesKey: 'circle.leave_yes', danger: true,
			action: async () => {
				await api.delete(`/circles/${encodeURIComponent(id)}/members/me`);
				go('/kring.html', null);
			},
		}));
	parts.push(members);

	if (owner) {
		const inv = section('circle.invite_h', 'circle-invite-h');
		const form = el('form', null, null, { novalidate: true });
		form.append(el('div', null, null, { class: 'error-summary', 'data-error-summary': '', tabindex: '-1', 'aria-live': 'assertive', hidden: true }));
		const field = el('div', null, null, { class: 'field', 'data-field': 'email', 'data-required': '' });
		field.append(el('label', 'circle.invite_email', null, { for: 'invite-email' }),
			el('p', 'circle.invite_hint', null, { class: 'hint', id: 'invite-email-hint' }),
			el('input', null, null, { type: 'email', id: 'invite-email', name: 'email', maxlength: '254', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'invite-email-hint' }));
		form.append(field, el('button', 'circle.invite', null, { type: 'submit', class: 'button', 'data-busy-key': 'common.saving' }));
		handleForm(form, async (v) => {
			await api.post(`/circles/${encodeURIComponent(id)}/invitations`, { email: v.email });
			await showCircle(user, id);
			showStatus(live, 'circle.invited', { email: v.email });
			return null;
		});
		inv.append(form);
		inv.append(el('h3', 'circle.pending_h'));
		inv.append(listOf(circle.invitations || [], (i) => {
			const li = el('li');
			li.append(document.createTextNode(i.email || ''), document.createTextNode(' '));
			const b = el('button', 'circle.revoke', null, { type: 'button', class: 'button button-secondary' });
			b.addEventListener('click', async () => {
				await api.delete(`/circles/${encodeURIComponent(id)}/invitations/${encodeURIComponent(i.id)}`);
				await showCircle(user, id);
				showStatus(live, 'circle.revoked');
			});
			li.append(b);
			return li;
		}, 'circle.pending_none'));
		parts.push(inv);
	}
	const back = el('p');
	back.append(el('a', 'circle.back', null, { href: '/kring.html' }));
	parts.push(back);
	box.replaceChildren(...parts);
}

async function main() {
	const { user } = await startPage({ auth: 'required' });
	const id = param('id');
	try {
		if (id)
			await showCircle(user, id);
		else
			await showList(user);
	} catch {
		showStatus(live, 'circle.not_found', null, 'error');
	}
	pageReady();
}

main();
