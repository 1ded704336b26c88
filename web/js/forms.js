// web/js/forms.js — forms that talk to the API, accessibly.
//
// The HTML shape a form follows (see any page in web/, e.g. registreren.html):
//
//   <form id="f" novalidate>
//     <div class="error-summary" data-error-summary tabindex="-1" aria-live="assertive" hidden></div>
//     <div class="field" data-field="email">            ← data-field = the API's field name
//       <label for="email" data-i18n="fields.email"></label>
//       <p class="hint" id="email-hint" data-i18n="..."></p>   (optional)
//       <p class="field-error" id="email-error" hidden></p>   (made when missing)
//       <input id="email" name="email" aria-describedby="email-hint">
//     </div>
//     <button type="submit" data-i18n="..."></button>
//   </form>
//
//   import { handleForm, showStatus } from '/js/forms.js';
//   handleForm(form, async (values) => { await api.post(...); }, { status: el });
//
// handleForm: on submit clears old errors, marks the form busy (aria-busy,
// submit disabled), runs the action; when it throws an ApiError the field
// errors go next to their fields (aria-invalid, aria-describedby, text from
// i18n "errors.field.<field>.<code>" else "errors.code.<code>"), the summary
// lists them with links and takes focus; other errors show in the summary.
// API field names like "private.care_situation" or "availability[1].from"
// find the element with that data-field (exact, then without the [index]).
// Every text goes through i18n.js, so it follows a language switch.

import { t, has, setText, el } from './i18n.js';
import { ApiError } from './api.js';
import { resendControl } from './verify.js';

/** The i18n key for an API field error. */
export function fieldErrorKey(field, code) {
	const plain = String(field || '').replace(/\[\d+\]/g, '');
	const k = `errors.field.${plain}.${code}`;
	if (has(k))
		return k;
	return has(`errors.code.${code}`) ? `errors.code.${code}` : 'errors.code.invalid';
}

/** The i18n key for a whole-request problem (no field), by code or status. */
export function problemKey(err) {
	if (err instanceof ApiError || (err && err.code)) {
		if (has(`errors.api.${err.code}`))
			return `errors.api.${err.code}`;
		if (err.status && has(`errors.status.${err.status}`))
			return `errors.status.${err.status}`;
	}
	return 'errors.api.unknown';
}

/** The values of a form's named controls as strings (checkbox groups as arrays). */
export function formValues(form) {
	const out = {};
	for (const c of form.elements) {
		if (!c.name || c.disabled)
			continue;
		if (c.type === 'checkbox') {
			const group = form.querySelectorAll(`input[type=checkbox][name="${CSS.escape(c.name)}"]`);
			if (group.length > 1 || c.value !== 'on') {
				out[c.name] = out[c.name] || [];
				if (c.checked)
					out[c.name].push(c.value);
			} else {
				out[c.name] = c.checked;
			}
		} else if (c.type === 'radio') {
			if (c.checked)
				out[c.name] = c.value;
			else if (!(c.name in out))
				out[c.name] = '';
		} else if (c.tagName !== 'BUTTON' && c.type !== 'submit') {
			out[c.name] = c.value.trim();
		}
	}
	return out;
}

function fieldContainer(form, field) {
	const exact = form.querySelector(`[data-field="${CSS.escape(field)}"]`);
	if (exact)
		return exact;
	const plain = field.replace(/\[\d+\]/g, '');
	const byPlain = form.querySelector(`[data-field="${CSS.escape(plain)}"]`);
	if (byPlain)
		return byPlain;
	const root = field.split(/[.[]/)[0];
	return form.querySelector(`[data-field="${CSS.escape(root)}"]`);
}

function focusTarget(container) {
	return container.matches('input,select,textarea')
		? container
		: container.querySelector('input:not([type=hidden]),select,textarea');
}

function errorElement(container) {
	// Its own error line only: a fieldset may hold fields with lines of their own.
	let e = container.querySelector(':scope > .field-error');
	if (!e) {
		e = document.createElement('p');
		e.className = 'field-error';
		const label = container.querySelector('label, legend');
		if (label && label.parentNode === container)
			label.after(e);
		else
			container.prepend(e);
	}
	if (!e.id)
		e.id = `err-${Math.random().toString(36).slice(2, 10)}`;
	return e;
}

function describe(control, id, add) {
	const ids = (control.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
	const next = add ? [id, ...ids.filter((x) => x !== id)] : ids.filter((x) => x !== id);
	if (next.length)
		control.setAttribute('aria-describedby', next.join(' '));
	else
		control.removeAttribute('aria-describedby');
}

function summaryOf(form) {
	return form.querySelector('[data-error-summary]');
}

/** Removes every error mark from the form. */
export function clearErrors(form) {
	for (const c of form.querySelectorAll('.field.has-error'))
		c.classList.remove('has-error');
	for (const e of form.querySelectorAll('.field-error')) {
		e.hidden = true;
		e.textContent = '';
		delete e.dataset.i18n;
		delete e.dataset.i18nVars;
		for (const c of form.querySelectorAll(`[aria-describedby~="${e.id}"]`))
			describe(c, e.id, false);
	}
	for (const c of form.querySelectorAll('[aria-invalid]'))
		c.removeAttribute('aria-invalid');
	const s = summaryOf(form);
	if (s) {
		s.hidden = true;
		s.replaceChildren();
	}
}

function labelText(container) {
	const l = container.querySelector('label, legend');
	return l ? l.textContent.trim() : '';
}

/**
 * Shows the errors of err (an ApiError, or {errors:[{field, code}]}) on the
 * form; the summary takes focus. Returns the number of field errors shown.
 */
export function showErrors(form, err) {
	clearErrors(form);
	const summary = summaryOf(form);
	const items = [];
	let shown = 0;
	for (const fe of err.errors || []) {
		const container = fieldContainer(form, fe.field || '');
		const key = fieldErrorKey(fe.field, fe.code);
		if (!container || container.closest('[hidden]')) {
			items.push({ key, label: container ? labelText(container) : '' });
			continue;
		}
		shown++;
		container.classList.add('has-error');
		const errEl = errorElement(container);
		if (errEl.hidden || !errEl.textContent) {
			setText(errEl, key);
			errEl.hidden = false;
		}
		const control = focusTarget(container);
		const controls = container.querySelectorAll('input:not([type=hidden]),select,textarea');
		for (const c of controls.length ? controls : [container]) {
			c.setAttribute('aria-invalid', 'true');
			describe(c, errEl.id, true);
		}
		items.push({ key, label: labelText(container), target: control });
	}
	if (!summary)
		return shown;
	const heading = el('h2', items.length ? 'forms.summary_fields' : problemKey(err), null, { class: 'error-summary-title' });
	summary.append(heading);
	if (items.length) {
		const ul = document.createElement('ul');
		for (const it of items) {
			const li = document.createElement('li');
			if (it.target && it.target.id) {
				const a = document.createElement('a');
				a.href = `#${it.target.id}`;
				a.addEventListener('click', (e) => {
					e.preventDefault();
					it.target.focus();
				});
				const lab = document.createElement('span');
				lab.textContent = it.label ? `${it.label}: ` : '';
				a.append(lab, el('span', it.key));
				li.append(a);
			} else {
				li.append(el('span', it.key));
			}
			ul.append(li);
		}
		summary.append(ul);
	} else if (err.status === 429 && err.retryAfter) {
		summary.append(el('p', 'errors.retry_after', { s: Number(err.retryAfter) }));
	} else if (err.code === 'email_unverified') {
		// Posting waits for a confirmed address: the way out is right here.
		summary.append(resendControl());
	}
	summary.hidden = false;
	summary.focus();
	return shown;
}

/** Shows one error (an i18n key) for one field, as if the API had sent it. */
export function showFieldError(form, field, code) {
	showErrors(form, { errors: [{ field, code }] });
}

/**
 * Marks the form busy: aria-busy, submit buttons aria-disabled (not
 * `disabled`: a disabled button loses the keyboard focus), label swapped.
 * handleForm ignores submits while the form is busy.
 */
export function setBusy(form, busy) {
	form.setAttribute('aria-busy', busy ? 'true' : 'false');
	for (const b of form.querySelectorAll('button[type=submit], button:not([type])')) {
		if (busy)
			b.setAttribute('aria-disabled', 'true');
		else
			b.removeAttribute('aria-disabled');
		if (busy) {
			b.dataset.idleKey = b.dataset.i18n || '';
			if (b.dataset.busyKey)
				setText(b, b.dataset.busyKey);
		} else if (b.dataset.idleKey) {
			setText(b, b.dataset.idleKey);
		}
	}
}

/**
 * Wires a form: action(values, form) runs on submit; its ApiError is shown on
 * the form. options.status: an aria-live element for a success message
 * (action may return an i18n key, or {key, vars}, to show there).
 * options.allAtOnce: empty required fields do not stop the submit; the API
 * checks every field, and its errors are shown together with the empty
 * ones (registration: every problem after one submit, issue 15.10).
 */
export function handleForm(form, action, options = {}) {
	form.noValidate = true;
	form.addEventListener('submit', async (ev) => {
		ev.preventDefault();
		if (form.getAttribute('aria-busy') === 'true')
			return;
		clearErrors(form);
		if (options.status)
			clearStatus(options.status);
		const missing = requiredMissing(form).map((f) => ({ field: f, code: 'required' }));
		if (missing.length && !options.allAtOnce) {
			showErrors(form, { errors: missing });
			return;
		}
		setBusy(form, true);
		try {
			const result = await action(formValues(form), form);
			if (result && options.status) {
				if (typeof result === 'string')
					showStatus(options.status, result);
				else if (result.key)
					showStatus(options.status, result.key, result.vars);
			}
		} catch (err) {
			if (err && (err instanceof ApiError || err.errors)) {
				if (missing.length) {
					// An empty field says "required" (the API may word it as
					// too short); every other field the API's own words.
					const empty = new Set(missing.map((m) => m.field));
					err.errors = [...missing, ...(err.errors || []).filter((e) => !empty.has(e.field.replace(/\[\d+\]$/, '')))];
				}
				if (options.allAtOnce && err.errors) {
					// The summary in the order of the form, not of the API.
					const order = [...form.querySelectorAll('.field[data-field]')].map((f) => f.dataset.field);
					const at = (e) => { const i = order.indexOf(e.field.replace(/\[\d+\]$/, '')); return i < 0 ? order.length : i; };
					err.errors = [...err.errors].sort((a, b) => at(a) - at(b));
				}
				showErrors(form, err);
			} else {
				console.error(err);
				showErrors(form, { errors: [], code: 'unknown' });
			}
		} finally {
			setBusy(form, false);
		}
	});
}

/** Fields marked required (attribute data-required on the .field) that are empty. */
function requiredMissing(form) {
	const out = [];
	for (const c of form.querySelectorAll('.field[data-required]')) {
		if (c.closest('[hidden]') || c.closest('fieldset:disabled'))
			continue;
		const inputs = [...c.querySelectorAll('input,select,textarea')];
		const checks = inputs.filter((i) => i.type === 'checkbox' || i.type === 'radio');
		const empty = checks.length ? !checks.some((i) => i.checked) : inputs.every((i) => !i.value.trim());
		if (empty)
			out.push(c.dataset.field);
	}
	return out;
}

/** Shows a message (i18n key) in an aria-live status element. kind: ok | error | info. */
export function showStatus(statusEl, key, vars, kind = 'ok') {
	statusEl.replaceChildren(el('p', key, vars, { class: `notice notice-${kind}` }));
	statusEl.hidden = false;
}

/** Shows an API error (not tied to a field) in a status element. */
export function showProblem(statusEl, err) {
	showStatus(statusEl, problemKey(err), null, 'error');
}

export function clearStatus(statusEl) {
	statusEl.replaceChildren();
}
