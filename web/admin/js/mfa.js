// Two-step login for staff (web/admin/tweestaps.html): moderators and admins
// need confirmed TOTP before any moderation or admin action (API: 403
// mfa_required), so startAdmin sends them here until they have it.
//   1. the password again (POST /me/mfa/totp {password}: ASVS V6.5);
//   2. the QR code (the answer's qr_svg, shown as an image) and the secret
//      as text for typing into the app, then the app's first code
//      (POST /me/mfa/totp/confirm);
//   3. the ten recovery codes, shown once, with "keep these".
// The secret and the codes live only in this page's DOM, never in storage.

import { api, getSession, hasRole } from '/js/api.js';
import { startPage, pageReady, safeNext, param, t } from '/js/page.js';
import { handleForm } from '/js/forms.js';
import { adminLoginUrl } from './admin.js';

const next = safeNext(param('next') || '/admin/');

function show(id) {
	for (const s of ['step-password', 'step-app', 'step-codes'])
		document.getElementById(s).hidden = s !== id;
	const h = document.querySelector(`#${id} h2`);
	if (h && id !== 'step-password')
		h.focus();
}

function groups(secret) {
	return secret.replace(/(.{4})/g, '$1 ').trim();
}

async function main() {
	const state = await startPage({ auth: 'required', extraI18n: ['/admin/i18n/'] });
	if (!hasRole(state.user, 'moderator', 'admin')) {
		location.replace(adminLoginUrl(true));
		return;
	}
	document.getElementById('done-link').href = next;
	const session = await getSession();
	if (session && session.mfa) {
		document.getElementById('step-password').hidden = true;
		document.getElementById('already').hidden = false;
		pageReady();
		return;
	}

	const pwForm = document.getElementById('password-form');
	handleForm(pwForm, async () => {
		const e = await api.post('/me/mfa/totp', { password: pwForm.password.value });
		pwForm.password.value = '';
		const img = document.getElementById('qr');
		img.src = `data:image/svg+xml;base64,${btoa(e.qr_svg)}`;
		img.dataset.i18nAttr = 'alt:admin.mfa.qr_alt';
		img.alt = t('admin.mfa.qr_alt');
		document.getElementById('secret').textContent = groups(e.secret);
		show('step-app');
	});

	const codeForm = document.getElementById('code-form');
	handleForm(codeForm, async (v) => {
		const r = await api.post('/me/mfa/totp/confirm', { code: v.code.replace(/\s+/g, '') });
		const ol = document.getElementById('recovery');
		ol.replaceChildren(...r.recovery_codes.map((c) => {
			const li = document.createElement('li');
			const code = document.createElement('code');
			code.textContent = c;
			li.append(code);
			return li;
		}));
		document.getElementById('secret').textContent = '';
		document.getElementById('qr').removeAttribute('src');
		await getSession(true);	// this session now counts with both factors
		show('step-codes');
	});
	pageReady();
}

main();
