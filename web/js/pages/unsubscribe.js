// One-click unsubscribe from the link in a mail (afmelden.html#token=...):
// the token leaves the address bar at once, POST /unsubscribe turns that
// kind of mail (or that alert) off, and the page says so, with a link to
// choose for every kind on the profile.

import { api } from '../api.js';
import { startPage, pageReady, el } from '../page.js';
import { showStatus } from '../forms.js';

window.addEventListener('hashchange', () => {
	if (location.hash.includes('token='))
		location.reload();
});

const status = document.getElementById('unsubscribe-status');
const next = document.getElementById('unsubscribe-next');

function settingsLink() {
	const p = el('p');
	p.append(el('a', 'unsubscribe.settings_link', null, { href: '/profiel.html#meldingen' }));
	return p;
}

async function main() {
	const token = new URLSearchParams(location.hash.slice(1)).get('token') || '';
	if (location.hash)
		history.replaceState(null, '', location.pathname + location.search);
	await startPage();
	if (!token) {
		showStatus(status, 'unsubscribe.no_token', null, 'error');
		next.append(settingsLink());
		pageReady();
		return;
	}
	try {
		await api.post('/unsubscribe', { token });
		showStatus(status, 'unsubscribe.done');
		next.append(el('p', 'unsubscribe.done_hint'), settingsLink());
	} catch (e) {
		const known = e.status === 404 || e.status === 422 || e.status === 400;
		showStatus(status, known ? 'unsubscribe.invalid' : (e.code === 'network' ? 'errors.api.network' : 'errors.api.unknown'), null, 'error');
		next.append(settingsLink());
	}
	pageReady();
}

main();
