// The VOG of one user on the admin's user page (issue 17): its status and
// dates, and for a recorded one the moderator's decision (POST
// /users/{id}/vog): verify, having seen the paper or the screening result,
// or reject, with an optional note the volunteer reads.

import { api } from '/js/api.js';
import { handleForm } from '/js/forms.js';
import { el, metaList, timeEl, announce } from './admin.js';

/** A section for user u; onDecided(vog) after a decision. */
export function vogBlock(u, live, onDecided) {
	const box = el('div', null, null, { class: 'vog' });
	const hid = `u-${u.id}-vog-h`;
	box.append(el('h3', 'admin.vog.heading', null, { id: hid, tabindex: '-1' }));
	const v = u.vog;
	if (!v) {
		box.append(el('p', 'admin.vog.none', null, { class: 'muted' }));
		return box;
	}
	box.append(metaList([
		['admin.vog.status', el('span', `admin.vog.status_${v.status}`, null, { class: `badge badge-${v.status === 'verified' ? 'active' : 'paused'}` })],
		['admin.vog.issued_on', timeEl(v.issued_on, 'date')],
		['admin.vog.expires_on', v.expires_on ? timeEl(v.expires_on, 'date') : ''],
		['admin.vog.note', v.note || ''],
	]));
	const f = el('form', null, null, { class: 'vog-form', novalidate: true, 'aria-labelledby': hid });
	f.append(el('div', null, null, { class: 'error-summary', 'data-error-summary': '', tabindex: '-1', 'aria-live': 'assertive', hidden: true }));
	const fs = el('fieldset', null, null, { class: 'field', 'data-field': 'decision' });
	fs.append(el('legend', 'admin.vog.decision', { name: u.display_name }));
	for (const d of ['verify', 'reject']) {
		const id = `u-${u.id}-vog-${d}`;
		const c = el('div', null, null, { class: 'choice' });
		c.append(el('input', null, null, { type: 'radio', id, name: 'decision', value: d }), el('label', `admin.vog.${d}`, null, { for: id }));
		fs.append(c);
	}
	const nf = el('div', null, null, { class: 'field', 'data-field': 'note' });
	const nid = `u-${u.id}-vog-note`;
	nf.append(el('label', 'admin.vog.note_label', null, { for: nid }),
		el('textarea', null, null, { id: nid, name: 'note', rows: '2', maxlength: '500' }));
	f.append(fs, nf, el('button', 'admin.vog.save', null, { type: 'submit', class: 'button button-secondary', 'data-busy-key': 'common.saving' }));
	handleForm(f, async (vals) => {
		if (!vals.decision) {
			const e = new Error('decision');
			e.errors = [{ field: 'decision', code: 'required' }];
			throw e;
		}
		const { vog } = await api.post(`/users/${encodeURIComponent(u.id)}/vog`, { decision: vals.decision, note: vals.note || null });
		onDecided(vog);
		announce(live, vog.status === 'verified' ? 'admin.vog.verified' : 'admin.vog.rejected', { name: u.display_name });
	});
	box.append(f);
	return box;
}
