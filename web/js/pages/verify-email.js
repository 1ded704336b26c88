// Confirm the e-mail address with the token from the mailed link
// (email-bevestigen.html#token=...). The token is taken out of the address
// bar at once and kept in memory only. Says whether it worked; when not, and
// the user is logged in and still unverified, offers a new mail right here.

import { api } from '../api.js';
import { startPage, pageReady, el, markEmailVerified } from '../page.js';
import { showStatus } from '../forms.js';
import { resendControl } from '../verify.js';

// A new link opened while this page is showing only changes the hash: start over.
window.addEventListener('hashchange', () => {
	if (location.hash.includes('token='))
		location.reload();
});

const status = document.getElementById('verify-status');
const next = document.getElementById('verify-next');

function link(key, href) {
	const p = el('p');
	p.append(el('a', key, null, { href }));
	return p;
}

// What the user can do when the link did not work.
function offerNewMail(user) {
	if (!user) {
		next.append(link('verify.login_for_new', `/inloggen.html?next=${encodeURIComponent('/profiel.html')}`));
	} else if (user.email_verified === false) {
		next.append(el('p', 'verify.ask_new'), resendControl({ buttonClass: 'button' }));
	} else {
		next.append(el('p', 'verify.already', null, { class: 'notice notice-info' }), link('verify.to_home', '/'));
	}
}

async function main() {
	const token = new URLSearchParams(location.hash.slice(1)).get('token') || '';
	if (location.hash)
		history.replaceState(null, '', location.pathname + location.search);
	const { user } = await startPage();
	if (!token) {
		showStatus(status, 'verify.no_token', null, 'error');
		offerNewMail(user);
		pageReady();
		return;
	}
	try {
		await api.post('/accounts/verify', { token });
		showStatus(status, 'verify.done');
		markEmailVerified();
		next.append(link('verify.to_home', '/'));
	} catch (e) {
		if (e.status === 422 || e.status === 404 || e.status === 400) {
			showStatus(status, 'verify.invalid', null, 'error');
			offerNewMail(user);
		} else {
			showStatus(status, e.code === 'network' ? 'errors.api.network' : 'errors.api.unknown', null, 'error');
		}
	}
	pageReady();
}

main();
