// One request (hulpvraag.html?id=): the public part for everyone, the
// private part (marked) for those allowed to see it, a response form for
// volunteers, and a link to report it.

import { api, getCategories, hasRole, ApiError } from '../api.js';
import {
	startPage, unverifiedNote, pageReady, el, badge, categoryName, areaText, param, loginUrl, replaceMain, userText, printButton,
	confirmButton,
} from '../page.js';
import { onLanguageChange } from '../i18n.js';
import { handleForm, showStatus } from '../forms.js';
import { renderCare } from './request-care.js';

const body = document.getElementById('request-body');
const titleEl = document.getElementById('request-title');
let categories = [];
let request;
let user;
// A moderator (or admin) on someone else's request sees the private part
// only after choosing to, told that the read is logged (issue 15.9).
let privateShown = false;

function isStaff() {
	return !!user && hasRole(user, 'moderator', 'admin') && request && request.owner.id !== user.id;
}

async function showPrivate() {
	const b = document.getElementById('private-show');
	b.disabled = true;
	try {
		request = (await api.get(`/requests/${encodeURIComponent(request.id)}`)).request;
		privateShown = true;
		render();
		const h = document.getElementById('private-h');
		if (h) {
			h.tabIndex = -1;
			h.focus();
		}
	} catch (e) {
		b.disabled = false;
		showStatus(document.getElementById('request-status'), 'errors.load_failed', null, 'error');
	}
}

function row(dl, key, value, vars) {
	const dd = vars ? el('dd', value, vars) : el('dd');
	if (!vars)
		dd.textContent = value;
	dl.append(el('dt', key), dd);
}

function render() {
	const r = request;
	userText(titleEl, r.title, r.lang);
	delete titleEl.dataset.i18n;
	delete document.querySelector('title').dataset.i18n;
	document.title = `${r.title} – Burenhulp`;

	const parts = [];
	const top = el('p');
	top.append(el('span', 'common.status_label'), document.createTextNode(' '), badge('request', r.status));
	parts.push(top);

	const dl = el('dl', null, null, { class: 'meta' });
	row(dl, 'fields.category', categoryName(categories, r.category));
	row(dl, 'common.area', areaText(r.area));
	if (typeof r.distance_km === 'number')
		row(dl, 'common.distance_label', 'common.km_value', { km: r.distance_km });
	if (r.when)
		row(dl, 'common.when_label', 'common.when_range', { start: r.when.start, end: r.when.end });
	row(dl, 'common.asked_by', r.owner.display_name);
	if (r.on_behalf_of)
		row(dl, 'common.for_whom', r.on_behalf_of.first_name);
	row(dl, 'common.posted', 'common.date_value', { at: r.created_at });
	row(dl, 'common.responses', 'common.count_value', { n: r.response_count });
	parts.push(dl);

	const desc = el('p', null, null, { class: 'description' });
	userText(desc, r.description, r.lang);
	parts.push(el('h2', 'request.description_heading'), desc);
	// On paper the request keeps its content (the print stylesheet).
	const view = document.getElementById('request-view');
	if (!view.querySelector('.print-button'))
		view.append(printButton());

	if (isStaff() && !privateShown) {
		const box = el('section', null, null, { class: 'private', 'aria-labelledby': 'private-h' });
		box.append(el('h2', 'request.private_heading', null, { class: 'private-title', id: 'private-h' }));
		box.append(el('p', 'request.private_staff_hint', null, { class: 'small', id: 'private-show-hint' }));
		const b = el('button', 'request.private_show', null, { type: 'button', class: 'button button-secondary', id: 'private-show', 'aria-describedby': 'private-show-hint' });
		b.addEventListener('click', showPrivate);
		box.append(b);
		parts.push(box);
	} else if (r.private && Object.values(r.private).some((x) => x)) {
		const box = el('section', null, null, { class: 'private', 'aria-labelledby': 'private-h' });
		box.append(el('h2', 'request.private_heading', null, { class: 'private-title', id: 'private-h' }));
		box.append(el('p', user && r.owner.id === user.id ? 'request.private_owner_note' : isStaff() ? 'request.private_staff_note' : 'request.private_viewer_note', null, { class: 'small' }));
		const pdl = el('dl', null, null, { class: 'meta' });
		if (r.private.care_situation)
			row(pdl, 'fields.care_situation', r.private.care_situation);
		if (r.private.address)
			row(pdl, 'fields.address', r.private.address);
		if (r.private.phone)
			row(pdl, 'fields.phone', r.private.phone);
		box.append(pdl);
		parts.push(box);
	}

	// A request to the circle first (issue 18 part 3): only its members see
	// it; its poster may ask everyone after all.
	if (r.audience === 'circle') {
		const note = el('div', null, null, { class: 'notice notice-info' });
		note.append(el('p', 'circle.request_note'));
		if (user && r.owner.id === user.id && r.status === 'open') {
			const live = el('div', null, null, { role: 'status', 'aria-live': 'polite' });
			note.append(confirmButton({
				labelKey: 'circle.publish', questionKey: 'circle.publish_question', yesKey: 'circle.publish_yes',
				action: async () => {
					try {
						({ request } = await api.post(`/requests/${encodeURIComponent(r.id)}/publish`));
						render();
						document.getElementById('request-status')?.replaceChildren(el('p', 'circle.published', null, { class: 'notice notice-ok' }));
					} catch (e) {
						showStatus(live, 'errors.load_failed', null, 'error');
					}
				},
			}), live);
		}
		parts.push(note);
	}
	const actions = el('div', null, null, { class: 'actions' });
	if (user && r.owner.id === user.id)
		actions.append(el('a', 'request.to_my_requests', null, { href: '/mijn-hulpvragen.html', class: 'button button-secondary' }));
	if (user && r.owner.id !== user.id)
		actions.append(el('a', 'request.report', null, { href: `/melden.html?type=request&id=${encodeURIComponent(r.id)}` }));
	parts.push(actions);
	body.replaceChildren(...parts);
	renderCare(document.getElementById('request-care'), r, user, (changed) => { request = changed; render(); });

	const respond = document.getElementById('respond-section');
	const extra = document.getElementById('request-extra');
	extra.replaceChildren();
	if (r.status === 'open' && (!user || r.owner.id !== user.id)) {
		// The members of a circle respond to its requests, volunteers or not.
		if (user && (hasRole(user, 'volunteer') || r.audience === 'circle')) {
			respond.hidden = false;
		} else if (!user) {
			respond.hidden = true;
			const p = el('p');
			p.append(el('a', 'request.login_to_respond', null, { href: loginUrl() }));
			extra.append(p);
		} else {
			respond.hidden = true;
			// A resident may take the volunteer role themself (issue 15.11).
			const p = el('p', null, null, { class: 'muted' });
			p.append(el('span', 'request.only_volunteers'), document.createTextNode(' '),
				el('a', 'errors.no_role_link', null, { href: '/profiel.html#rollen' }));
			extra.append(p);
		}
	} else {
		respond.hidden = true;
	}
}

async function main() {
	({ user } = await startPage());
	const id = param('id');
	if (!id) {
		replaceMain('request.not_found', null, 'error');
		pageReady();
		return;
	}
	try {
		[categories, request] = await Promise.all([
			getCategories().catch(() => []),
			// Moderators first without the private part: see isStaff().
			api.get(`/requests/${encodeURIComponent(id)}`, user && hasRole(user, 'moderator', 'admin') ? { private: 'false' } : undefined)
				.then((x) => x.request),
		]);
	} catch (e) {
		replaceMain(e instanceof ApiError && e.status === 404 ? 'request.not_found' : 'errors.load_failed', null, 'error');
		pageReady();
		return;
	}
	// A moderator's own request: their private part as any owner sees it.
	if (user && request.owner.id === user.id && hasRole(user, 'moderator', 'admin') && !request.private)
		request = (await api.get(`/requests/${encodeURIComponent(id)}`)).request;
	render();
	onLanguageChange(render);

	const form = document.getElementById('respond-form');
	if (!form.closest('[hidden]'))
		unverifiedNote(form);
	const rstatus = document.getElementById('respond-status');
	handleForm(form, async (v) => {
		try {
			const { match } = await api.post('/matches', { request_id: request.id, message: v.message });
			// The count (and the rest) as it is now, with this response (issue 15.8).
			try {
				request = (await api.get(`/requests/${encodeURIComponent(request.id)}`,
					isStaff() && !privateShown ? { private: 'false' } : undefined)).request;
				render();
			} catch { /* the old view stays; the response is in */ }
			form.hidden = true;
			rstatus.replaceChildren();
			const p = el('p', 'request.responded', null, { class: 'notice notice-ok' });
			const a = el('a', 'request.to_match', null, { href: `/match.html?id=${encodeURIComponent(match.id)}` });
			rstatus.append(p, a);
			return null;
		} catch (e) {
			if (e instanceof ApiError && e.status === 409) {
				showStatus(rstatus, 'request.already_responded', null, 'error');
				return null;
			}
			throw e;
		}
	});
	pageReady();
}

main();
