// The vacancies of an organisation on mijn-organisatie.html (issue 18 part
// 2), for its coordinators: every vacancy in any status (GET
// /organisations/{id}/vacancies) with its responses (GET
// /vacancies/{id}/responses, each leading to its private conversation),
// closing one (POST /vacancies/{id}/close) and posting a new one (POST
// /vacancies, which a moderator publishes).

import { api, getCategories } from '../api.js';
import { el, badge, categoryLabel, userText } from '../page.js';
import { handleForm, showStatus, showProblem } from '../forms.js';
import { getTalents, talentLabel, fillChoices } from '../talents.js';

function responsesList(v, box) {
	return async () => {
		box.replaceChildren(el('p', 'common.loading', null, { class: 'loading' }));
		try {
			const { items } = await api.get(`/vacancies/${encodeURIComponent(v.id)}/responses`, { limit: 100 });
			if (!items.length) {
				box.replaceChildren(el('p', 'myorg.vac_no_responses', null, { class: 'empty' }));
				return;
			}
			const ul = el('ul', null, null, { class: 'responses' });
			for (const x of items) {
				const li = el('li');
				const who = el('p');
				who.append(el('strong', 'myorg.vac_response_from', { name: x.volunteer.display_name, at: x.created_at }));
				const msg = el('p', null, null, { class: 'message-body' });
				msg.textContent = x.message || '';
				msg.dir = 'auto';
				msg.style.whiteSpace = 'pre-line';
				const a = el('a', 'myorg.vac_answer', { name: x.volunteer.display_name },
					{ href: `/vacature-gesprek.html?id=${encodeURIComponent(x.id)}` });
				li.append(who, msg, a);
				ul.append(li);
			}
			box.replaceChildren(el('p', 'myorg.vac_responses_count', { count: items.length }), ul);
		} catch (e) {
			box.replaceChildren();
			showProblem(box, e);
		}
	};
}

function vacancyItem(v, live, reload) {
	const li = el('li', null, null, { class: 'card' });
	const h = el('h4', null, null, { class: 'card-title' });
	const a = el('a', null, null, { href: `/vacature.html?id=${encodeURIComponent(v.id)}` });
	userText(a, v.title, v.lang);
	h.append(a, document.createTextNode(' '), badge('vacancy', v.status));
	li.append(h);
	if (v.moderation)
		li.append(el('p', 'myorg.vac_moderation', { reason: v.moderation.reason || '' }, { class: 'notice notice-error' }));
	const actions = el('div', null, null, { class: 'actions' });
	const box = el('div', null, null, { 'aria-live': 'polite' });
	const show = el('button', 'myorg.vac_show_responses', null, { type: 'button', class: 'button button-secondary' });
	show.addEventListener('click', responsesList(v, box));
	actions.append(show);
	if (v.status === 'open' || v.status === 'pending') {
		const close = el('button', 'myorg.vac_close', null, { type: 'button', class: 'button button-secondary' });
		close.addEventListener('click', async () => {
			close.disabled = true;
			try {
				await api.post(`/vacancies/${encodeURIComponent(v.id)}/close`);
				showStatus(live, 'myorg.vac_closed', { title: v.title });
				await reload();
			} catch (e) {
				close.disabled = false;
				showProblem(live, e);
			}
		});
		actions.append(close);
	}
	li.append(actions, box);
	return li;
}

function newVacancyForm(o, talents, categories, live, reload) {
	const p = `vac-${o.id}`;
	const f = el('form', null, null, { novalidate: true, 'aria-labelledby': `${p}-h` });
	f.append(el('h3', 'myorg.vac_new', null, { id: `${p}-h` }));
	f.append(el('div', null, null, { class: 'error-summary', 'data-error-summary': '', tabindex: '-1', 'aria-live': 'assertive', hidden: true }));
	const text = (name, tag, attrs, required, hintKey) => {
		const field = el('div', null, null, { class: 'field', 'data-field': name, ...(required ? { 'data-required': '' } : {}) });
		const input = el(tag, null, null, { id: `${p}-${name}`, name, ...attrs, ...(hintKey ? { 'aria-describedby': `${p}-${name}-hint` } : {}) });
		field.append(el('label', `myorg.vac_${name}`, null, { for: `${p}-${name}` }));
		if (hintKey)
			field.append(el('p', hintKey, null, { class: 'hint', id: `${p}-${name}-hint` }));
		field.append(input);
		f.append(field);
		return input;
	};
	text('title', 'input', { type: 'text', maxlength: '120' }, true);
	text('description', 'textarea', { rows: '5', maxlength: '4000' }, true, 'myorg.vac_description_hint');
	const group = (name, items, label) => {
		const fs = el('fieldset', null, null, { class: 'field', 'data-field': name });
		fs.append(el('legend', `myorg.vac_${name}`));
		const box = el('div');
		fillChoices(box, items, { name, label, prefix: `${p}-${name}` });
		fs.append(box);
		f.append(fs);
	};
	group('talents', talents, talentLabel);
	group('categories', categories, categoryLabel);
	const pc = text('postcode', 'input', { type: 'text', class: 'input-short', autocomplete: 'off' }, true, 'myorg.vac_postcode_hint');
	pc.value = o.area?.pc4 || o.postcode || '';
	text('hours_per_month', 'input', { type: 'number', class: 'input-short', min: '1', max: '744', step: '1', inputmode: 'numeric' }, false, 'myorg.vac_hours_hint');
	const vog = el('div', null, null, { class: 'choice', 'data-field': 'needs_vog' });
	vog.append(el('input', null, null, { type: 'checkbox', id: `${p}-needs_vog`, name: 'needs_vog' }),
		el('label', 'myorg.vac_needs_vog', null, { for: `${p}-needs_vog` }));
	f.append(vog);
	f.append(el('button', 'myorg.vac_submit', null, { type: 'submit', class: 'button', 'data-busy-key': 'common.saving' }));
	handleForm(f, async (v) => {
		const body = {
			organisation_id: o.id, title: v.title, description: v.description,
			talents: v.talents || [], categories: v.categories || [], postcode: v.postcode, needs_vog: !!v.needs_vog,
		};
		if (v.hours_per_month)
			body.hours_per_month = Number(v.hours_per_month);
		const res = await api.post('/vacancies', body);
		f.reset();
		pc.value = o.area?.pc4 || o.postcode || '';
		showStatus(live, res.vacancy.status === 'pending' ? 'myorg.vac_sent' : 'myorg.vac_published', { title: res.vacancy.title });
		await reload();
		return null;
	});
	return f;
}

/** The section of organisation o's vacancies; live: the page's status line. */
export function vacanciesSection(o, live) {
	const sec = el('section', null, null, { class: 'card', 'aria-labelledby': `vacs-${o.id}-h` });
	const h = el('h2', 'myorg.vac_heading', { name: o.name }, { id: `vacs-${o.id}-h` });
	const list = el('ul', null, null, { class: 'cards' });
	const reload = async () => {
		const { items } = await api.get(`/organisations/${encodeURIComponent(o.id)}/vacancies`, { limit: 100 });
		list.replaceChildren(...items.map((v) => vacancyItem(v, live, reload)));
		if (!items.length)
			list.append(el('li', 'myorg.vac_none', null, { class: 'empty' }));
	};
	sec.append(h, list);
	Promise.all([getTalents().catch(() => []), getCategories().catch(() => [])]).then(([talents, categories]) => {
		sec.append(newVacancyForm(o, talents, categories, live, reload));
	});
	sec.ready = reload().catch((e) => showProblem(live, e));
	return sec;
}
