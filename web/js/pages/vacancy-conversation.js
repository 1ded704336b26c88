// The conversation of a response to a vacancy (issue 18 part 2): the
// volunteer and the organisation's coordinators, nobody else (GET and POST
// /vacancy-responses/{id}/messages). The first message is the response.

import { api } from '../api.js';
import { startPage, pageReady, el, param, replaceMain, userText } from '../page.js';
import { handleForm, showStatus, showProblem } from '../forms.js';

const $ = (id) => document.getElementById(id);
let user;
let response;

function messageItem(m) {
	const mine = m.sender && m.sender.id === user.id;
	const li = el('li', null, null, { class: `message${mine ? ' message-mine' : ''}` });
	const name = m.sender ? m.sender.display_name : '';
	const meta = el('p', mine ? 'match.msg_meta_me' : (m.from_volunteer ? 'match.msg_meta' : 'vacconv.msg_meta_org'),
		{ name, org: response.vacancy.organisation.name, at: m.created_at }, { class: 'message-meta' });
	const body = el('p', null, null, { class: 'message-body' });
	body.textContent = m.body;
	body.dir = 'auto';
	li.append(meta, body);
	return li;
}

async function loadMessages() {
	const out = [];
	let cursor = null;
	for (let i = 0; i < 10; i++) {
		const page = await api.get(`/vacancy-responses/${encodeURIComponent(response.id)}/messages`, { limit: 100, cursor });
		out.push(...page.items);
		cursor = page.next_cursor;
		if (!cursor)
			break;
	}
	$('messages-list').replaceChildren(...out.map(messageItem));
	return out.length;
}

async function main() {
	({ user } = await startPage({ auth: 'required' }));
	try {
		response = (await api.get(`/vacancy-responses/${encodeURIComponent(param('id') || '-')}`)).response;
	} catch (e) {
		replaceMain(e.status === 404 || e.status === 403 ? 'vacconv.not_found' : 'errors.load_failed', null, 'error');
		pageReady();
		return;
	}
	const volunteerSide = response.volunteer.id === user.id;
	const h1 = $('conv-h1');
	h1.replaceChildren(el('span', 'vacconv.h1_about'), document.createTextNode(' '));
	const title = el('span');
	userText(title, response.vacancy.title);
	h1.append(title);
	$('conv-facts').replaceChildren(el('p', volunteerSide ? 'vacconv.with_org' : 'vacconv.with_volunteer',
		{ org: response.vacancy.organisation.name, name: response.volunteer.display_name }));
	const back = $('conv-back');
	back.append(volunteerSide
		? el('a', 'vacconv.back_vacancy', null, { href: `/vacature.html?id=${encodeURIComponent(response.vacancy.id)}` })
		: el('a', 'vacconv.back_org', null, { href: '/mijn-organisatie.html' }));
	await loadMessages();
	const status = $('messages-status');
	handleForm($('message-form'), async (v) => {
		await api.post(`/vacancy-responses/${encodeURIComponent(response.id)}/messages`, { body: v.body });
		$('message-form').body.value = '';
		await loadMessages();
		return 'match.message_sent';
	}, { status });
	$('messages-refresh').addEventListener('click', async () => {
		try {
			const n = await loadMessages();
			showStatus(status, 'match.messages_refreshed', { count: n }, 'info');
		} catch (e) {
			showProblem(status, e);
		}
	});
	pageReady();
}

main();
