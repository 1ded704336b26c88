// My requests with the responses of volunteers (GET /me/requests and
// GET /matches?as=requester): accept or decline a volunteer, go to the
// messages and completion of a match, change or cancel a request.

import { api, getCategories } from '../api.js';
import {
	startPage, pageReady, el, badge, categoryName, areaText, confirmButton, loadingInto, doneLoading, userText,
} from '../page.js';
import { onLanguageChange, currentLanguage } from '../i18n.js';
import { showStatus, showProblem, handleForm } from '../forms.js';

const list = document.getElementById('myrequests-list');
const status = document.getElementById('myrequests-status');
let categories = [];

async function all(path, query) {
	const out = [];
	let cursor = null;
	for (let i = 0; i < 10; i++) {
		const page = await api.get(path, { ...query, limit: 100, cursor });
		out.push(...page.items);
		cursor = page.next_cursor;
		if (!cursor)
			break;
	}
	return out;
}

function link(href, key, vars, cls) {
	return el('a', key, vars, { href, class: cls });
}

function matchItem(m, request, reload) {
	const li = el('li', null, null, { class: 'card' });
	const h = el('h4', 'myrequests.response_from', { name: m.volunteer.display_name });
	const meta = el('ul', null, null, { class: 'meta' });
	const st = document.createElement('li');
	st.append(el('span', 'common.status_label'), document.createTextNode(' '), badge('match', m.status));
	meta.append(st, el('li', 'common.created', { at: m.created_at }));
	if (m.status === 'completed' && m.hours != null)
		meta.append(el('li', 'common.hours_done', { n: m.hours }));
	li.append(h, meta);
	// What the volunteer wrote with the response, to decide on (issue 15.8).
	if (m.introduction && m.introduction.body) {
		const q = el('blockquote', null, null, { class: 'introduction' });
		q.append(el('p', 'myrequests.introduction_label', { name: m.introduction.sender.display_name }, { class: 'small muted' }));
		const body = document.createElement('p');
		body.textContent = m.introduction.body;
		body.dir = 'auto';	/* a volunteer's own words, in whatever script */
		q.append(body);
		li.append(q);
	}
	if (m.thanks) {
		const p = el('p', 'myrequests.your_thanks', { thanks: m.thanks });
		li.append(p);
	}
	const actions = el('div', null, null, { class: 'actions' });
	const act = async (verb, okKey) => {
		try {
			await api.post(`/matches/${encodeURIComponent(m.id)}/${verb}`);
			await reload(request.id);
			showStatus(status, okKey, { name: m.volunteer.display_name });
		} catch (e) {
			showProblem(status, e);
		}
	};
	if (m.status === 'responded') {
		const accept = el('button', 'myrequests.accept', { name: m.volunteer.display_name }, { type: 'button', class: 'button' });
		accept.addEventListener('click', () => act('accept', 'myrequests.accepted'));
		actions.append(accept);
		actions.append(confirmButton({
			labelKey: 'myrequests.decline',
			questionKey: 'myrequests.decline_q',
			yesKey: 'myrequests.decline_yes',
			action: () => act('decline', 'myrequests.declined'),
		}));
	}
	actions.append(link(`/match.html?id=${encodeURIComponent(m.id)}`, ['accepted', 'completed'].includes(m.status) ? 'myrequests.open_match' : 'myrequests.open_messages', null, 'button button-secondary'));
	li.append(actions);
	return li;
}

function requestItem(r, matches, reload) {
	const li = el('li', null, null, { class: 'card', id: `r-${r.id}` });
	const h = document.createElement('h2');
	const a = el('a', null, null, { href: `/hulpvraag.html?id=${encodeURIComponent(r.id)}` });
	userText(a, r.title, r.lang);
	h.append(a);
	const meta = el('ul', null, null, { class: 'meta' });
	const st = document.createElement('li');
	st.append(el('span', 'common.status_label'), document.createTextNode(' '), badge('request', r.status));
	meta.append(st, el('li', 'common.category_is', { name: categoryName(categories, r.category) }),
		el('li', 'common.area_is', { area: areaText(r.area) }), el('li', 'common.created', { at: r.created_at }));
	if (r.on_behalf_of)
		meta.append(el('li', 'common.for_person', { name: r.on_behalf_of.first_name }));
	li.append(h, meta);
	if (r.status === 'pending')
		li.append(el('p', 'myrequests.pending_note', null, { class: 'notice notice-info' }));
	if (r.status === 'rejected' || r.status === 'hidden')
		li.append(el('p', 'myrequests.rejected_note', null, { class: 'notice notice-info' }));

	const mine = matches.filter((m) => m.request.id === r.id);
	li.append(el('h3', 'myrequests.responses', { count: mine.length }));
	if (!mine.length) {
		li.append(el('p', r.status === 'open' ? 'myrequests.no_responses_open' : 'myrequests.no_responses', null, { class: 'muted' }));
	} else {
		const ul = el('ul', null, null, { class: 'cards' });
		for (const m of mine)
			ul.append(matchItem(m, r, reload));
		li.append(ul);
	}

	const actions = el('div', null, null, { class: 'actions' });
	if (['pending', 'open'].includes(r.status))
		actions.append(link(`/hulpvraag-plaatsen.html?id=${encodeURIComponent(r.id)}`, 'myrequests.edit', null, 'button button-secondary'));
	if (['pending', 'open', 'matched'].includes(r.status)) {
		actions.append(confirmButton({
			labelKey: 'myrequests.cancel',
			questionKey: 'myrequests.cancel_q',
			yesKey: 'myrequests.cancel_yes',
			danger: true,
			action: async () => {
				try {
					await api.post(`/requests/${encodeURIComponent(r.id)}/cancel`);
					await reload(r.id);
					showStatus(status, 'myrequests.cancelled');
				} catch (e) {
					showProblem(status, e);
				}
			},
		}));
	}
	if (actions.children.length)
		li.append(actions);
	if (r.status === 'open')
		li.append(suggestionsPanel(r, reload));
	return li;
}

// Volunteers whose offers fit an open request (GET /requests/{id}/suggestions),
// each with the reasons and a way to invite them (POST /matches with volunteer_id).
function suggestionsPanel(r, reload) {
	const wrap = el('div', null, null, { class: 'suggest-panel' });
	const panelId = `sugg-${r.id}`;
	const toggle = el('button', 'myrequests.show_volunteers', null, {
		type: 'button', class: 'button button-secondary', 'aria-expanded': 'false', 'aria-controls': panelId,
	});
	const panel = el('div', null, null, { id: panelId, hidden: true });
	wrap.append(toggle, panel);
	toggle.addEventListener('click', async () => {
		const open = toggle.getAttribute('aria-expanded') === 'true';
		toggle.setAttribute('aria-expanded', String(!open));
		panel.hidden = open;
		if (open || panel.dataset.loaded)
			return;
		loadingInto(panel);
		let list;
		try {
			list = await api.get(`/requests/${encodeURIComponent(r.id)}/suggestions`, { limit: 10, lang: currentLanguage() });
		} catch (e) {
			doneLoading(panel);
			panel.replaceChildren(el('p', 'errors.load_failed', null, { class: 'notice notice-error' }));
			return;
		}
		doneLoading(panel);
		panel.dataset.loaded = '1';
		if (!list.length) {
			panel.replaceChildren(el('p', 'myrequests.no_volunteers', null, { class: 'empty' }));
			return;
		}
		const ul = el('ul', null, null, { class: 'cards' });
		for (const s of list)
			ul.append(volunteerItem(r, s, reload));
		panel.replaceChildren(ul);
	});
	return wrap;
}

function volunteerItem(r, s, reload) {
	const li = el('li', null, null, { class: 'card' });
	const h = el('h4');
	h.textContent = s.volunteer.display_name;
	li.append(h);
	if (s.reasons && s.reasons.length) {
		const ul = el('ul', null, null, { class: 'reasons' });
		for (const reason of s.reasons) {
			const item = document.createElement('li');
			item.textContent = reason;
			ul.append(item);
		}
		li.append(ul);
	}
	const form = el('form', null, null, { novalidate: true });
	const id = `inv-${r.id}-${s.volunteer.id}`;
	form.append(el('div', null, null, { class: 'error-summary', 'data-error-summary': '', tabindex: '-1', 'aria-live': 'assertive', hidden: true }));
	const field = el('div', null, null, { class: 'field', 'data-field': 'message', 'data-required': '' });
	field.append(el('label', 'myrequests.invite_label', { name: s.volunteer.display_name }, { for: id }),
		el('textarea', null, null, { id, name: 'message', rows: '2', maxlength: '4000' }));
	form.append(field, el('button', 'myrequests.invite', { name: s.volunteer.display_name }, { type: 'submit', class: 'button', 'data-busy-key': 'common.sending' }));
	li.append(form);
	handleForm(form, async (v) => {
		await api.post('/matches', { request_id: r.id, volunteer_id: s.volunteer.id, message: v.message });
		await reload(r.id);
		showStatus(status, 'myrequests.invited', { name: s.volunteer.display_name });
		return null;
	});
	return li;
}

async function load(focusId) {
	loadingInto(list);
	let requests;
	let matches;
	try {
		[requests, matches] = await Promise.all([
			all('/me/requests', {}),
			all('/matches', { as: 'requester' }),
		]);
	} catch (e) {
		doneLoading(list);
		list.replaceChildren();
		showProblem(status, e);
		return;
	}
	doneLoading(list);
	if (!requests.length) {
		list.replaceChildren(el('p', 'myrequests.none', null, { class: 'empty' }));
		return;
	}
	const ul = el('ul', null, null, { class: 'cards' });
	for (const r of requests)
		ul.append(requestItem(r, matches, load));
	list.replaceChildren(ul);
	if (focusId) {
		const heading = document.querySelector(`#r-${CSS.escape(focusId)} h2`);
		if (heading) {
			heading.tabIndex = -1;
			heading.focus();
		}
	}
}

async function main() {
	await startPage({ auth: 'required' });
	try {
		categories = await getCategories();
	} catch {
		categories = [];
	}
	await load();
	onLanguageChange(() => load());
	pageReady();
}

main();
