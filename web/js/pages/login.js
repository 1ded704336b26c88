// Log in, then back to where the visitor came from (?next=, local paths only).

import { login } from '../api.js';
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
	handleForm(form, async (v) => {
		await login(v.email, form.password.value);
		go(safeNext(param('next')), 'logged_in');
	});
	pageReady();
}

main();
