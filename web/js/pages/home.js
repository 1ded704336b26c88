// Home: what Burenhulp is, open requests near a postcode, the directory of
// local support. The search lives in the URL (?near=&radius_km=&category=) so
// the back button and a shared link work; nothing is stored in the browser.

import { api, getCategories } from '../api.js';
import {
	startPage, pageReady, pagedList, el, categoryName, fillCategorySelect, areaText, userText, printButton,
} from '../page.js';
import { onLanguageChange, t } from '../i18n.js';
import { showErrors, clearErrors, formValues } from '../forms.js';

const form = document.getElementById('search-form');
const list = document.getElementById('requests-list');
const status = document.getElementById('requests-status');
const orgList = document.getElementById('orgs-list');
const orgStatus = document.getElementById('orgs-status');
let categories = [];

function requestItem(r) {
	const li = el('li', null, null, { class: 'card' });
	const h = document.createElement('h3');
	const a = el('a', null, null, { href: `/hulpvraag.html?id=${encodeURIComponent(r.id)}` });
	userText(a, r.title, r.lang);
	h.append(a);
	const meta = el('ul', null, null, { class: 'meta' });
	const cat = el('li', 'common.category_is', { name: categoryName(categories, r.category) });
	meta.append(cat, el('li', 'common.area_is', { area: areaText(r.area) }));
	if (typeof r.distance_km === 'number')
		meta.append(el('li', 'common.distance', { km: r.distance_km }));
	if (r.when && r.when.start)
		meta.append(el('li', 'common.when', { start: r.when.start }));
	const p = el('p');
	userText(p, r.description.length > 240 ? `${r.description.slice(0, 240)}…` : r.description, r.lang);
	li.append(h, meta, p);
	return li;
}

function link(href, text) {
	const a = el('a', null, null, { href });
	a.textContent = text;
	return a;
}

function orgItem(o) {
	const li = el('li', null, null, { class: 'card' });
	const h = el('h3');
	// The directory is written in Dutch (the admin's language).
	userText(h, o.name, 'nl');
	const meta = el('ul', null, null, { class: 'meta' });
	meta.append(el('li', 'common.area_is', { area: areaText(o.area) }));
	if (typeof o.distance_km === 'number')
		meta.append(el('li', 'common.distance', { km: o.distance_km }));
	if (o.categories && o.categories.length)
		meta.append(el('li', 'common.categories_are', { names: o.categories.map((c) => categoryName(categories, c)).join(', ') }));
	const p = el('p');
	userText(p, o.description, 'nl');
	li.append(h, meta, p);
	const contact = el('ul', null, null, { class: 'meta' });
	if (o.website && /^https?:\/\//i.test(o.website))
		contact.append(wrapLi(link(o.website, o.website.replace(/^https?:\/\//i, ''))));
	if (o.phone)
		contact.append(wrapLi(link(`tel:${o.phone.replace(/[^+\d]/g, '')}`, o.phone)));
	if (o.email)
		contact.append(wrapLi(link(`mailto:${o.email}`, o.email)));
	if (contact.children.length) {
		contact.setAttribute('aria-label', t('home.contact'));
		contact.dataset.i18nAttr = 'aria-label:home.contact';
		li.append(contact);
	}
	return li;
}

function wrapLi(child) {
	const li = document.createElement('li');
	li.append(child);
	return li;
}

function searchFromUrl() {
	const q = new URLSearchParams(location.search);
	return { near: q.get('near') || '', radius_km: q.get('radius_km') || '10', category: q.get('category') || '' };
}

async function runSearch(s) {
	clearErrors(form);
	const query = { limit: 20 };
	if (s.near) {
		query.near = s.near;
		query.radius_km = s.radius_km;
	}
	if (s.category)
		query.category = s.category;
	const countKey = s.near ? 'home.found_near' : 'home.found';
	const orgs = loadOrganisations(s);
	try {
		await pagedList({
			container: list,
			statusEl: status,
			fetchPage: (cursor) => api.get('/requests', { ...query, cursor }),
			renderItem: requestItem,
			emptyKey: s.near ? 'home.none_near' : 'home.none',
			countKey,
			countVars: { near: s.near.toUpperCase() },
		});
	} catch (e) {
		if (e.errors && e.errors.length) {
			list.replaceChildren();
			showErrors(form, e);
		}
	}
	await orgs;
}

async function loadOrganisations(s) {
	const query = { limit: 10 };
	if (s.near)
		query.near = s.near;
	if (s.category)
		query.category = s.category;
	try {
		await pagedList({
			container: orgList,
			statusEl: orgStatus,
			fetchPage: (cursor) => api.get('/organisations', { ...query, cursor }),
			renderItem: orgItem,
			emptyKey: 'home.orgs_none',
			countKey: 'home.orgs_found',
		});
	} catch {
		/* shown in the list */
	}
}

async function main() {
	const categoriesP = getCategories().catch(() => []);
	const { user } = await startPage();
	if (user)
		document.getElementById('home-actions').hidden = true;

	// Without categories the select keeps "any" and the lists still load.
	categories = await categoriesP;
	fillCategorySelect(form.category, categories, { anyKey: 'home.any_category' });
	const s = searchFromUrl();
	if (!s.near && user && user.area)
		s.near = user.area.pc4;
	form.near.value = s.near;
	form.radius_km.value = s.radius_km;
	form.category.value = s.category;

	form.addEventListener('submit', async (ev) => {
		ev.preventDefault();
		const v = formValues(form);
		const q = new URLSearchParams();
		for (const k of ['near', 'radius_km', 'category'])
			if (v[k])
				q.set(k, v[k]);
		history.replaceState(null, '', `/?${q}`);
		form.setAttribute('aria-busy', 'true');
		await runSearch(v);
		form.setAttribute('aria-busy', 'false');
	});

	onLanguageChange(() => {
		fillCategorySelect(form.category, categories, { anyKey: 'home.any_category' });
		runSearch(formValues(form));
	});

	// The directory on paper: a sociale kaart (the print stylesheet).
	document.querySelector('#directory-heading + p').after(printButton('home.directory_print'));
	await runSearch(s);
	pageReady();
}

main();
