// The "Meldingen en e-mail" part of my profile (profiel.html#meldingen):
// per kind of notification, whether it also comes by e-mail (instant, daily,
// off; the account mails are always instant and shown as such), saved with
// PUT /me/notification-settings; and for volunteers their alerts ("tell me
// about new requests within 5 km in shopping"): the list, making one,
// deleting one (GET/POST/DELETE /me/alerts).
//
// Each kind is a fieldset whose legend names the event in words ("Een
// vrijwilliger reageert op uw hulpvraag") with three radio buttons
// ("Direct", "Dagelijks", "Uit", explained once above the list), so a
// screen reader reads "<event>, group, Direct, radio button, 1 of 3".

import { api, getCategories, ApiError } from '../api.js';
import { el, categoryName, areaText, loadingInto, doneLoading } from '../page.js';
import { has, onLanguageChange } from '../i18n.js';
import { handleForm, showErrors, showStatus, showProblem } from '../forms.js';
import { getTalents, talentName, fillChoices, talentLabel } from '../talents.js';

// The kinds in the order a user meets them (API.md, "Notifications").
export const KINDS = ['match.responded', 'match.invited', 'match.accepted', 'match.declined', 'message.new',
	'match.cancelled', 'match.completed', 'match.reminder', 'match.checkin', 'request.approved', 'request.rejected',
	'alert.request', 'alert.vacancy', 'vog.expiring', 'caregiver_check.reminder', 'vacancy.response', 'circle.request', 'circle.unanswered'];
export const FIXED = ['account.email_verify', 'account.password_reset'];
const FREQUENCIES = ['instant', 'daily', 'off'];

const $ = (id) => document.getElementById(id);

function kindKey(kind) {
	return has(`kinds.${kind}`) ? `kinds.${kind}` : null;
}

function kindLabel(tag, kind, attrs) {
	const key = kindKey(kind);
	const e = el(tag, key, null, attrs);
	if (!key)
		e.textContent = kind;
	return e;
}

function idOf(kind, suffix) {
	return `nk-${kind.replace(/[^a-z0-9]+/gi, '-')}-${suffix}`;
}

let settings = {};
let fixedKinds = FIXED;   // the answer's "fixed" list when it has one

function renderSettings() {
	const box = $('notify-kinds');
	doneLoading(box);
	// The kinds the API knows, in our order; any new ones after them.
	const kinds = [...KINDS.filter((k) => k in settings), ...Object.keys(settings).filter((k) => !KINDS.includes(k))]
		.filter((k) => !fixedKinds.includes(k));
	const nodes = [];
	for (const kind of kinds) {
		const fs = el('fieldset', null, null, { class: 'notify-kind', 'data-field': `email.${kind}` });
		fs.append(kindLabel('legend', kind));
		const choices = el('div', null, null, { class: 'choices-inline' });
		for (const f of FREQUENCIES) {
			const id = idOf(kind, f);
			const c = el('div', null, null, { class: 'choice' });
			const input = el('input', null, null, { type: 'radio', id, name: kind, value: f });
			input.checked = settings[kind] === f;
			c.append(input, el('label', `freq.${f}`, null, { for: id }));
			choices.append(c);
		}
		fs.append(choices);
		nodes.push(fs);
	}
	box.replaceChildren(...nodes);
	const fixed = $('notify-fixed');
	fixed.replaceChildren();
	for (const kind of fixedKinds) {
		const li = el('li');
		li.append(kindLabel('span', kind), document.createTextNode(': '), el('strong', 'notify.fixed_value'));
		fixed.append(li);
	}
}

/** The settings form: load, show, save. */
export async function startNotifySettings() {
	const form = $('notify-form');
	const status = $('notify-status');
	loadingInto($('notify-kinds'));
	try {
		const answer = await api.get('/me/notification-settings');
		settings = answer.email || {};
		if (Array.isArray(answer.fixed))
			fixedKinds = answer.fixed;
	} catch (e) {
		doneLoading($('notify-kinds'));
		$('notify-kinds').replaceChildren();
		form.hidden = true;
		showProblem(status, e);
		return;
	}
	renderSettings();
	handleForm(form, async (v) => {
		const email = {};
		for (const kind of Object.keys(v))
			if (!fixedKinds.includes(kind) && FREQUENCIES.includes(v[kind]))
				email[kind] = v[kind];
		settings = (await api.put('/me/notification-settings', { email })).email || settings;
		renderSettings();
		return 'notify.saved';
	}, { status });
}

// ------------------------------------------------------------------ alerts

let categories = [];
let talents = [];
let alerts = [];

function alertTitleVars(a) {
	return { km: a.radius_km, area: areaText(a.area) || a.area?.pc4 || '' };
}

function alertItem(a) {
	const li = el('li', null, null, { class: 'card alert-item', id: `alert-${a.id}` });
	const title = el('p', 'alerts.item', alertTitleVars(a), { class: 'alert-title', id: `alert-${a.id}-title` });
	const meta = el('ul', null, null, { class: 'meta' });
	const cats = a.categories && a.categories.length
		? el('li', 'alerts.cats', { names: a.categories.map((c) => categoryName(categories, c)).join(', ') })
		: el('li', 'alerts.cats_any');
	meta.append(el('li', a.kind === 'vacancies' ? 'alerts.kind_vacancies' : 'alerts.kind_requests'), cats);
	if (a.kind === 'vacancies')
		meta.append(a.talents && a.talents.length
			? el('li', 'alerts.talents', { names: a.talents.map((x) => talentName(talents, x)).join(', ') })
			: el('li', 'alerts.talents_any'));
	meta.append(el('li', a.frequency === 'instant' ? 'alerts.freq_instant' : 'alerts.freq_daily'));
	if (a.offer_id)
		meta.append(el('li', 'alerts.from_offer'));
	const del = el('button', 'alerts.delete', null, {
		type: 'button', class: 'button button-secondary', 'aria-describedby': `alert-${a.id}-title`,
	});
	del.addEventListener('click', async () => {
		del.disabled = true;
		try {
			await api.del(`/me/alerts/${encodeURIComponent(a.id)}`);
			await loadAlerts();
			showStatus($('alerts-status'), 'alerts.deleted');
			// The item and its button are gone: the list's heading takes the focus.
			const h = document.querySelector('#alerts h3');
			h.tabIndex = -1;
			h.focus();
		} catch (e) {
			del.disabled = false;
			showProblem($('alerts-status'), e);
		}
	});
	li.append(title, meta, del);
	return li;
}

function renderAlerts() {
	const box = $('alerts-list');
	doneLoading(box);
	if (!alerts.length) {
		box.replaceChildren(el('p', 'alerts.none', null, { class: 'empty' }));
		return;
	}
	const ul = el('ul', null, null, { class: 'cards' });
	for (const a of alerts)
		ul.append(alertItem(a));
	box.replaceChildren(ul);
}

async function loadAlerts() {
	const out = [];
	let cursor = null;
	for (let i = 0; i < 5; i++) {
		const page = await api.get('/me/alerts', { limit: 100, cursor });
		out.push(...(page.items || []));
		cursor = page.next_cursor;
		if (!cursor)
			break;
	}
	alerts = out;
	renderAlerts();
}

function renderCategoryChoices() {
	const box = $('alert-categories');
	const chosen = new Set([...box.querySelectorAll('input:checked')].map((i) => i.value));
	box.replaceChildren();
	for (const c of categories) {
		const id = `alert-cat-${c.id}`;
		const d = el('div', null, null, { class: 'choice' });
		const input = el('input', null, null, { type: 'checkbox', id, name: 'categories', value: c.id });
		input.checked = chosen.has(c.id);
		const label = el('label', null, null, { for: id });
		label.textContent = categoryName(categories, c.id);
		d.append(input, label);
		box.append(d);
	}
}

/** The alerts part, for volunteers only. */
export async function startAlerts(user) {
	const section = $('alerts');
	section.hidden = false;
	const form = $('alert-form');
	const status = $('alerts-status');
	form.postcode.value = user.postcode || user.area?.pc4 || '';
	categories = await getCategories().catch(() => []);
	talents = await getTalents().catch(() => []);
	renderCategoryChoices();
	const renderTalentChoices = () => {
		const chosen = [...$('alert-talents').querySelectorAll('input:checked')].map((i) => i.value);
		fillChoices($('alert-talents'), talents, { name: 'talents', chosen, label: talentLabel, prefix: 'alert-talent' });
	};
	renderTalentChoices();
	// Talents narrow an alert of vacancies only (issue 18).
	const kindChanged = () => { $('alert-talents-field').hidden = !$('alert-kind-vacancies').checked; };
	for (const r of form.querySelectorAll('input[name=kind]'))
		r.addEventListener('change', kindChanged);
	loadingInto($('alerts-list'));
	try {
		await loadAlerts();
	} catch (e) {
		doneLoading($('alerts-list'));
		$('alerts-list').replaceChildren();
		showProblem(status, e);
	}
	onLanguageChange(() => {
		renderCategoryChoices();
		renderTalentChoices();
		renderAlerts();
	});
	handleForm(form, async (v) => {
		const radius = String(v.radius_km).trim();
		if (!/^\d+$/.test(radius)) {
			showErrors(form, { errors: [{ field: 'alert.radius_km', code: 'wrong_type' }] });
			return null;
		}
		const body = { postcode: v.postcode, radius_km: Number(radius), frequency: v.frequency || 'daily' };
		if (Array.isArray(v.categories) && v.categories.length)
			body.categories = v.categories;
		body.kind = v.kind === 'vacancies' ? 'vacancies' : 'requests';
		const ts = Array.isArray(v.talents) ? v.talents : v.talents ? [v.talents] : [];
		if (body.kind === 'vacancies' && ts.length)
			body.talents = ts;
		let alert;
		try {
			({ alert } = await api.post('/me/alerts', body));
		} catch (e) {
			// This form's fields are "alert.<field>": its own words (1 to 50 km).
			if (e instanceof ApiError)
				e.errors = e.errors.map((x) => ({ ...x, field: `alert.${x.field}` }));
			throw e;
		}
		for (const c of form.querySelectorAll('input[name=categories], input[name=talents]'))
			c.checked = false;
		await loadAlerts();
		return { key: 'alerts.made', vars: alertTitleVars(alert) };
	}, { status });
}
