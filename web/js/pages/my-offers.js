// My offers (GET /me/offers): status, categories, availability; change,
// pause / resume, delete; and per offer one click for an alert made from
// it ("Stuur mij nieuwe hulpvragen die hierbij passen": POST /me/alerts
// with its area, travel distance and categories, daily, offer_id).

import { api, getCategories } from '../api.js';
import {
	startPage, pageReady, el, badge, categoryName, areaText, confirmButton, loadingInto, doneLoading, userText,
} from '../page.js';
import { onLanguageChange } from '../i18n.js';
import { showStatus, showProblem } from '../forms.js';

const list = document.getElementById('myoffers-list');
const status = document.getElementById('myoffers-status');
let categories = [];
let offers = [];
let alertOffers = new Set();   // offers that have an alert made from them

const MAX_ALERT_KM = 50;

function alertPart(o) {
	const box = el('div', null, null, { class: 'offer-alert', id: `o-${o.id}-alert` });
	if (alertOffers.has(o.id)) {
		const p = el('p', 'myoffers.alert_exists', null, { class: 'notice notice-ok' });
		p.append(document.createTextNode(' '), el('a', 'myoffers.alert_manage', null, { href: '/profiel.html#alerts' }));
		box.append(p);
		return box;
	}
	const b = el('button', 'myoffers.alert_button', null, { type: 'button', class: 'button button-secondary' });
	b.addEventListener('click', async () => {
		b.disabled = true;
		try {
			const body = {
				postcode: o.area?.pc4,
				radius_km: Math.min(MAX_ALERT_KM, Math.max(1, Math.round(Number(o.radius_km) || 1))),
				categories: o.categories,
				frequency: 'daily',
				offer_id: o.id,
			};
			await api.post('/me/alerts', body);
			alertOffers.add(o.id);
			const fresh = alertPart(o);
			box.replaceWith(fresh);
			// The button is gone: its place says what happened and keeps the focus.
			const p = fresh.querySelector('p');
			p.tabIndex = -1;
			p.focus();
			showStatus(status, 'myoffers.alert_made');
		} catch (e) {
			b.disabled = false;
			showProblem(status, e);
		}
	});
	box.append(b);
	return box;
}

async function loadAlerts() {
	try {
		const page = await api.get('/me/alerts', { limit: 100 });
		alertOffers = new Set((page.items || []).map((a) => a.offer_id).filter(Boolean));
	} catch {
		alertOffers = new Set();
	}
}

function item(o) {
	const li = el('li', null, null, { class: 'card', id: `o-${o.id}` });
	const h = el('h2');
	userText(h, o.title, o.lang);
	const meta = el('ul', null, null, { class: 'meta' });
	const st = document.createElement('li');
	st.append(el('span', 'common.status_label'), document.createTextNode(' '), badge('offer', o.status));
	meta.append(st, el('li', 'common.area_is', { area: areaText(o.area) }), el('li', 'common.travels', { km: o.radius_km }));
	meta.append(el('li', 'common.categories_are', { names: o.categories.map((c) => categoryName(categories, c)).join(', ') }));
	const p = el('p');
	userText(p, o.description, o.lang);
	li.append(h, meta, p);
	if (o.status === 'pending')
		li.append(el('p', 'myoffers.pending_note', null, { class: 'notice notice-info' }));
	li.append(el('h3', 'myoffers.availability'));
	if (o.availability && o.availability.length) {
		const ul = el('ul');
		for (const s of o.availability)
			ul.append(el('li', 'common.slot', { day: s.day, from: s.from, to: s.to }));
		li.append(ul);
	} else {
		li.append(el('p', 'myoffers.any_time', null, { class: 'muted' }));
	}

	const actions = el('div', null, null, { class: 'actions' });
	actions.append(el('a', 'myoffers.edit', null, { href: `/aanbod.html?id=${encodeURIComponent(o.id)}`, class: 'button button-secondary' }));
	const act = async (verb, okKey) => {
		try {
			await api.post(`/offers/${encodeURIComponent(o.id)}/${verb}`);
			await load(o.id);
			showStatus(status, okKey);
		} catch (e) {
			showProblem(status, e);
		}
	};
	if (o.status === 'active') {
		const b = el('button', 'myoffers.pause', null, { type: 'button', class: 'button button-secondary' });
		b.addEventListener('click', () => act('pause', 'myoffers.paused'));
		actions.append(b);
	}
	if (o.status === 'paused') {
		const b = el('button', 'myoffers.resume', null, { type: 'button', class: 'button button-secondary' });
		b.addEventListener('click', () => act('resume', 'myoffers.resumed'));
		actions.append(b);
	}
	actions.append(confirmButton({
		labelKey: 'myoffers.delete',
		questionKey: 'myoffers.delete_q',
		yesKey: 'myoffers.delete_yes',
		danger: true,
		action: async () => {
			try {
				await api.del(`/offers/${encodeURIComponent(o.id)}`);
				await load();
				showStatus(status, 'myoffers.deleted');
				// The card and its buttons are gone: the page heading takes the focus.
				const h1 = document.querySelector('main h1');
				h1.tabIndex = -1;
				h1.focus();
			} catch (e) {
				showProblem(status, e);
			}
		},
	}));
	li.append(actions);
	if (o.status !== 'rejected' && o.status !== 'hidden')
		li.append(alertPart(o));
	return li;
}

function render(focusId) {
	if (!offers.length) {
		list.replaceChildren(el('p', 'myoffers.none', null, { class: 'empty' }));
		return;
	}
	const ul = el('ul', null, null, { class: 'cards' });
	for (const o of offers)
		ul.append(item(o));
	list.replaceChildren(ul);
	if (focusId) {
		const h = document.querySelector(`#o-${CSS.escape(focusId)} h2`);
		if (h) {
			h.tabIndex = -1;
			h.focus();
		}
	}
}

async function load(focusId) {
	loadingInto(list);
	try {
		const out = [];
		let cursor = null;
		for (let i = 0; i < 10; i++) {
			const page = await api.get('/me/offers', { limit: 100, cursor });
			out.push(...page.items);
			cursor = page.next_cursor;
			if (!cursor)
				break;
		}
		offers = out;
		doneLoading(list);
		render(focusId);
	} catch (e) {
		doneLoading(list);
		list.replaceChildren();
		showProblem(status, e);
	}
}

async function main() {
	await startPage({ auth: 'required', roles: ['volunteer'] });
	categories = await getCategories().catch(() => []);
	await loadAlerts();
	await load();
	onLanguageChange(() => render());
	pageReady();
}

main();
