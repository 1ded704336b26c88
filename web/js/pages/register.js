// Register: choose why you are here (roles), then log in straight away.

import { api, login } from '../api.js';
import { startPage, pageReady, go, param } from '../page.js';
import { currentLanguage } from '../i18n.js';
import { handleForm } from '../forms.js';
import { attachStrength } from '../strength.js';

async function main() {
	await startPage({ auth: 'anonymous' });
	const form = document.getElementById('register-form');
	attachStrength(form.password);
	const pre = param('role');
	if (pre && ['resident', 'caregiver', 'volunteer'].includes(pre))
		document.getElementById(`role-${pre}`).checked = true;

	handleForm(form, async (v) => {
		const body = {
			email: v.email,
			password: form.password.value,
			display_name: v.display_name,
			postcode: v.postcode,
			roles: v.roles,
			locale: currentLanguage(),
			accept_terms: v.accept_terms === true,
		};
		await api.post('/accounts', body);
		await login(v.email, form.password.value);
		const next = v.roles.includes('volunteer') && v.roles.length === 1 ? '/aanbod.html' : '/';
		go(next, 'registered');
	}, { allAtOnce: true });
	pageReady();
}

main();
