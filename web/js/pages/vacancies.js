// Vacancies of organisations (issue 18 part 2): anyone, also without an
// account, searches GET /vacancies?q=&near=&radius_km=&talent=&category=,
// nearest first when a postcode is given, paged. The search lives in the
// URL, so back and a shared link work.

import { api, getCategories, hasRole } from '../api.js';
import { startPage, pageReady, pagedList, el, fillCategorySelect, userText } from '../page.js';
import { onLanguageChange } from '../i18n.js';
import { showErrors, clearErrors, formValues } from '../forms.js';
import { getTalents, fillTalentSelect, vacancyMeta } from '../talents.js';

const form = document.getElementById('vacancy-search');
const list = document.getElementById('vacancies-list');
const status = document.getElementById('vacancies-status');
let categories = [];
let talents = [];

function vacancyItem(v) {
	const li = el('li', null, null, { class: 'card' });
	const h = el('h2', null, null, { class: 'card-title' });
	const a = el('a', null, null, { href: `/vacature.html?id=${encodeURIComponent(v.id)}` });
	userText(a, v.title, v.lang);
	h.append(a);
	const p = el('p');
	userText(p, v.description.length > 300 ? `${v.description.slice(0, 300)}…` : v.description, v.lang);
	li.append(h, vacancyMeta(v, { talents, categories }), p);
	return li;
}

function searchFromUrl() {
	const q = new URLSearchParams(location.search);
	return {
		q: q.get('q') || '', near: q.get('near') || '', radius_km: q.get('radius_km') || '10',
		talent: q.get('talent') || '', category: q.get('category') || '',
	};
}

async function runSearch(s) {
	clearErrors(form);
	const query = { limit: 20 };
	for (const k of ['q', 'talent', 'category'])
		if (s[k])
			query[k] = s[k];
	if (s.near) {
		query.near = s.near;
		query.radius_km = s.radius_km;
	}
	try {
		await pagedList({
			container: list,
			statusEl: status,
			fetchPage: (cursor) => api.get('/vacancies', { ...query, cursor }),
			renderItem: vacancyItem,
			emptyKey: 'vacancies.none',
			countKey: 'vacancies.found',
		});
	} catch (e) {
		if (e.errors && e.errors.length) {
			list.replaceChildren();
			showErrors(form, e);
		}
	}
}

function fillSelects() {
	fillCategorySelect(form.category, categories, { anyKey: 'home.any_category' });
	fillTalentSelect(form.talent, talents, 'vacancies.any_talent');
}

/** A volunteer's own responses, each leading to its conversation. */
async function showMyResponses(user) {
	if (!hasRole(user, 'volunteer'))
		return;
	const { items } = await api.get('/me/vacancy-responses', { limit: 100 }).catch(() => ({ items: [] }));
	if (!items.length)
		return;
	const ul = document.getElementById('my-responses-list');
	for (const x of items) {
		const li = el('li');
		const a = el('a', null, null, { href: `/vacature-gesprek.html?id=${encodeURIComponent(x.id)}` });
		userText(a, x.vacancy.title);
		li.append(a, document.createTextNode(' '), el('span', 'vacancies.my_response_org', { org: x.vacancy.organisation.name }));
		ul.append(li);
	}
	document.getElementById('my-responses').hidden = false;
}

async function main() {
	const categoriesP = getCategories().catch(() => []);
	const talentsP = getTalents().catch(() => []);
	const { user } = await startPage();
	await showMyResponses(user);
	[categories, talents] = await Promise.all([categoriesP, talentsP]);
	fillSelects();
	const s = searchFromUrl();
	for (const k of ['q', 'near', 'radius_km', 'talent', 'category'])
		form[k].value = s[k];

	form.addEventListener('submit', async (ev) => {
		ev.preventDefault();
		const v = formValues(form);
		const q = new URLSearchParams();
		for (const k of ['q', 'near', 'radius_km', 'talent', 'category'])
			if (v[k] && (k !== 'radius_km' || v.near))
				q.set(k, v[k]);
		history.replaceState(null, '', `/vacatures.html?${q}`);
		form.setAttribute('aria-busy', 'true');
		await runSearch(v);
		form.setAttribute('aria-busy', 'false');
	});
	onLanguageChange(() => {
		fillSelects();
		runSearch(formValues(form));
	});
	await runSearch(s);
	pageReady();
}

main();
