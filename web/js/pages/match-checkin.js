// The check-in form of match.html (POST /matches/{id}/checkin; issue 17):
// on accepted recurring help either party says how it goes. A note is read
// only by a moderator. "Stop" offers, kindly, to end the match with the
// page's own complete and cancel steps. Kept apart from match.js so that
// the match page itself stays as it is.

import { api } from '../api.js';
import { param, el } from '../page.js';
import { handleForm, showErrors } from '../forms.js';

async function main() {
	const id = param('id');
	if (!id) return;
	let match, request;
	try {
		match = (await api.get(`/matches/${encodeURIComponent(id)}`)).match;
		if (match.status !== 'accepted') return;
		request = (await api.get(`/requests/${encodeURIComponent(match.request.id)}`)).request;
	} catch {
		return;	// match.js says what went wrong
	}
	if (!request.recurrence) return;
	const section = document.getElementById('checkin-section');
	const form = document.getElementById('checkin-form');
	const done = document.getElementById('checkin-done');
	section.hidden = false;
	handleForm(form, async () => {
		const answer = form.querySelector('input[name=answer]:checked');
		if (!answer) {
			showErrors(form, { errors: [{ field: 'answer', code: 'required' }] });
			return null;
		}
		const note = form.note.value.trim();
		const res = await api.post(`/matches/${encodeURIComponent(id)}/checkin`,
			{ answer: answer.value, ...(note ? { note } : {}) });
		form.hidden = true;
		done.replaceChildren();
		done.append(el('p', res.offer_end ? 'checkin.thanks_stop' : 'checkin.thanks'));
		if (res.offer_end) {
			const link = el('a', 'checkin.to_end', null, { href: '#cancel-section' });
			done.append(el('p', null), link);
		}
		done.focus();
		return null;
	});
}

main();
