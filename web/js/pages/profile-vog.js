// The volunteer's VOG on the profile (#vog, issue 17): its status as a
// moderator left it (waiting, verified until, rejected with the note,
// expired) and the form to record the issue date of a (new) one.

import { api } from '../api.js';
import { el } from '../page.js';
import { handleForm } from '../forms.js';

function renderState(state, vog) {
	if (!vog) {
		state.replaceChildren(el('span', 'care.vog_none'));
		return;
	}
	const parts = [el('span', `care.vog_state.${vog.status}`, { issued: vog.issued_on, expires: vog.expires_on })];
	if (vog.status === 'rejected' && vog.note)
		parts.push(document.createTextNode(' '), el('span', 'care.vog_note', { note: vog.note }));
	state.replaceChildren(...parts);
}

export async function startVog(user) {
	const section = document.getElementById('vog');
	const state = document.getElementById('vog-state');
	const form = document.getElementById('vog-form');
	section.hidden = false;
	form.issued_on.max = new Date().toISOString().slice(0, 10);
	renderState(state, user.vog);
	if (user.vog)
		form.issued_on.value = user.vog.issued_on;
	handleForm(form, async (v) => {
		const { vog } = await api.put('/me/vog', { issued_on: v.issued_on });
		renderState(state, vog);
		return null;
	});
}
