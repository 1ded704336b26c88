// Log in, then back to where the visitor came from (?next=, local paths only).

import { login } from '../api.js';
import { startPage, pageReady, go, safeNext, param } from '../page.js';
import { handleForm } from '../forms.js';

async function main() {
	await startPage({ auth: 'anonymous' });
	const form = document.getElementById('login-form');
	handleForm(form, async (v) => {
		await login(v.email, form.password.value);
		go(safeNext(param('next')), 'logged_in');
	});
	pageReady();
}

main();
