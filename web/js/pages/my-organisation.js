// My organisation (issue 18 part 1): a coordinator edits the directory entry
// of the organisations they coordinate (GET /organisations/mine). A change
// is sent as PATCH /organisations/{id}, which for a coordinator makes a
// pending change (202): the public entry keeps its old text until a
// moderator approves it. Only the fields that differ are sent; an emptied
// website, phone or e-mail address is cleared (null).

import { api } from '../api.js';
import { startPage, pageReady } from '../page.js';
import { handleForm, showStatus } from '../forms.js';
import { el } from '../i18n.js';
import { vacanciesSection } from './my-organisation-vacancies.js';

const FIELDS = [
	['name', 'input', { type: 'text', maxlength: '160' }, true],
	['description', 'textarea', { maxlength: '4000', rows: '6' }, true],
	['website', 'input', { type: 'url', maxlength: '300', spellcheck: 'false' }, false],
	['phone', 'input', { type: 'tel', maxlength: '40', autocomplete: 'off' }, false],
	['email', 'input', { type: 'email', maxlength: '254', spellcheck: 'false', autocomplete: 'off' }, false],
];

function orgForm(o, live) {
	const sec = el('section', null, null, { class: 'card', 'aria-labelledby': `org-${o.id}-h` });
	const h = el('h2', null, null, { id: `org-${o.id}-h`, tabindex: '-1' });
	h.textContent = o.name;
	const f = el('form', null, null, { novalidate: true });
	f.append(el('div', null, null, { class: 'error-summary', 'data-error-summary': '', tabindex: '-1', 'aria-live': 'assertive', hidden: true }));
	for (const [name, tag, attrs, required] of FIELDS) {
		const id = `org-${o.id}-${name}`;
		const field = el('div', null, null, { class: 'field', 'data-field': name, ...(required ? { 'data-required': '' } : {}) });
		const input = el(tag, null, null, { id, name, ...attrs });
		input.value = o[name] ?? '';
		field.append(el('label', `myorg.${name}`, null, { for: id }), input);
		f.append(field);
	}
	f.append(el('button', 'myorg.submit', null, { type: 'submit', class: 'button', 'data-busy-key': 'common.saving' }));
	handleForm(f, async (vals) => {
		const body = {};
		for (const [name, , , required] of FIELDS) {
			const v = (vals[name] ?? '').trim();
			if (v === (o[name] ?? ''))
				continue;
			body[name] = v === '' && !required ? null : v;
		}
		if (!Object.keys(body).length) {
			showStatus(live, 'myorg.unchanged', { name: o.name }, 'info');
			return null;
		}
		await api.patch(`/organisations/${encodeURIComponent(o.id)}`, body);
		showStatus(live, 'myorg.sent', { name: o.name });
		return null;
	});
	sec.append(h, f);
	return sec;
}

async function main() {
	await startPage({ auth: 'required' });
	const live = document.getElementById('myorg-live');
	const box = document.getElementById('myorgs');
	const { items } = await api.get('/organisations/mine');
	if (!items.length)
		box.append(el('p', 'myorg.none', null, { class: 'notice notice-info' }));
	const ready = [];
	for (const o of items) {
		box.append(orgForm(o, live));
		// Its vacancies and the responses to them (issue 18 part 2).
		const vacs = vacanciesSection(o, live);
		box.append(vacs);
		ready.push(vacs.ready);
	}
	await Promise.all(ready);
	pageReady();
}

main();
