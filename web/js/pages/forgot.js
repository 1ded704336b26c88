// Forgotten password: the API answers 202 whether or not the address exists,
// and so does this page.

import { api } from '../api.js';
import { startPage, pageReady } from '../page.js';
import { handleForm } from '../forms.js';

async function main() {
	await startPage();
	const form = document.getElementById('forgot-form');
	handleForm(form, async (v) => {
		await api.post('/password-reset', { email: v.email });
		form.reset();
		return 'forgot.sent';
	}, { status: document.getElementById('forgot-status') });
	pageReady();
}

main();
