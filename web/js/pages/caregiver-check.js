// The caregiver's own check (POST/GET /me/caregiver-check; issue 17): the
// Caregiver Strain Index (Robinson 1983), 13 yes/no questions in Dutch
// ("Caregiver Strain Index (CSI), Nederlandse versie") and English; the
// score in plain words, support near the user, the own history, and the
// wish for a monthly reminder to take it again (GET/PUT
// /me/caregiver-check/reminder; the mailer sends it). The answers go to
// the API only, never into browser storage or the URL. While a form is
// sent its button is disabled (forms.js), so a double click sends once.

import { api } from '../api.js';
import { startPage, pageReady, el, setText } from '../page.js';
import { handleForm } from '../forms.js';

const ITEMS = 13;

function renderQuestions(box) {
	for (let i = 1; i <= ITEMS; i++) {
		const id = `q${i}`;
		const row = el('div', null, null, { class: 'check' });
		const input = el('input', null, null, { type: 'checkbox', id, name: id });
		const label = el('label', `cgcheck.q${i}`, null, { for: id });
		row.append(input, label);
		box.append(row);
	}
}

function explain(score, level) {
	return level === 'high' ? 'cgcheck.explain_high' : score === 0 ? 'cgcheck.explain_zero' : 'cgcheck.explain_low';
}

function showResult(res) {
	const section = document.getElementById('result');
	section.hidden = false;
	setText(document.getElementById('result-score'), 'cgcheck.score', { score: res.score });
	setText(document.getElementById('result-explain'), explain(res.score, res.level));
	const list = document.getElementById('result-support');
	list.replaceChildren();
	if (!res.suggested_organisations.length)
		list.append(el('li', 'cgcheck.no_support'));
	for (const o of res.suggested_organisations) {
		const li = document.createElement('li');
		const name = document.createElement('strong');
		name.textContent = o.name;
		li.append(name);
		if (o.phone) li.append(` · ${o.phone}`);
		if (o.website) {
			const a = document.createElement('a');
			a.href = o.website;
			a.textContent = o.website;
			li.append(' · ', a);
		}
		list.append(li);
	}
	document.getElementById('result-h2').focus();
}

async function loadHistory() {
	const list = document.getElementById('history');
	const res = await api.get('/me/caregiver-check?limit=20');
	list.replaceChildren();
	if (!res.items.length)
		list.append(el('li', 'cgcheck.history_none'));
	for (const c of res.items) {
		// The date formatted by i18n.js in the page's language ({when, date}).
		list.append(el('li', c.level === 'high' ? 'cgcheck.history_high' : 'cgcheck.history_low',
			{ when: c.created_at, score: c.score }));
	}
}

async function reminder() {
	const form = document.getElementById('reminder-form');
	const box = document.getElementById('reminder-monthly');
	const status = document.getElementById('reminder-status');
	const r = await api.get('/me/caregiver-check/reminder');
	box.checked = r.monthly;
	handleForm(form, async () => {
		const res = await api.put('/me/caregiver-check/reminder', { monthly: box.checked });
		box.checked = res.monthly;
		return res.monthly ? 'cgcheck.reminder_on' : 'cgcheck.reminder_off';
	}, { status });
}

async function main() {
	await startPage({ auth: 'required' });
	renderQuestions(document.getElementById('questions'));
	const form = document.getElementById('check-form');
	handleForm(form, async () => {
		const answers = [];
		for (let i = 1; i <= ITEMS; i++) answers.push(form[`q${i}`].checked);
		const res = await api.post('/me/caregiver-check', { answers });
		showResult(res);
		await loadHistory();
		return null;
	});
	await loadHistory();
	await reminder();
	pageReady();
}

main();
