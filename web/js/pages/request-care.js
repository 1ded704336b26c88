// The care parts of one request (issue 17): that it needs a VOG, that the
// person it is for agreed (how, recorded by whom and when), and for the
// owner or a moderator the revocation of that consent, asked first:
// revoking withdraws the request and destroys its private part at once.

import { api, hasRole } from '../api.js';
import { el, t, confirmButton } from '../page.js';
import { showStatus, showProblem } from '../forms.js';

/**
 * Fills container for request r as user sees it; onRevoked(request) gets
 * the withdrawn request.
 */
export function renderCare(container, r, user, onRevoked) {
	const parts = [];
	if (r.needs_vog) {
		const p = el('p', 'care.needs_vog', null, { class: 'notice notice-info' });
		parts.push(p);
	}
	const consent = r.on_behalf_of?.consent;
	if (consent) {
		parts.push(el('p', 'care.consent_recorded', {
			how: t(`care.how.${consent.how}`),
			name: consent.recorded_by?.display_name || '',
			at: consent.recorded_at,
		}, { class: 'small' }));
		const mayRevoke = user && (r.owner.id === user.id || hasRole(user, 'moderator', 'admin'));
		if (mayRevoke && !['cancelled', 'completed', 'rejected'].includes(r.status)) {
			const status = el('div', null, null, { role: 'status', 'aria-live': 'polite' });
			parts.push(el('h2', 'care.revoke_heading'), el('p', 'care.revoke_intro'));
			parts.push(confirmButton({
				labelKey: 'care.revoke',
				questionKey: 'care.revoke_question',
				yesKey: 'care.revoke_yes',
				danger: true,
				action: async () => {
					try {
						const { request } = await api.post(`/requests/${encodeURIComponent(r.id)}/consent/revoke`, {});
						onRevoked(request);
						showStatus(document.getElementById('request-status'), 'care.revoked');
					} catch (e) {
						showProblem(status, e);
					}
				},
			}), status);
		}
	}
	container.replaceChildren(...parts);
}
