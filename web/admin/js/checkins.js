// Recurring help that needs attention (moderators; GET /admin/checkins?attention=true):
// a last check-in answer that was not "good", or a question left unanswered
// for 14 days. Per match the parties' last answers with their notes (only
// moderators read them; the API audits the read) and the coordinator's
// note, which a moderator sets here (PUT /admin/checkins/{match_id}/note).
// A request posted for someone shows how that person agreed, and a
// moderator may revoke the consent here (consent.js).

import { api } from '/js/api.js';
import { pagedList } from './paged-list.js';
import { startAdmin, pageReady, el, timeEl, announce } from './admin.js';
import { consentBlock } from './consent.js';

const list = document.getElementById('checkins');
const live = document.getElementById('checkins-live');
const more = document.getElementById('checkins-more');

function noteForm(item) {
	const form = el('form', null, null, { class: 'form-wide' });
	const id = `note-${item.match.id}`;
	const field = el('div', null, null, { class: 'field', 'data-field': 'note' });
	field.append(el('label', 'admin.checkins.note', null, { for: id }));
	const area = el('textarea', null, null, { id, name: 'note', rows: '2', maxlength: '2000' });
	area.value = item.coordinator_note ? item.coordinator_note.text : '';
	field.append(area);
	const status = el('p', null, null, { role: 'status', 'aria-live': 'polite' });
	form.append(field, el('button', 'admin.checkins.save', null, { type: 'submit', class: 'button' }), status);
	form.addEventListener('submit', async (ev) => {
		ev.preventDefault();
		try {
			await api.put(`/admin/checkins/${encodeURIComponent(item.match.id)}/note`, { note: area.value.trim() || null });
			announce(status, 'admin.checkins.saved');
		} catch {
			announce(status, 'admin.checkins.save_failed', null, 'error');
		}
	});
	return form;
}

function card(item) {
	const li = el('li', null, null, { class: 'card', 'data-match': item.match.id });
	const h = el('h2', null);
	const a = el('a', null, null, { href: `/hulpvraag.html?id=${encodeURIComponent(item.match.request.id)}` });
	a.textContent = item.match.request.title;
	h.append(a);
	li.append(h);
	const who = el('p', 'admin.checkins.parties', {
		volunteer: item.match.volunteer.display_name, requester: item.match.requester.display_name });
	li.append(who);
	// Issue 17: posted for someone — how they agreed, and the revocation
	// (the request is withdrawn and its matches cancelled: the card goes).
	const consent = consentBlock(item.match.request, live, () => li.remove());
	if (consent)
		li.append(consent);
	if (item.unanswered)
		li.append(el('p', 'admin.checkins.unanswered', null, { class: 'badge' }));
	if (item.last_answer)
		li.append(el('p', `admin.checkins.answer_${item.last_answer}`, null, { class: 'badge' }));
	if (item.answers.length) {
		const ul = el('ul', null);
		for (const ans of item.answers) {
			const row = el('li', null);
			row.append(timeEl(ans.created_at), ' · ');
			row.append(el('span', 'admin.checkins.answer_by', { name: ans.by.display_name }), ': ');
			row.append(el('strong', `admin.checkins.answer_${ans.answer}`));
			if (ans.note) {
				const q = el('q', null);
				q.textContent = ans.note;
				row.append(' ', q);
			}
			ul.append(row);
		}
		li.append(ul);
	}
	li.append(noteForm(item));
	return li;
}

async function main() {
	await startAdmin();
	const load = pagedList({
		path: '/admin/checkins', query: { attention: 'true' }, list, more, live, card, noneKey: 'admin.checkins.none',
	});
	await load();
	pageReady();
}

main();
