// Post or change an offer (aanbod.html, ?id= to change): what I offer, in
// which categories, from which postcode and how far I travel, and when in
// the week I am available (rows of day + from + to, added and removed here).

import { api, getCategories } from '../api.js';
import {
	startPage, unverifiedNote, pageReady, el, go, param, setText, setTitle, replaceMain, askLanguage, categoryLabel,
} from '../page.js';
import { onLanguageChange, currentLanguage } from '../i18n.js';
import { handleForm } from '../forms.js';
import { askBeforePost } from '../care-check.js';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const form = document.getElementById('offer-form');
const rows = document.getElementById('availability-rows');
let categories = [];

function renderCategories(chosen) {
	const box = document.getElementById('category-choices');
	const keep = chosen || [...box.querySelectorAll('input:checked')].map((i) => i.value);
	box.replaceChildren();
	for (const c of categories) {
		const d = el('div', null, null, { class: 'choice' });
		const id = `cat-${c.id}`;
		const input = el('input', null, null, { type: 'checkbox', id, name: 'categories', value: c.id });
		input.checked = keep.includes(c.id);
		const label = el('label', null, null, { for: id });
		label.textContent = categoryLabel(c);
		d.append(input, label);
		box.append(d);
	}
}

function slotRow(slot = { day: 'mon', from: '', to: '' }) {
	const fs = el('fieldset', null, null, { class: 'availability-row' });
	fs.append(el('legend', 'offer.slot_legend', { n: 1 }, { class: 'slot-legend' }));
	const mk = (name, key, input) => {
		const f = el('div', null, null, { class: 'field' });
		const label = el('label', key);
		f.append(label, input);
		f.dataset.part = name;
		return f;
	};
	const day = el('select', null, null, { name: 'slot_day' });
	for (const d of DAYS)
		day.append(el('option', `days.${d}`, null, { value: d }));
	day.value = slot.day;
	const from = el('input', null, null, { type: 'time', name: 'slot_from', step: '900', class: 'input-short' });
	from.value = slot.from;
	const to = el('input', null, null, { type: 'time', name: 'slot_to', step: '900', class: 'input-short' });
	to.value = slot.to;
	const remove = el('button', 'offer.remove_slot', { n: 1 }, { type: 'button', class: 'button button-secondary' });
	remove.addEventListener('click', () => {
		const next = fs.nextElementSibling || fs.previousElementSibling;
		fs.remove();
		renumber();
		(next ? next.querySelector('select') : document.getElementById('add-slot')).focus();
	});
	fs.append(mk('day', 'fields.day', day), mk('from', 'fields.from', from), mk('to', 'fields.to', to), remove);
	return fs;
}

// Ids, labels and the data-field names (availability[i].from) follow the row order.
function renumber() {
	[...rows.children].forEach((fs, i) => {
		setText(fs.querySelector('legend'), 'offer.slot_legend', { n: i + 1 });
		setText(fs.querySelector('button'), 'offer.remove_slot', { n: i + 1 });
		fs.dataset.field = `availability[${i}]`;
		for (const f of fs.querySelectorAll('.field')) {
			const part = f.dataset.part;
			f.dataset.field = `availability[${i}].${part}`;
			const input = f.querySelector('select,input');
			input.id = `slot-${i}-${part}`;
			f.querySelector('label').htmlFor = input.id;
		}
	});
}

function addRow(slot) {
	rows.append(slotRow(slot));
	renumber();
}

async function main() {
	const { user } = await startPage({ auth: 'required', roles: ['volunteer'] });
	unverifiedNote(form);
	const id = param('id');
	try {
		categories = await getCategories();
	} catch {
		replaceMain('errors.load_failed', null, 'error');
		pageReady();
		return;
	}
	let offer = null;
	if (id) {
		setText(document.getElementById('offer-h1'), 'offer.h1_edit');
		setTitle('offer.title_edit');
		try {
			offer = (await api.get(`/offers/${encodeURIComponent(id)}`)).offer;
		} catch {
			replaceMain('errors.load_failed', null, 'error');
			pageReady();
			return;
		}
	}
	renderCategories(offer ? offer.categories : []);
	onLanguageChange(() => renderCategories());
	form.postcode.value = offer ? offer.area.pc4 : (user.area?.pc4 || user.postcode || '');
	if (offer) {
		form.title.value = offer.title;
		form.description.value = offer.description;
		form.radius_km.value = offer.radius_km;
		for (const s of offer.availability)
			addRow(s);
	}
	if (!rows.children.length)
		addRow();
	const writtenIn = askLanguage(form, user, offer?.lang);
	document.getElementById('add-slot').addEventListener('click', () => {
		addRow();
		rows.lastElementChild.querySelector('select').focus();
	});

	handleForm(form, async (v) => {
		const availability = [];
		for (const fs of rows.children) {
			const day = fs.querySelector('[name=slot_day]').value;
			const from = fs.querySelector('[name=slot_from]').value;
			const to = fs.querySelector('[name=slot_to]').value;
			if (from || to)
				availability.push({ day, from, to });
		}
		const radius = Number(v.radius_km);
		const body = {
			title: v.title,
			description: v.description,
			categories: v.categories,
			postcode: v.postcode,
			radius_km: Number.isInteger(radius) && v.radius_km !== '' ? radius : v.radius_km,
			availability,
		};
		if (writtenIn())
			body.lang = writtenIn();
		if (!await askBeforePost(form, body, 'offer'))
			return null;
		if (offer) {
			await api.patch(`/offers/${encodeURIComponent(offer.id)}`, body);
			go('/mijn-aanbod.html', 'offer_saved');
		} else {
			await api.post('/offers', body);
			go('/mijn-aanbod.html', 'offer_posted');
		}
		return null;
	});
	pageReady();
}

main();
