// Reset the password with the token from the e-mailed link
// (wachtwoord-herstellen.html#token=...). The token is taken out of the
// address bar at once and kept in memory only.

import { api, forgetSession } from '../api.js';
import { startPage, pageReady, go } from '../page.js';
import { handleForm, showErrors, showStatus } from '../forms.js';
import { attachStrength } from '../strength.js';

// A new link opened while this page is showing only changes the hash: start over.
window.addEventListener('hashchange', () => {
	if (location.hash.includes('token='))
		location.reload();
});

async function main() {
	const token = new URLSearchParams(location.hash.slice(1)).get('token') || '';
	if (location.hash)
		history.replaceState(null, '', location.pathname + location.search);
	await startPage();
	const form = document.getElementById('reset-form');
	if (!token) {
		form.hidden = true;
		showStatus(document.getElementById('reset-status'), 'reset.no_token', null, 'error');
		pageReady();
		return;
	}
	form.token.value = token;
	attachStrength(form.password);
	handleForm(form, async () => {
		if (form.password.value !== form.password_repeat.value) {
			showErrors(form, { errors: [{ field: 'password_repeat', code: 'mismatch' }] });
			return null;
		}
		await api.post('/password-reset/confirm', { token, password: form.password.value });
		forgetSession();
		go('/inloggen.html', 'password_reset');
		return null;
	});
	pageReady();
}

main();
