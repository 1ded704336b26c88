// Log in, then back to where the visitor came from (?next=, local paths only).

import { login, ApiError } from '../api.js';
import { startPage, pageReady, go, safeNext, param, el } from '../page.js';
import { handleForm } from '../forms.js';

// ?switch=1: a page that needs a role this user lacks (the admin, web/admin/)
// sent a logged-in user here; they may log in with another account.
async function switchAccount() {
	const { user } = await startPage();
	if (!user)
		return;
	const note = el('p', 'login.switch_note', { name: user.display_name }, { class: 'notice notice-info', role: 'status' });
	document.getElementById('login-form').before(note);
}

async function main() {
	if (param('switch') === '1')
		await switchAccount();
	else
		await startPage({ auth: 'anonymous' });
	const form = document.getElementById('login-form');
	const codeField = document.getElementById('code-field');
	handleForm(form, async (v) => {
		try {
			await login(v.email, form.password.value, codeField.hidden ? undefined : v.code.trim());
		} catch (err) {
			// Two-step login: the first answer asks for the code of the app
			// (the field appears, focused); after that a refusal is the code's.
			if (err instanceof ApiError && err.code === 'mfa_required') {
				if (codeField.hidden) {
					codeField.hidden = false;
					form.code.focus();
					return;
				}
				err.errors = [{ field: 'code', code: 'invalid' }];
			}
			throw err;
		}
		go(safeNext(param('next')), 'logged_in');
	});
	pageReady();
}

main();
