// My matches as a volunteer (GET /matches?as=volunteer): each with its
// status and a link to the messages.

import { api } from '../api.js';
import { startPage, pageReady, el, badge, pagedList, userText } from '../page.js';

function item(m) {
	const li = el('li', null, null, { class: 'card' });
	const h = el('h2');
	userText(h, m.request.title, m.request.lang);
	const meta = el('ul', null, null, { class: 'meta' });
	const st = document.createElement('li');
	st.append(el('span', 'common.status_label'), document.createTextNode(' '), badge('match', m.status));
	meta.append(st, el('li', 'common.created', { at: m.created_at }));
	if (m.hours != null)
		meta.append(el('li', 'common.hours_done', { n: m.hours }));
	li.append(h, meta);
	if (m.thanks)
		li.append(el('p', 'mymatches.thanks', { thanks: m.thanks }));
	const a = el('a', 'mymatches.open', { title: m.request.title }, { href: `/match.html?id=${encodeURIComponent(m.id)}`, class: 'button button-secondary' });
	li.append(a);
	return li;
}

async function main() {
	await startPage({ auth: 'required', roles: ['volunteer'] });
	try {
		await pagedList({
			container: document.getElementById('mymatches-list'),
			statusEl: document.getElementById('mymatches-status'),
			fetchPage: (cursor) => api.get('/matches', { as: 'volunteer', limit: 20, cursor }),
			renderItem: item,
			emptyKey: 'mymatches.none',
			countKey: 'mymatches.count',
		});
	} catch {
		/* shown in the list */
	}
	pageReady();
}

main();
