// One match (match.html?id=): who helps whom with what, what each party may
// do now (accept, decline, complete with hours and a thank-you, cancel), the
// private details of the request once help is accepted (volunteer only), and
// the messages between the two. The volunteer of an accepted match may
// record their hours (POST /matches/{id}/hours); the completion form comes
// filled in with them for the requester to confirm or correct.
//
// Hours are typed in a text field (inputmode=decimal), never type=number:
// Chromium's number field in a Dutch browser turned "1,5" into 15. Both
// "1,5" and "1.5" are read as one and a half; what will be saved is shown
// under the field ("Wordt opgeslagen als 1,5 uur"); a number is sent.

import { api, ApiError, hasRole } from '../api.js';
import { startPage, pageReady, el, setText, badge, param, replaceMain, userText, printButton } from '../page.js';
import { onLanguageChange, locale, t } from '../i18n.js';
import { handleForm, showStatus, showProblem, showErrors } from '../forms.js';

let user;
let match;
let request = null;
let messages = [];

const $ = (id) => document.getElementById(id);

function row(dl, key, value, vars) {
	const dd = vars ? el('dd', value, vars) : el('dd');
	if (!vars)
		dd.textContent = value;
	dl.append(el('dt', key), dd);
}

/** "1,5", "1.5", "2", ",5" → the number; anything else (also "1.234,5") → null. */
function parseHours(text) {
	const s = String(text ?? '').replace(/\s+/g, '');
	if (!/^(\d+([.,]\d*)?|[.,]\d+)$/.test(s))
		return null;
	const n = Number(s.replace(',', '.'));
	return Number.isFinite(n) ? n : null;
}

/** A number of hours as the user would type it in this language ("1,5"). */
function hoursText(n) {
	return new Intl.NumberFormat(locale(), { maximumFractionDigits: 2, useGrouping: false }).format(n);
}

// Under the hours field: what will be saved, or how to write it.
function wireHoursPreview(form) {
	const input = form.querySelector('input[name=hours]');
	const preview = el('p', null, null, { class: 'hint hours-preview', id: `${input.id}-preview` });
	input.after(preview);
	const ids = (input.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
	input.setAttribute('aria-describedby', [...ids, preview.id].join(' '));
	const update = () => {
		const raw = input.value.trim();
		const n = parseHours(raw);
		preview.hidden = !raw;
		if (!raw)
			preview.textContent = '';
		else if (n === null)
			setText(preview, 'match.hours_preview_invalid');
		else
			setText(preview, 'match.hours_preview', { n: hoursText(n) });
	};
	input.addEventListener('input', update);
	update();
	return input;
}

/** The hours of the form as a number, or null after showing the error. */
function hoursOf(form, value) {
	const n = parseHours(value);
	if (n === null)
		showErrors(form, { errors: [{ field: 'hours', code: 'invalid' }] });
	return n;
}

function requesterName() {
	return (match.request.owner || request?.owner)?.display_name || t('match.requester');
}

function isVolunteer() {
	return user.id === match.volunteer.id;
}

// A moderator (or admin) looking at someone else's match: the page speaks
// to them as such, not as a party, and shows the private part only when
// they choose to, saying that read is logged (issue 15.9).
function isStaff() {
	const owner = match.request.owner || request?.owner;
	return !isVolunteer() && !(owner && owner.id === user.id) && hasRole(user, 'moderator', 'admin');
}

let privateShown = false;

async function showPrivate() {
	const btn = $('private-show');
	if (btn)
		btn.disabled = true;
	try {
		request = (await api.get(`/requests/${encodeURIComponent(match.request.id)}`)).request;
		privateShown = true;
		renderFacts();
		const box = $('private-section');
		box.tabIndex = -1;
		box.focus();
	} catch (e) {
		showProblem($('match-status'), e);
		if (btn)
			btn.disabled = false;
	}
}

function renderFacts() {
	setText($('match-title'), 'match.h1_title', { title: match.request.title });

	const dl = el('dl', null, null, { class: 'meta' });
	const st = el('dd');
	st.append(badge('match', match.status));
	dl.append(el('dt', 'common.status'), st);
	const reqDd = el('dd');
	const a = el('a', null, null, { href: `/hulpvraag.html?id=${encodeURIComponent(match.request.id)}` });
	userText(a, match.request.title, request?.lang);
	reqDd.append(a, document.createTextNode(' '), badge('request', match.request.status));
	dl.append(el('dt', 'match.request'), reqDd);
	const staff = isStaff();
	row(dl, 'match.volunteer', isVolunteer() ? 'match.you' : match.volunteer.display_name, isVolunteer() ? {} : undefined);
	const owner = match.request.owner || request?.owner;
	if (owner) {
		const mine = !isVolunteer() && !staff;
		row(dl, 'match.requester', mine ? 'match.you' : owner.display_name, mine ? {} : undefined);
	}
	if (request && request.on_behalf_of)
		row(dl, 'common.for_whom', request.on_behalf_of.first_name);
	// When the help is (on paper too: who, when, how to reach each other).
	if (request && request.when)
		row(dl, 'common.when_label', 'common.when_range', { start: request.when.start, end: request.when.end });
	row(dl, 'common.posted', 'common.date_value', { at: match.created_at });
	if (match.accepted_at)
		row(dl, 'match.accepted_at', 'common.datetime_value', { at: match.accepted_at });
	if (match.completed_at)
		row(dl, 'match.completed_at', 'common.datetime_value', { at: match.completed_at });
	if (match.hours != null)
		row(dl, 'match.hours', 'common.hours_value', { n: match.hours });
	if (match.volunteer_hours != null)
		row(dl, 'match.volunteer_hours', 'common.hours_value', { n: match.volunteer_hours });
	if (match.thanks)
		row(dl, 'match.thanks', match.thanks);
	$('match-body').replaceChildren(dl);
	if (staff)
		$('match-body').prepend(el('p', 'match.staff_note', null, { class: 'notice notice-info' }));

	if (staff && !privateShown) {
		// The deliberate step: nothing private is fetched before it.
		$('private-section').hidden = false;
		const b = el('button', 'match.private_show', null, { type: 'button', class: 'button button-secondary', id: 'private-show', 'aria-describedby': 'private-show-hint' });
		b.addEventListener('click', showPrivate);
		$('private-body').replaceChildren(el('p', 'match.private_staff_hint', null, { class: 'small', id: 'private-show-hint' }), b);
		return;
	}
	const priv = request && request.private && Object.values(request.private).some((x) => x);
	$('private-section').hidden = !priv;
	if (priv) {
		const box = $('private-body');
		box.replaceChildren(el('p', staff ? 'match.private_staff_note' : isVolunteer() ? 'match.private_note_volunteer' : 'match.private_note_owner', null, { class: 'small' }));
		const pdl = el('dl', null, null, { class: 'meta' });
		if (request.private.care_situation)
			row(pdl, 'fields.care_situation', request.private.care_situation);
		if (request.private.address)
			row(pdl, 'fields.address', request.private.address);
		if (request.private.phone)
			row(pdl, 'fields.phone', request.private.phone);
		box.append(pdl);
	}
}

function simpleForm(id, fields, submitKey, danger) {
	const form = el('form', null, null, { id, novalidate: true });
	form.append(el('div', null, null, { class: 'error-summary', 'data-error-summary': '', tabindex: '-1', 'aria-live': 'assertive', hidden: true }));
	for (const f of fields) {
		const wrap = el('div', null, null, { class: 'field', 'data-field': f.name });
		if (f.required)
			wrap.dataset.required = '';
		const inputId = `${id}-${f.name}`;
		wrap.append(el('label', f.label, null, { for: inputId }));
		if (f.hint) {
			wrap.append(el('p', f.hint, null, { class: 'hint', id: `${inputId}-hint` }));
		}
		const input = f.type === 'textarea'
			? el('textarea', null, null, { id: inputId, name: f.name, rows: '3', maxlength: f.max })
			: el('input', null, null, { id: inputId, name: f.name, type: f.type, class: 'input-short', ...f.attrs });
		if (f.hint)
			input.setAttribute('aria-describedby', `${inputId}-hint`);
		wrap.append(input);
		form.append(wrap);
	}
	form.append(el('button', submitKey, null, { type: 'submit', class: `button${danger ? ' button-danger' : ''}`, 'data-busy-key': 'common.busy' }));
	return form;
}

async function transition(verb, body, okKey) {
	const { match: m } = await api.post(`/matches/${encodeURIComponent(match.id)}/${verb}`, body);
	match = { ...match, ...m };
	await loadRequest();
	renderAll();
	showStatus($('actions-status'), okKey);
	$('actions-heading').tabIndex = -1;
	$('actions-heading').focus();
}

function actionButton(key, verb, okKey, cls = 'button') {
	const b = el('button', key, null, { type: 'button', class: cls });
	b.addEventListener('click', async () => {
		b.disabled = true;
		try {
			await transition(verb, undefined, okKey);
		} catch (e) {
			showProblem($('actions-status'), e);
			b.disabled = false;
		}
	});
	return b;
}

function renderActions() {
	const body = $('actions-body');
	body.replaceChildren();
	if (isStaff()) {
		// Only the two parties act on a match; a moderator acts through the admin.
		body.append(el('p', 'match.staff_actions', null, { class: 'muted' }));
		$('cancel-section').hidden = true;
		$('actions-section').hidden = false;
		return;
	}
	const vol = isVolunteer();
	const s = match.status;
	const canAnswer = (s === 'responded' && !vol) || (s === 'invited' && vol);
	if (canAnswer) {
		body.append(el('p', vol ? 'match.invited_q' : 'match.responded_q', { name: match.volunteer.display_name }));
		const row = el('div', null, null, { class: 'actions' });
		row.append(actionButton('match.accept', 'accept', 'match.accepted_ok'),
			actionButton('match.decline', 'decline', 'match.declined_ok', 'button button-secondary'));
		body.append(row);
	}
	if (s === 'accepted' && !vol) {
		body.append(el('h3', 'match.complete_heading'));
		body.append(el('p', 'match.complete_intro'));
		const f = simpleForm('complete-form', [
			{ name: 'hours', label: 'fields.hours', hint: 'match.hours_hint', type: 'text', required: true, attrs: { inputmode: 'decimal', autocomplete: 'off' } },
			{ name: 'thanks', label: 'fields.thanks', hint: 'match.thanks_hint', type: 'textarea', max: '1000' },
		], 'match.complete_submit');
		body.append(f);
		const input = f.querySelector('input[name=hours]');
		if (match.volunteer_hours != null) {
			// What the volunteer recorded, for the requester to confirm or correct.
			input.value = hoursText(match.volunteer_hours);
			f.querySelector(`#${input.id}-hint`).before(el('p', 'match.hours_prefilled',
				{ name: match.volunteer.display_name, n: hoursText(match.volunteer_hours) }, { class: 'hint', id: `${input.id}-prefilled` }));
			input.setAttribute('aria-describedby', `${input.id}-prefilled ${input.getAttribute('aria-describedby')}`);
		}
		wireHoursPreview(f);
		handleForm(f, async (v) => {
			const hours = hoursOf(f, v.hours);
			if (hours === null)
				return null;
			const payload = { hours };
			if (v.thanks)
				payload.thanks = v.thanks;
			await transition('complete', payload, 'match.completed_ok');
			return null;
		});
	}
	if (s === 'accepted' && vol) {
		body.append(el('h3', 'match.hours_volunteer_heading'));
		body.append(el('p', 'match.hours_volunteer_intro', { name: requesterName() }));
		const f = simpleForm('hours-form', [
			{ name: 'hours', label: 'fields.hours', hint: 'match.hours_hint', type: 'text', required: true, attrs: { inputmode: 'decimal', autocomplete: 'off' } },
		], 'match.hours_record');
		body.append(f);
		const input = f.querySelector('input[name=hours]');
		if (match.volunteer_hours != null)
			input.value = hoursText(match.volunteer_hours);
		wireHoursPreview(f);
		handleForm(f, async (v) => {
			const hours = hoursOf(f, v.hours);
			if (hours === null)
				return null;
			const { match: m } = await api.post(`/matches/${encodeURIComponent(match.id)}/hours`, { hours });
			match = { ...match, ...m };
			renderFacts();
			return { key: 'match.hours_saved', vars: { n: hoursText(match.volunteer_hours ?? hours) } };
		}, { status: $('actions-status') });
	}
	const startedByMe = (match.initiated_by || (s === 'invited' ? 'requester' : 'volunteer')) === (vol ? 'volunteer' : 'requester');
	if ((s === 'responded' || s === 'invited') && startedByMe) {
		body.append(el('p', vol ? 'match.waiting_owner' : 'match.waiting_volunteer'));
		body.append(el('h3', 'match.withdraw_heading'));
		const f = simpleForm('withdraw-form', [
			{ name: 'reason', label: 'fields.cancel_reason', type: 'textarea', max: '500', required: true },
		], 'match.withdraw_submit', true);
		body.append(f);
		handleForm(f, async (v) => {
			await transition('cancel', { reason: v.reason }, 'match.withdrawn_ok');
			return null;
		});
	}
	const cancelBody = $('cancel-body');
	cancelBody.replaceChildren();
	$('cancel-section').hidden = s !== 'accepted';
	if (s === 'accepted') {
		cancelBody.append(el('p', vol ? 'match.cancel_intro_volunteer' : 'match.cancel_intro_owner'));
		const f = simpleForm('cancel-form', [
			{ name: 'reason', label: 'fields.cancel_reason', type: 'textarea', max: '500', required: true },
		], 'match.cancel_submit', true);
		cancelBody.append(f);
		handleForm(f, async (v) => {
			await transition('cancel', { reason: v.reason }, 'match.cancelled_ok');
			return null;
		});
	}
	if (!body.children.length)
		body.append(el('p', `match.nothing_${s}`, null, { class: 'muted' }));
	$('actions-section').hidden = false;
}

function messageItem(m) {
	const mine = m.sender && m.sender.id === user.id;
	const li = el('li', null, null, { class: `message${mine ? ' message-mine' : ''}` });
	const meta = el('p', mine ? 'match.msg_meta_me' : 'match.msg_meta', { name: m.sender?.display_name || '', at: m.created_at }, { class: 'message-meta' });
	const body = el('p', null, null, { class: 'message-body' });
	body.textContent = m.body;
	body.dir = 'auto';	/* Dutch in an Arabic page, Arabic in a Dutch one */
	li.append(meta, body);
	if (!mine) {
		const rep = el('a', 'match.report_message', null, { href: `/melden.html?type=message&id=${encodeURIComponent(m.id)}`, class: 'small' });
		li.append(rep);
	}
	return li;
}

function renderMessages() {
	const list = $('messages-list');
	if (isStaff()) {
		// Moderators read messages only through a report (lib/auth.c).
		list.replaceChildren(el('li', 'match.staff_messages', null, { class: 'empty' }));
		document.querySelector('#messages-section > p.hint').hidden = true;	// "only you and the other"
		$('message-form').hidden = true;
		$('messages-section').hidden = false;
		return;
	}
	list.replaceChildren(...messages.map(messageItem));
	if (!messages.length)
		list.append(el('li', 'match.no_messages', null, { class: 'empty' }));
	const open = ['responded', 'invited', 'accepted'].includes(match.status);
	$('message-form').hidden = !open;
	$('messages-section').hidden = false;
}

async function loadMessages() {
	const out = [];
	let cursor = null;
	for (let i = 0; i < 10; i++) {
		const page = await api.get(`/matches/${encodeURIComponent(match.id)}/messages`, { limit: 100, cursor });
		out.push(...page.items);
		cursor = page.next_cursor;
		if (!cursor)
			break;
	}
	messages = out;
}

async function loadRequest() {
	try {
		// A moderator's first look leaves the private part out (and so logs no read).
		const q = isStaff() ? '?private=false' : '';
		request = (await api.get(`/requests/${encodeURIComponent(match.request.id)}${q}`)).request;
	} catch {
		request = null;
	}
}

function renderAll() {
	renderFacts();
	renderActions();
	renderMessages();
}

async function main() {
	({ user } = await startPage({ auth: 'required' }));
	const id = param('id');
	try {
		if (!id)
			throw new ApiError(404, { code: 'not_found' });
		match = (await api.get(`/matches/${encodeURIComponent(id)}`)).match;
	} catch (e) {
		replaceMain(e.status === 404 ? 'match.not_found' : 'errors.load_failed', null, 'error');
		pageReady();
		return;
	}
	await loadRequest();
	const mstatus = $('messages-status');
	try {
		if (!isStaff())
			await loadMessages();
	} catch (e) {
		showProblem(mstatus, e);
	}
	renderAll();
	onLanguageChange(renderAll);

	const form = $('message-form');
	handleForm(form, async (v) => {
		const { message } = await api.post(`/matches/${encodeURIComponent(match.id)}/messages`, { body: v.body });
		messages.push(message);
		renderMessages();
		form.reset();
		return 'match.message_sent';
	}, { status: mstatus });
	$('messages-refresh').addEventListener('click', async () => {
		try {
			await loadMessages();
			renderMessages();
			showStatus(mstatus, 'match.messages_refreshed', { count: messages.length }, 'info');
		} catch (e) {
			showProblem(mstatus, e);
		}
	});
	// On paper: who, when and how to reach each other (the print stylesheet).
	$('private-section').after(printButton());
	pageReady();
}

main();
