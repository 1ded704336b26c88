// Suggestions for a volunteer (GET /me/suggestions): open requests that fit
// my offers, best first, each with the reasons why.

import { api, getCategories } from '../api.js';
import { startPage, pageReady, el, categoryName, areaText, loadingInto, doneLoading, userText } from '../page.js';
import { onLanguageChange, currentLanguage } from '../i18n.js';
import { showProblem } from '../forms.js';

const list = document.getElementById('suggestions-list');
const status = document.getElementById('suggestions-status');
let categories = [];
let suggestions = [];

// The API writes the reasons in words, in the language asked for (?lang=).
function reasonItem(reason) {
	const li = document.createElement('li');
	li.textContent = reason;
	return li;
}

function item(s) {
	const r = s.request;
	const li = el('li', null, null, { class: 'card' });
	const h = document.createElement('h2');
	const a = el('a', null, null, { href: `/hulpvraag.html?id=${encodeURIComponent(r.id)}` });
	userText(a, r.title, r.lang);
	h.append(a);
	const meta = el('ul', null, null, { class: 'meta' });
	meta.append(el('li', 'common.category_is', { name: categoryName(categories, r.category) }),
		el('li', 'common.area_is', { area: areaText(r.area) }));
	if (typeof r.distance_km === 'number')
		meta.append(el('li', 'common.distance', { km: r.distance_km }));
	if (r.when && r.when.start)
		meta.append(el('li', 'common.when', { start: r.when.start }));
	const p = el('p');
	userText(p, r.description.length > 300 ? `${r.description.slice(0, 300)}…` : r.description, r.lang);
	li.append(h, meta, p);
	if (s.reasons && s.reasons.length) {
		li.append(el('h3', 'suggestions.why'));
		const ul = el('ul', null, null, { class: 'reasons' });
		for (const reason of s.reasons)
			ul.append(reasonItem(reason));
		li.append(ul);
	}
	li.append(el('a', 'suggestions.respond', null, { href: `/hulpvraag.html?id=${encodeURIComponent(r.id)}#respond-heading`, class: 'button' }));
	return li;
}

function render() {
	if (!suggestions.length) {
		const p = el('div', null, null, { class: 'empty' });
		p.append(el('p', 'suggestions.none'), el('a', 'suggestions.make_offer', null, { href: '/aanbod.html' }));
		list.replaceChildren(p);
		return;
	}
	const ul = el('ul', null, null, { class: 'cards' });
	for (const s of suggestions)
		ul.append(item(s));
	list.replaceChildren(ul);
	status.replaceChildren(el('p', 'suggestions.count', { count: suggestions.length }, { class: 'muted' }));
}

async function load() {
	loadingInto(list);
	status.replaceChildren();
	try {
		suggestions = await api.get('/me/suggestions', { limit: 50, lang: currentLanguage() });
		if (!Array.isArray(suggestions))
			suggestions = suggestions.items || [];
		doneLoading(list);
		render();
	} catch (e) {
		doneLoading(list);
		list.replaceChildren();
		showProblem(status, e);
	}
}

async function main() {
	await startPage({ auth: 'required', roles: ['volunteer'] });
	categories = await getCategories().catch(() => []);
	await load();
	onLanguageChange(load);
	pageReady();
}

main();
