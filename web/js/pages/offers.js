// Browse the offers of volunteers (GET /offers?q=&near=&radius_km=&category=),
// paged, nearest first when a postcode is given (issue 15.3). As on the home
// page the search lives in the URL, so back and a shared link work. GET
// /offers is for logged-in users: anonymous visitors go to the login first.

import { api, getCategories } from '../api.js';
import { startPage, pageReady, pagedList, el, categoryName, fillCategorySelect, areaText, userText } from '../page.js';
import { onLanguageChange } from '../i18n.js';
import { showErrors, clearErrors, formValues } from '../forms.js';

const form = document.getElementById('offer-search');
const list = document.getElementById('offers-list');
const status = document.getElementById('offers-status');
let categories = [];

function offerItem(o) {
	const li = el('li', null, null, { class: 'card' });
	const h = document.createElement('h2');
	h.className = 'card-title';
	userText(h, o.title, o.lang);
	const meta = el('ul', null, null, { class: 'meta' });
	meta.append(el('li', 'offers.by', { name: o.volunteer.display_name }));
	if (o.categories && o.categories.length)
		meta.append(el('li', 'common.categories_are', { names: o.categories.map((c) => categoryName(categories, c)).join(', ') }));
	meta.append(el('li', 'common.area_is', { area: areaText(o.area) }));
	if (typeof o.distance_km === 'number')
		meta.append(el('li', 'common.distance', { km: o.distance_km }));
	if (typeof o.radius_km === 'number')
		meta.append(el('li', 'offers.travels', { km: o.radius_km }));
	const p = el('p');
	userText(p, o.description.length > 300 ? `${o.description.slice(0, 300)}…` : o.description, o.lang);
	li.append(h, meta, p);
	if (o.availability && o.availability.length) {
		li.append(el('p', 'offers.available', null, { class: 'small muted' }));
		const ul = el('ul', null, null, { class: 'meta' });
		for (const s of o.availability)
			ul.append(el('li', 'common.slot', { day: s.day, from: s.from, to: s.to }));
		li.append(ul);
	}
	const report = el('p', null, null, { class: 'small' });
	report.append(el('a', 'offers.report', null, { href: `/melden.html?type=offer&id=${encodeURIComponent(o.id)}` }));
	li.append(report);
	return li;
}

function searchFromUrl() {
	const q = new URLSearchParams(location.search);
	return {
		q: q.get('q') || '', near: q.get('near') || '', radius_km: q.get('radius_km') || '10', category: q.get('category') || '',
	};
}

async function runSearch(s) {
	clearErrors(form);
	const query = { limit: 20 };
	if (s.q)
		query.q = s.q;
	if (s.near) {
		query.near = s.near;
		query.radius_km = s.radius_km;
	}
	if (s.category)
		query.category = s.category;
	try {
		await pagedList({
			container: list,
			statusEl: status,
			fetchPage: (cursor) => api.get('/offers', { ...query, cursor }),
			renderItem: offerItem,
			emptyKey: 'offers.none',
			countKey: 'offers.found',
		});
	} catch (e) {
		if (e.errors && e.errors.length) {
			list.replaceChildren();
			showErrors(form, e);
		}
	}
}

async function main() {
	const categoriesP = getCategories().catch(() => []);
	const { user } = await startPage({ auth: 'required' });
	categories = await categoriesP;
	fillCategorySelect(form.category, categories, { anyKey: 'home.any_category' });
	const s = searchFromUrl();
	form.q.value = s.q;
	form.near.value = s.near;
	form.radius_km.value = s.radius_km;
	form.category.value = s.category;
	void user;

	form.addEventListener('submit', async (ev) => {
		ev.preventDefault();
		const v = formValues(form);
		const q = new URLSearchParams();
		for (const k of ['q', 'near', 'radius_km', 'category'])
			if (v[k] && (k !== 'radius_km' || v.near))
				q.set(k, v[k]);
		history.replaceState(null, '', `/aanbod-zoeken.html?${q}`);
		form.setAttribute('aria-busy', 'true');
		await runSearch(v);
		form.setAttribute('aria-busy', 'false');
	});
	onLanguageChange(() => {
		fillCategorySelect(form.category, categories, { anyKey: 'home.any_category' });
		runSearch(formValues(form));
	});
	await runSearch(s);
	pageReady();
}

main();
