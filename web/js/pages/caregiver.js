// For caregivers (mantelzorgers), issue 17 part 3: a few questions (who do
// you care for, what weighs most, how often) lead to respite care, home
// care and caregiver support near them, from the directory (GET
// /organisations near the postcode, by category). Nothing is stored: the
// answers only choose what is shown. Anyone may use it; a logged-in
// user's postcode is filled in.

import { api } from '../api.js';
import { startPage, pageReady, userText } from '../page.js';
import { el, setText } from '../i18n.js';
import { handleForm } from '../forms.js';

const form = document.getElementById('care-form');
const result = document.getElementById('care-result');
const advice = document.getElementById('care-advice');
const orgsBox = document.getElementById('care-orgs');

// What weighs most → the kinds of support, first the one that fits best.
const KINDS = {
	time: ['respite', 'caregiver-support'],
	care: ['home-care', 'respite'],
	arranging: ['caregiver-support', 'home-care'],
	alone: ['caregiver-support', 'respite'],
};

function orgItem(o) {
	const li = el('li');
	const name = o.website ? el('a', null, null, { href: o.website, rel: 'noopener' }) : el('strong');
	userText(name, o.name, 'nl');	// the directory is written in Dutch
	li.append(name, ' ', el('span', 'care.org_where', { place: o.area?.place || o.area?.pc4 || '', km: o.distance_km ?? 0 }, { class: 'small' }));
	if (o.phone) {
		const tel = el('a', null, null, { href: `tel:${o.phone.replace(/[^0-9+]/g, '')}` });
		tel.textContent = o.phone;
		li.append(' · ', tel);
	}
	const p = el('p', null, null, { class: 'small' });
	userText(p, o.description, 'nl');
	li.append(p);
	return li;
}

async function show(v) {
	const kinds = KINDS[v.weight];
	let lists;
	try {
		lists = await Promise.all(kinds.map((category) =>
			api.get('/organisations', { near: v.postcode, category, radius_km: '25', limit: '5' })));
	} catch (err) {
		// The list names its parameter `near`; the form calls it postcode.
		for (const e of err.errors || [])
			if (e.field === 'near')
				e.field = 'postcode';
		throw err;
	}
	advice.replaceChildren(
		el('p', `care.advice.${v.weight}`),
		el('p', `care.advice_often.${v.often}`),
	);
	if (v.weight === 'care')
		advice.append(el('p', 'care.advice_volunteer'));
	orgsBox.replaceChildren();
	const seen = new Set();
	kinds.forEach((category, i) => {
		const items = lists[i].items.filter((o) => !seen.has(o.id));
		for (const o of items)
			seen.add(o.id);
		const h = el('h3', `care.kind.${category}`);
		orgsBox.append(h);
		if (!items.length) {
			orgsBox.append(el('p', lists[i].items.length ? 'care.shown_above' : 'care.none_near'));
			return;
		}
		const ul = el('ul', null, null, { class: 'care-orgs' });
		for (const o of items)
			ul.append(orgItem(o));
		orgsBox.append(ul);
	});
	const more = el('p');
	more.append(el('a', 'care.post_request_link', null, { href: '/hulpvraag-plaatsen.html' }));
	orgsBox.append(more);
	result.hidden = false;
	const h = document.getElementById('care-result-h');
	setText(h, 'care.result_h');
	h.focus();
	return null;
}

async function main() {
	const { user } = await startPage({});
	if (user)
		form.postcode.value = user.area?.pc4 || user.postcode || '';
	handleForm(form, show);
	pageReady();
}

main();
