// The letter of an accepted match (issue 18 part 4, GET /requests/{id}/letter),
// for a client without internet, to send by post: who comes (the
// volunteer's first name), when, what for, and how to reach the desk. The
// page prints on A4 in large type without the site around it
// (css/letter.css); it follows the language switch, Dutch first.

import { api } from '../api.js';
import { startPage, pageReady, param, printButton, replaceMain, el } from '../page.js';
import { setText, currentLanguage, onLanguageChange } from '../i18n.js';

const RECURRENCE = {
	weekly: 'recurrence.weekly',
	fortnightly: 'recurrence.fortnightly',
	monthly: 'recurrence.monthly',
};

const $ = (id) => document.getElementById(id);

function fill(l) {
	const plain = (id, text) => {
		const e = $(id);
		e.textContent = text;
		e.dir = 'auto';
	};
	plain('letter-from', l.desk.name);
	setText($('letter-greeting'), 'letter.greeting', { name: l.client.first_name });
	plain('letter-who', l.volunteer.first_name);
	plain('letter-what', l.request.title);
	if (l.request.when)
		setText($('letter-when'), 'common.when_range', { start: l.request.when.start, end: l.request.when.end });
	else
		setText($('letter-when'), 'letter.when_open', { name: l.volunteer.first_name });
	setText($('letter-often'), RECURRENCE[l.request.recurrence] || 'recurrence.none');
	plain('letter-where', l.request.place);
	// The desk's hours are the operator's own words: Dutch, or English on a
	// letter in any other language.
	const questions = () => setText($('letter-questions'), 'letter.questions', {
		desk: l.desk.name, phone: l.desk.phone, hours: currentLanguage() === 'nl' ? l.desk.hours : l.desk.hours_en,
	});
	questions();
	onLanguageChange(questions);
	plain('letter-sign', l.desk.name);
	$('letter').hidden = false;
}

async function main() {
	await startPage({ auth: 'required', roles: ['professional'] });
	const id = param('id');
	try {
		const { letter } = await api.get(`/requests/${encodeURIComponent(id || '')}/letter`);
		fill(letter);
		document.querySelector('.letter-tools').append(' ', printButton('letter.print'));
	} catch (e) {
		if (e && e.status === 409)
			$('letter-status').append(el('p', 'letter.not_yet', null, { class: 'notice notice-info' }));
		else
			replaceMain(e && e.status === 404 ? 'errors.api.not_found' : 'errors.load_failed', null, 'error');
	}
	pageReady();
}

main();
