// Post a help request — for myself or for someone I care for — with the
// private part (care situation, address, phone) clearly marked. With ?id=
// the same form changes an existing request (PATCH, while pending or open).

import { api, getCategories, hasRole } from '../api.js';
import {
	startPage, unverifiedNote, pageReady, go, param, fillCategorySelect, setText, setTitle, replaceMain, askLanguage,
} from '../page.js';
import { onLanguageChange } from '../i18n.js';
import { handleForm, showErrors } from '../forms.js';
import { askBeforePost } from '../care-check.js';

const form = document.getElementById('request-form');
const firstNameField = document.getElementById('first-name-field');

function syncForWhom() {
	const other = form.for_whom.value === 'other';
	firstNameField.hidden = !other;
	document.getElementById('consent-field').hidden = !other;
	if (!other && form.phone_intake.checked) {
		form.phone_intake.checked = false;
		syncPhoneIntake();
	}
}

// Telephone intake (issue 18 part 4): a professional takes the request on
// the phone for a client without internet. Consent is then "given by
// telephone", and the client's phone number (sealed with the private part)
// is asked for, so that the desk can call back.
function syncPhoneIntake() {
	const on = form.phone_intake.checked;
	const phoneField = document.getElementById('req_phone').closest('.field');
	const tel = document.getElementById('consent-telephone');
	if (on) {
		document.getElementById('for-other').checked = true;
		tel.checked = true;
		phoneField.dataset.required = '';
	} else {
		if (tel.checked)
			tel.checked = false;
		delete phoneField.dataset.required;
	}
	setText(phoneField.querySelector('label'), on ? 'post.phone_callback' : 'fields.phone');
	firstNameField.hidden = form.for_whom.value !== 'other';
	document.getElementById('consent-field').hidden = form.for_whom.value !== 'other';
}

/** "2026-12-01T10:00" (local) → RFC 3339 UTC; '' stays ''. */
function toUtc(local) {
	if (!local)
		return '';
	const d = new Date(local);
	return Number.isNaN(d.getTime()) ? null : d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** RFC 3339 → the value of an <input type=datetime-local> in local time. */
function toLocalInput(iso) {
	const d = new Date(iso);
	if (Number.isNaN(d.getTime()))
		return '';
	const pad = (n) => String(n).padStart(2, '0');
	return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function fill(r) {
	form.title.value = r.title;
	form.description.value = r.description;
	form.category.value = r.category;
	form.recurrence.value = r.recurrence || '';
	form.postcode.value = r.area?.pc4 || '';
	if (r.when) {
		form.when_start.value = toLocalInput(r.when.start);
		form.when_end.value = toLocalInput(r.when.end);
	}
	if (r.on_behalf_of) {
		document.getElementById('for-other').checked = true;
		form.first_name.value = r.on_behalf_of.first_name;
		const how = form.querySelector(`input[name=consent_how][value="${r.on_behalf_of.consent?.how}"]`);
		if (how)
			how.checked = true;
		if (r.on_behalf_of.consent?.how === 'telephone')
			form.phone_intake.checked = true;
	}
	if (r.private) {
		form.care_situation.value = r.private.care_situation || '';
		form.address.value = r.private.address || '';
		form.phone.value = r.private.phone || '';
	}
	syncForWhom();
	syncPhoneIntake();
}

async function main() {
	const { user } = await startPage({ auth: 'required', roles: ['resident', 'caregiver', 'professional'] });
	unverifiedNote(form);
	const id = param('id');
	let categories = [];
	try {
		categories = await getCategories();
	} catch {
		replaceMain('errors.load_failed', null, 'error');
		pageReady();
		return;
	}
	fillCategorySelect(form.category, categories, { anyKey: 'post.choose_category' });
	onLanguageChange(() => fillCategorySelect(form.category, categories, { anyKey: 'post.choose_category' }));
	form.postcode.value = user.area?.pc4 || user.postcode || '';
	if ((user.roles.includes('caregiver') || user.roles.includes('professional')) && !id)
		document.getElementById('for-other').checked = true;
	if (user.roles.includes('professional') && !user.roles.includes('caregiver'))
		setText(document.querySelector('label[for=for-other]'), 'post.for_client');
	for (const r of form.querySelectorAll('input[name=for_whom]'))
		r.addEventListener('change', syncForWhom);
	const professional = user.roles.includes('professional');
	document.getElementById('phone-intake-field').hidden = !professional;
	document.getElementById('consent-telephone-choice').hidden = !professional;
	form.phone_intake.addEventListener('change', syncPhoneIntake);
	if (professional && !id && param('telefoon') === '1') {
		form.phone_intake.checked = true;
		syncPhoneIntake();
	}
	syncForWhom();

	let written = null;
	if (id) {
		setText(document.getElementById('post-h1'), 'post.h1_edit');
		setTitle('post.title_edit');
		setText(document.getElementById('request-submit'), 'common.save');
		try {
			const { request } = await api.get(`/requests/${encodeURIComponent(id)}`);
			fill(request);
			written = request.lang;
		} catch {
			replaceMain('errors.load_failed', null, 'error');
			pageReady();
			return;
		}
	}

	const writtenIn = askLanguage(form, user, written);

	// The circle first (issue 18 part 3): an owner of a circle may ask its
	// members before everyone, for a time they choose.
	const circleBox = document.getElementById('circle-fields');
	if (!id && hasRole(user, 'caregiver', 'professional')) {
		try {
			const own = (await api.get('/circles')).items.filter((c) => c.role === 'owner');
			if (own.length) {
				for (const c of own) {
					const o = document.createElement('option');
					o.value = c.id;
					o.textContent = c.first_name;
					form.circle_id.append(o);
				}
				circleBox.hidden = false;
				const choice = document.getElementById('circle-choice');
				form.circle_first.addEventListener('change', () => { choice.hidden = !form.circle_first.checked; });
			}
		} catch { /* no circles to offer */ }
	}

	handleForm(form, async (v) => {
		const body = {
			title: v.title,
			description: v.description,
			category: v.category,
			postcode: v.postcode,
		};
		// Recurring help (issue 17): weekly, fortnightly, monthly; once is none.
		if (v.recurrence)
			body.recurrence = v.recurrence;
		else if (id)
			body.recurrence = null;
		if (writtenIn())
			body.lang = writtenIn();
		if (!id && form.circle_first?.checked && !circleBox.hidden) {
			body.audience = 'circle';
			body.circle_id = v.circle_id;
			body.circle_hours = Number(v.circle_hours);
		}
		const start = toUtc(v.when_start);
		const end = toUtc(v.when_end);
		if (start || end) {
			if (!start || !end) {
				showErrors(form, { errors: [{ field: start ? 'when.end' : 'when.start', code: 'required' }] });
				return null;
			}
			body.when = { start, end };
		} else if (id) {
			body.when = null;
		}
		if (v.for_whom === 'other')
			body.on_behalf_of = { first_name: v.first_name, consent: { how: v.consent_how || undefined } };
		else if (id)
			body.on_behalf_of = null;
		const priv = {};
		for (const k of ['care_situation', 'address', 'phone'])
			if (v[k])
				priv[k] = v[k];
			else if (id)
				priv[k] = null;
		if (Object.values(priv).some((x) => x))
			body.private = priv;
		else if (id)
			body.private = null;

		// In telephone mode the phone field is required (data-required:
		// forms.js asks for it before this runs).
		const byPhone = form.phone_intake.checked;

		if (!await askBeforePost(form, body))
			return null;
		if (id) {
			await api.patch(`/requests/${encodeURIComponent(id)}`, body);
			go('/mijn-hulpvragen.html', 'request_saved');
		} else {
			const { request } = await api.post('/requests', body);
			go(byPhone ? '/caseload.html' : '/mijn-hulpvragen.html',
				request.status === 'pending' ? 'request_posted' : 'request_posted_open');
		}
		return null;
	});
	pageReady();
}

main();
