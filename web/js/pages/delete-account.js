// Delete my account (DELETE /me with the password): private data destroyed,
// public posts withdrawn, logged out.

import { api, forgetSession } from '../api.js';
import { startPage, pageReady, go } from '../page.js';
import { handleForm } from '../forms.js';

async function main() {
	await startPage({ auth: 'required' });
	const form = document.getElementById('delete-form');
	handleForm(form, async () => {
		await api.del('/me', { password: form.password.value });
		forgetSession();
		go('/', 'account_deleted');
		return null;
	});
	pageReady();
}

main();
