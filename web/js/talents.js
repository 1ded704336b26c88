// talents.js — the talents of the Talentenbank (GET /talents, issue 18
// part 2): fetched once per page, named in the page's language (the admin
// keeps Dutch and English; the message files name the standard ones in the
// other languages, talent_names.<id>, as categories do), and offered as a
// group of checkboxes that a keyboard walks with Tab and Space.

import { api } from './api.js';
import { currentLanguage, has, t, el } from './i18n.js';
import { categoryName, areaText } from './page.js';

let talentsPromise = null;

/** The active talents [{id, name_nl, name_en}], fetched once. */
export function getTalents() {
	if (!talentsPromise)
		talentsPromise = api.get('/talents').catch((e) => {
			talentsPromise = null;
			throw e;
		});
	return talentsPromise;
}

/** A talent's name in the page's language. */
export function talentLabel(x) {
	const lang = currentLanguage();
	if (lang === 'en')
		return x.name_en;
	if (lang !== 'nl' && has(`talent_names.${x.id}`))
		return t(`talent_names.${x.id}`);
	return x.name_nl;
}

/** The name of talent id from the list (the id itself when unknown). */
export function talentName(talents, id) {
	const x = (talents || []).find((y) => y.id === id);
	return x ? talentLabel(x) : id;
}

/**
 * Fills container with one checkbox per item (name: the form field), the
 * ids in chosen ticked. label(item) names each; prefix keeps ids unique.
 */
export function fillChoices(container, items, { name, chosen = [], label, prefix }) {
	container.replaceChildren();
	const grid = el('div', null, null, { class: 'choices-inline' });
	for (const x of items) {
		const id = `${prefix}-${x.id}`;
		const row = el('div', null, null, { class: 'choice' });
		const box = el('input', null, null, { type: 'checkbox', id, name, value: x.id });
		box.checked = chosen.includes(x.id);
		const lab = el('label', null, null, { for: id });
		lab.textContent = label(x);
		row.append(box, lab);
		grid.append(row);
	}
	container.append(grid);
}

/** Fills a <select> with the talents (an "any" option first). */
export function fillTalentSelect(select, talents, anyKey) {
	const chosen = select.value;
	select.replaceChildren(el('option', anyKey, null, { value: '' }));
	for (const x of talents) {
		const o = document.createElement('option');
		o.value = x.id;
		o.textContent = talentLabel(x);
		select.append(o);
	}
	if (chosen)
		select.value = chosen;
}

/** One vacancy as a card: what, who, where, how much, which talents. */
export function vacancyMeta(v, { talents: ts, categories: cs }) {
	const meta = el('ul', null, null, { class: 'meta' });
	meta.append(el('li', 'vacancies.by', { name: v.organisation.name }));
	meta.append(el('li', 'common.area_is', { area: areaText(v.area) }));
	if (typeof v.distance_km === 'number')
		meta.append(el('li', 'common.distance', { km: v.distance_km }));
	meta.append(typeof v.hours_per_month === 'number'
		? el('li', 'vacancies.hours', { count: v.hours_per_month }) : el('li', 'vacancies.hours_open'));
	if (v.talents.length)
		meta.append(el('li', 'vacancies.talents_are', { names: v.talents.map((x) => talentName(ts, x)).join(', ') }));
	if (v.categories.length)
		meta.append(el('li', 'common.categories_are', { names: v.categories.map((c) => categoryName(cs, c)).join(', ') }));
	if (v.needs_vog)
		meta.append(el('li', 'vacancies.needs_vog'));
	return meta;
}

