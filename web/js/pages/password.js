// Change my password (POST /me/password); every other session ends.

import { api } from '../api.js';
import { startPage, pageReady, go } from '../page.js';
import { handleForm, showErrors } from '../forms.js';
import { attachStrength } from '../strength.js';

async function main() {
	await startPage({ auth: 'required' });
	const form = document.getElementById('password-form');
	attachStrength(form.new_password);
	handleForm(form, async () => {
		if (form.new_password.value !== form.password_repeat.value) {
			showErrors(form, { errors: [{ field: 'password_repeat', code: 'mismatch' }] });
			return null;
		}
		await api.post('/me/password', {
			current_password: form.current_password.value,
			new_password: form.new_password.value,
		});
		go('/profiel.html', 'password_changed');
		return null;
	});
	pageReady();
}

main();
