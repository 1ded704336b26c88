// web/js/verify.js — asking for a new verification mail (POST /me/verify-email).
//
//   import { resendControl } from '/js/verify.js';
//   box.append(resendControl());   // a "Stuur opnieuw" button and its status line
//
// Used by the banner every page shows an unverified user (page.js), by the
// error summary of a form that answered 403 email_unverified (forms.js) and
// by email-bevestigen.html when its link was not (or no longer) valid.
// The status line is aria-live, so "sent" or the error is read out where
// the button is.

import { api } from './api.js';
import { el, setText } from './i18n.js';

/** The i18n key for a failed resend: rate limit, logged out, other. */
function failureKey(e) {
	if (e && e.status === 429)
		return 'errors.api.rate_limited';
	if (e && e.status === 401)
		return 'errors.api.unauthenticated';
	if (e && e.code === 'network')
		return 'errors.api.network';
	return 'errors.api.unknown';
}

/** A wrapper with the resend button and an aria-live status line. */
export function resendControl({ buttonClass = 'button button-secondary' } = {}) {
	const wrap = el('div', null, null, { class: 'resend' });
	const button = el('button', 'verify.resend', null, { type: 'button', class: buttonClass, 'data-resend': '' });
	const status = el('p', null, null, { class: 'resend-status', role: 'status', 'aria-live': 'polite' });
	button.addEventListener('click', async () => {
		if (button.getAttribute('aria-disabled') === 'true')
			return;
		button.setAttribute('aria-disabled', 'true');
		status.className = 'resend-status';
		setText(status, 'common.sending');
		try {
			await api.post('/me/verify-email');
			status.className = 'resend-status resend-ok';
			setText(status, 'verify.sent');
		} catch (e) {
			status.className = 'resend-status resend-error';
			setText(status, failureKey(e));
		} finally {
			button.removeAttribute('aria-disabled');
		}
	});
	wrap.append(button, status);
	return wrap;
}
