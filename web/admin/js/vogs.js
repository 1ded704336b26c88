// The VOGs that wait for a decision (moderators; GET /admin/vog?status=pending),
// oldest recorded first: per volunteer the display name and the date of the
// VOG, and the decision (POST /users/{id}/vog, users-vog.js): verify, having
// seen the paper or the screening result, or reject with a note. A decided
// VOG stays on the page with its new status until the page is loaded again.
// Moderators cannot open the admin's user pages; this is where they act.

import { pagedList } from './paged-list.js';
import { startAdmin, pageReady, el, timeEl } from './admin.js';
import { vogBlock } from './users-vog.js';

const list = document.getElementById('vogs');
const live = document.getElementById('vogs-live');
const more = document.getElementById('vogs-more');

function card(item) {
	const u = { id: item.user.id, display_name: item.user.display_name, vog: { ...item.vog, note: null } };
	const li = el('li', null, null, { class: 'card', id: `v-${u.id}`, 'data-user': u.id });
	const render = () => {
		const h = el('h2', null);
		h.textContent = u.display_name;
		const when = el('p', 'admin.vogs.submitted', null, { class: 'muted' });
		when.append(' ', timeEl(item.vog.submitted_at));
		li.replaceChildren(h, when, vogBlock(u, live, (vog) => {
			u.vog = vog;
			render();
			li.querySelector('.vog h3')?.focus();
		}));
	};
	render();
	return li;
}

async function main() {
	await startAdmin();
	const load = pagedList({
		path: '/admin/vog', query: { status: 'pending' }, list, more, live, card, noneKey: 'admin.vogs.none',
	});
	await load();
	pageReady();
}

main();
