// A list that loads page by page with a "more" button (GET path?query&limit
// &cursor → {items, next_cursor}): each item becomes card(item) in list; the
// button shows while there is a next page; an empty list says noneKey in the
// live region. Used by vogs.js and checkins.js. A click while a page is on
// its way loads nothing more.

import { api } from '/js/api.js';
import { announce } from './admin.js';

/** Wires the button and returns load(): the next page (the first at once). */
export function pagedList({ path, query = {}, list, more, live, card, noneKey, limit = 20 }) {
	let cursor = null;
	let loading = false;
	async function load() {
		if (loading)
			return;
		loading = true;
		try {
			const qs = new URLSearchParams({ ...query, limit: String(limit) });
			if (cursor) qs.set('cursor', cursor);
			const res = await api.get(`${path}?${qs}`);
			for (const item of res.items) list.append(card(item));
			cursor = res.next_cursor;
			more.hidden = !cursor;
			if (!list.children.length)
				announce(live, noneKey, null, 'info');
		} finally {
			loading = false;
		}
	}
	more.addEventListener('click', () => load());
	return load;
}
