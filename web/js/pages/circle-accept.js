// Accept an invitation to a circle (kring-uitnodiging.html#token=..., the
// link in the invitation mail; issue 18 part 3). The token leaves the
// address bar at once; it waits in this tab's session storage while the
// invitee logs in or makes an account, then POST /circles/invitations/accept.

import { api, ApiError } from '../api.js';
import { startPage, pageReady, el } from '../page.js';
import { showStatus } from '../forms.js';

const KEY = 'bh_circle_token';
const status = document.getElementById('accept-status');
const next = document.getElementById('accept-next');

function link(key, href) {
	const p = el('p');
	p.append(el('a', key, null, { href }));
	return p;
}

async function main() {
	const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
	if (location.hash)
		history.replaceState(null, '', location.pathname + location.search);
	if (fromHash)
		sessionStorage.setItem(KEY, fromHash);
	const token = sessionStorage.getItem(KEY) || '';
	const { user } = await startPage();
	if (!token) {
		showStatus(status, 'circle.accept_no_token', null, 'error');
	} else if (!user) {
		showStatus(status, 'circle.accept_login_first', null, 'info');
		next.append(link('circle.accept_login', `/inloggen.html?next=${encodeURIComponent('/kring-uitnodiging.html')}`),
			link('circle.accept_register', `/registreren.html?next=${encodeURIComponent('/kring-uitnodiging.html')}`));
	} else {
		try {
			const { circle } = await api.post('/circles/invitations/accept', { token });
			sessionStorage.removeItem(KEY);
			showStatus(status, 'circle.accepted', { name: circle.first_name });
			next.append(link('circle.to_circle', `/kring.html?id=${encodeURIComponent(circle.id)}`));
		} catch (e) {
			sessionStorage.removeItem(KEY);
			const code = e instanceof ApiError ? e.code : '';
			const keys = {
				invitation_unknown: 'circle.invitation_unknown',
				invitation_used: 'circle.invitation_used',
				invitation_expired: 'circle.invitation_expired',
				invitation_other_circle: 'circle.invitation_other_circle',
			};
			showStatus(status, keys[code] || 'errors.load_failed', null, 'error');
		}
	}
	pageReady();
}

main();
