// The desk's caseload (issue 18 part 4, GET /me/caseload): what this
// professional posted for whom, with the next step of each, what needs
// doing first first; filtered by next step and status, paged with "more".
// Each item links to what the step asks: the responses to review, the
// letter for the client, the match to complete, the request itself.

import { api } from '../api.js';
import { startPage, pageReady, pagedList, el, badge, userText, param } from '../page.js';
import { t, onLanguageChange } from '../i18n.js';

const list = document.getElementById('caseload-list');
const status = document.getElementById('caseload-status');
const form = document.getElementById('caseload-filter');

// The next steps the API names, in its order, and their words.
const STEPS = {
	review_response: 'caseload.step.review_response',
	tell_client: 'caseload.step.tell_client',
	record_hours: 'caseload.step.record_hours',
	call_client: 'caseload.step.call_client',
	revise: 'caseload.step.revise',
	repost: 'caseload.step.repost',
	await_responses: 'caseload.step.await_responses',
	await_review: 'caseload.step.await_review',
	consent_revoked: 'caseload.step.consent_revoked',
	done: 'caseload.step.done',
	closed: 'caseload.step.closed',
};
const STATUSES = ['pending', 'open', 'matched', 'completed', 'cancelled', 'rejected', 'hidden', 'expired'];

function fillFilters() {
	for (const [code, key] of Object.entries(STEPS))
		form.next_step.append(el('option', key, null, { value: code }));
	for (const s of STATUSES)
		form.status.append(el('option', `status.request.${s}`, null, { value: s }));
}

function link(href, key, vars, cls = 'button button-secondary') {
	return el('a', key, vars, { href, class: cls });
}

function item(c) {
	const li = el('li', null, null, { class: 'card caseload-item', 'data-step': c.next_step.code, id: `c-${c.id}` });
	const name = c.client.first_name;
	const nameVars = { name: name ?? t('caseload.client_unknown') };
	const h = document.createElement('h2');
	const a = el('a', null, null, { href: `/hulpvraag.html?id=${encodeURIComponent(c.id)}` });
	userText(a, c.title);
	h.append(a);
	li.append(h);
	if (name)
		li.append(el('p', 'caseload.for_client', { name }, { class: 'caseload-client' }));
	else
		li.append(el('p', 'caseload.client_unknown', null, { class: 'caseload-client muted' }));

	const step = el('p', null, null, { class: 'next-step' });
	step.append(el('strong', 'caseload.next_step_label'), document.createTextNode(' '),
		el('span', STEPS[c.next_step.code], null, { class: 'next-step-text' }));
	if (c.next_step.code === 'call_client')
		step.append(document.createTextNode(' — '), el('span', 'caseload.days_open', { n: c.next_step.days_open }));
	li.append(step);

	const meta = el('ul', null, null, { class: 'meta' });
	const st = document.createElement('li');
	st.append(el('span', 'common.status_label'), document.createTextNode(' '), badge('request', c.status));
	meta.append(st, el('li', 'common.created', { at: c.created_at }));
	if (c.consent.how === 'telephone')
		meta.append(el('li', 'caseload.consent_phone'));
	if (c.responses_waiting > 0)
		meta.append(el('li', 'caseload.waiting', { count: c.responses_waiting }));
	li.append(meta);

	const actions = el('div', null, null, { class: 'actions' });
	const id = encodeURIComponent(c.id);
	switch (c.next_step.code) {
	case 'review_response':
		actions.append(link(`/mijn-hulpvragen.html#r-${id}`, 'caseload.act_responses', nameVars, 'button'));
		break;
	case 'tell_client':
		actions.append(link(`/afspraakbrief.html?id=${id}`, 'caseload.act_letter', nameVars, 'button'));
		break;
	case 'record_hours':
		actions.append(link(`/match.html?id=${encodeURIComponent(c.match_id)}`, 'caseload.act_complete', nameVars, 'button'),
			link(`/afspraakbrief.html?id=${id}`, 'caseload.act_letter', nameVars));
		break;
	case 'call_client':
		// After the call: widen what is asked, or invite volunteers
		// nearby (the suggestions on Mijn hulpvragen).
		actions.append(link(`/hulpvraag-plaatsen.html?id=${id}`, 'caseload.act_edit', nameVars, 'button'),
			link(`/mijn-hulpvragen.html#r-${id}`, 'caseload.act_invite', nameVars));
		break;
	default:
		if (c.match_id && c.next_step.code === 'done')
			actions.append(link(`/afspraakbrief.html?id=${id}`, 'caseload.act_letter', nameVars));
		actions.append(link(`/hulpvraag.html?id=${id}`, 'caseload.act_view', nameVars));
	}
	li.append(actions);
	return li;
}

async function load() {
	const query = {};
	if (form.next_step.value)
		query.next_step = form.next_step.value;
	if (form.status.value)
		query.status = form.status.value;
	await pagedList({
		container: list,
		statusEl: status,
		fetchPage: (cursor) => api.get('/me/caseload', { ...query, limit: 20, ...(cursor ? { cursor } : {}) }),
		renderItem: item,
		emptyKey: 'caseload.empty',
		countKey: 'caseload.count',
	}).catch(() => {});
}

async function main() {
	await startPage({ auth: 'required', roles: ['professional'] });
	fillFilters();
	// ?next_step= and ?status= choose the filter (a link to "what needs me").
	if (STEPS[param('next_step')])
		form.next_step.value = param('next_step');
	if (STATUSES.includes(param('status')))
		form.status.value = param('status');
	form.addEventListener('submit', async (e) => {
		e.preventDefault();
		await load();
	});
	onLanguageChange(() => {});
	await load();
	pageReady();
}

main();
