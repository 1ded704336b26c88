// Suggestions for a volunteer (GET /me/suggestions): open requests that fit
// my offers, best first, each with the reasons why; below them the
// vacancies of organisations that fit (GET /me/vacancy-suggestions, issue
// 18): talents in common, distance, kind of help, VOG.

import { api, getCategories } from '../api.js';
import { startPage, pageReady, el, categoryName, areaText, loadingInto, doneLoading, userText } from '../page.js';
import { onLanguageChange, currentLanguage } from '../i18n.js';
import { showProblem } from '../forms.js';

const list = document.getElementById('suggestions-list');
const status = document.getElementById('suggestions-status');
const vacList = document.getElementById('vacancy-suggestions-list');
const vacStatus = document.getElementById('vacancy-suggestions-status');
let categories = [];
let suggestions = [];
let vacancySuggestions = [];

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

function vacancyItem(s) {
	const v = s.vacancy;
	const li = el('li', null, null, { class: 'card' });
	const h = document.createElement('h3');
	const a = el('a', null, null, { href: `/vacature.html?id=${encodeURIComponent(v.id)}` });
	userText(a, v.title, v.lang);
	h.append(a);
	const meta = el('ul', null, null, { class: 'meta' });
	meta.append(el('li', 'vacancies.by', { name: v.organisation.name }),
		el('li', 'common.area_is', { area: areaText(v.area) }),
		el('li', 'common.distance', { km: s.distance_km }));
	if (typeof v.hours_per_month === 'number')
		meta.append(el('li', 'vacancies.hours', { count: v.hours_per_month }));
	const p = el('p');
	userText(p, v.description.length > 300 ? `${v.description.slice(0, 300)}…` : v.description, v.lang);
	li.append(h, meta, p);
	if (s.reasons && s.reasons.length) {
		li.append(el('h4', 'suggestions.vacancy_why'));
		const ul = el('ul', null, null, { class: 'reasons' });
		for (const reason of s.reasons)
			ul.append(reasonItem(reason));
		li.append(ul);
	}
	li.append(el('a', 'suggestions.vacancy_view', null, { href: `/vacature.html?id=${encodeURIComponent(v.id)}`, class: 'button' }));
	return li;
}

function renderVacancies() {
	if (!vacancySuggestions.length) {
		const p = el('div', null, null, { class: 'empty' });
		p.append(el('p', 'suggestions.vacancies_none'), el('a', 'suggestions.vacancies_all', null, { href: '/vacatures.html' }));
		vacList.replaceChildren(p);
		vacStatus.replaceChildren();
		return;
	}
	const ul = el('ul', null, null, { class: 'cards' });
	for (const s of vacancySuggestions)
		ul.append(vacancyItem(s));
	vacList.replaceChildren(ul);
	vacStatus.replaceChildren(el('p', 'suggestions.vacancies_count', { count: vacancySuggestions.length }, { class: 'muted' }));
}

async function loadVacancies() {
	loadingInto(vacList);
	vacStatus.replaceChildren();
	try {
		vacancySuggestions = await api.get('/me/vacancy-suggestions', { limit: 20, lang: currentLanguage() === 'nl' ? 'nl' : 'en' });
		doneLoading(vacList);
		renderVacancies();
	} catch (e) {
		doneLoading(vacList);
		vacList.replaceChildren();
		showProblem(vacStatus, e);
	}
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
	await Promise.all([load(), loadVacancies()]);
	onLanguageChange(() => { load(); loadVacancies(); });
	pageReady();
}

main();
