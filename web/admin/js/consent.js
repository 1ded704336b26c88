// The consent of the person a request is for, where moderators act (issue
// 17): the moderation queue and the check-ins list show the first name
// (never more of the person), how consent was recorded, by whom and when,
// and a moderator's revocation behind a confirmation (POST
// /requests/{id}/consent/revoke): the request is withdrawn, its private part
// erased at once, its matches cancelled and their volunteers told.

import { api } from '/js/api.js';
import { problemKey } from '/js/forms.js';
import { el, timeEl, announce, confirmInline } from './admin.js';

/**
 * A block for request r ({id, title, on_behalf_of}); null when it was not
 * posted for someone. live: the page's status region; onRevoked(request)
 * after a revocation.
 */
export function consentBlock(r, live, onRevoked) {
	const behalf = r.on_behalf_of;
	if (!behalf)
		return null;
	const box = el('div', null, null, { class: 'consent' });
	const line = el('p', null);
	line.append(el('span', 'admin.consent.for', { name: behalf.first_name }), ' ');
	const c = behalf.consent;
	if (c) {
		line.append(el('span', `care.how.${c.how}`, null, { class: 'badge badge-active' }));
		const by = el('p', 'admin.consent.recorded_by', { name: c.recorded_by?.display_name || '' }, { class: 'small muted' });
		by.append(' ', timeEl(c.recorded_at));
		box.append(line, by);
	} else {
		line.append(el('span', 'admin.consent.none', null, { class: 'badge' }));
		box.append(line);
		return box;
	}
	const status = el('div', null, null, { role: 'status', 'aria-live': 'polite' });
	box.append(confirmInline({
		labelKey: 'admin.consent.revoke',
		questionKey: 'admin.consent.revoke_question',
		yesKey: 'admin.consent.revoke_yes',
		vars: { name: behalf.first_name },
		action: async () => {
			try {
				const { request } = await api.post(`/requests/${encodeURIComponent(r.id)}/consent/revoke`, {});
				announce(live, 'admin.consent.revoked', { name: behalf.first_name, title: r.title });
				onRevoked(request);
			} catch (e) {
				announce(status, problemKey(e), null, 'error');
			}
		},
	}), status);
	return box;
}
