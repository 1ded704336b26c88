// One vacancy (GET /vacancies/{id}, issue 18 part 2): what the organisation
// asks, for everyone. A volunteer responds with a message (POST
// /vacancies/{id}/responses), which opens a private conversation with the
// organisation's coordinators (vacature-gesprek.html); a second response
// gives the first back, so the page then links to that conversation. A
// visitor is asked to log in; a coordinator of the organisation goes to
// their organisation's page.

import { api, getCategories, hasRole } from '../api.js';
import { startPage, pageReady, el, param, userText, replaceMain, loginUrl } from '../page.js';
import { handleForm } from '../forms.js';
import { getTalents, vacancyMeta } from '../talents.js';

const $ = (id) => document.getElementById(id);

function conversationLink(responseId) {
	const p = el('p', null, null, { class: 'notice notice-ok' });
	p.append(el('span', 'vacancy.responded'), document.createTextNode(' '),
		el('a', 'vacancy.to_conversation', null, { href: `/vacature-gesprek.html?id=${encodeURIComponent(responseId)}` }));
	return p;
}

async function main() {
	const id = param('id');
	const categoriesP = getCategories().catch(() => []);
	const talentsP = getTalents().catch(() => []);
	const { user } = await startPage();
	let data;
	try {
		data = await api.get(`/vacancies/${encodeURIComponent(id || '-')}`);
	} catch (e) {
		replaceMain(e.status === 404 ? 'vacancy.not_found' : 'errors.load_failed', null, 'error');
		pageReady();
		return;
	}
	const v = data.vacancy;
	const [categories, talents] = await Promise.all([categoriesP, talentsP]);
	userText($('vacancy-h1'), v.title, v.lang);
	document.title = `${v.title} — Burenhulp`;
	$('vacancy-facts').replaceChildren(vacancyMeta(v, { talents, categories }));
	userText($('vacancy-description'), v.description, v.lang);
	$('vacancy-description').style.whiteSpace = 'pre-line';
	const other = $('vacancy-other');

	if (data.coordinator) {
		other.append(el('p', null, null, { class: 'notice notice-info' }));
		other.firstChild.append(el('span', 'vacancy.yours'), document.createTextNode(' '),
			el('a', 'vacancy.to_organisation', null, { href: '/mijn-organisatie.html' }));
	} else if (!user) {
		const p = el('p', null, null, { class: 'notice notice-info' });
		p.append(el('a', 'vacancy.login_to_respond', null, { href: loginUrl() }));
		other.append(p);
	} else if (!hasRole(user, 'volunteer')) {
		other.append(el('p', 'vacancy.volunteers_only', null, { class: 'notice notice-info' }));
	} else if (v.status === 'open') {
		// Responded already? Then the conversation, not a second form.
		const mine = await api.get('/me/vacancy-responses', { limit: 100 }).catch(() => ({ items: [] }));
		const earlier = mine.items.find((x) => x.vacancy.id === v.id);
		if (earlier) {
			other.append(conversationLink(earlier.id));
		} else {
			$('respond-section').hidden = false;
			handleForm($('respond-form'), async (vals) => {
				const res = await api.post(`/vacancies/${encodeURIComponent(v.id)}/responses`, { message: vals.message });
				$('respond-section').hidden = true;
				other.replaceChildren(conversationLink(res.response.id));
				other.querySelector('a').focus();
				return null;
			}, { status: $('respond-status') });
		}
	}
	pageReady();
}

main();
