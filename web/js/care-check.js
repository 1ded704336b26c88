// web/js/care-check.js — asks before a post goes public (issue 17): the
// form hands its public text to POST /requests/check and, when that names
// health words or an ask for professional care, shows them in a panel
// after the form with two choices: "Aanpassen" (back to the field, so the
// words can move to the private part) and "Toch plaatsen" (post as it is).
// For an ask for care it lists home care, respite care and caregiver
// support near the postcode, with links. Never blocking: when the check
// itself fails, the post goes ahead.
//
//   import { askBeforePost } from '/js/care-check.js';
//   if (!await askBeforePost(form, { title, description, category, postcode }))
//           return null;   // the author chose to change the text

import { api } from './api.js';
import { el, setText } from './i18n.js';

const FIELD_IDS = { title: 'title', description: 'description', category: 'category' };

function orgItem(o) {
	const li = el('li');
	const name = o.website
		? el('a', null, null, { href: o.website, rel: 'noopener' })
		: el('strong');
	name.textContent = o.name;
	li.append(name);
	const where = el('span', 'care.org_where', {
		place: o.area?.place || o.area?.pc4 || '', km: o.distance_km ?? 0,
	}, { class: 'small' });
	li.append(' ', where);
	if (o.phone) {
		const tel = el('a', null, null, { href: `tel:${o.phone.replace(/[^0-9+]/g, '')}` });
		tel.textContent = o.phone;
		li.append(' · ', tel);
	}
	if (o.description) {
		const p = el('p', null, null, { class: 'small' });
		p.textContent = o.description;
		li.append(p);
	}
	return li;
}

function render(panel, answer, kind) {
	panel.replaceChildren();
	const h = el('h2', 'care.check_heading', null, { id: 'care-check-h', tabindex: '-1' });
	panel.append(h);
	const health = answer.warnings.filter((w) => w.code === 'health_term');
	const care = answer.warnings.filter((w) => w.code === 'professional_care');
	if (health.length) {
		panel.append(el('p', kind === 'offer' ? 'care.health_intro_offer' : 'care.health_intro'));
		const ul = el('ul', null, null, { class: 'care-words' });
		for (const w of health) {
			const li = el('li');
			li.append(el('span', `care.field.${w.field}`), ': ');
			w.terms.forEach((term, i) => {
				if (i)
					li.append(', ');
				const m = el('mark');
				m.textContent = term;
				li.append(m);
			});
			ul.append(li);
		}
		panel.append(ul);
		if (kind !== 'offer')
			panel.append(el('p', 'care.health_private'));
	}
	if (care.length) {
		const terms = care.flatMap((w) => w.terms);
		const p = el('p', terms.length ? 'care.care_intro' : 'care.care_intro_category');
		panel.append(p);
		if (terms.length) {
			const ul = el('ul', null, null, { class: 'care-words' });
			const li = el('li');
			terms.forEach((term, i) => {
				if (i)
					li.append(', ');
				const m = el('mark');
				m.textContent = term;
				li.append(m);
			});
			ul.append(li);
			panel.append(ul);
		}
		if (answer.suggested_organisations.length) {
			panel.append(el('h3', 'care.orgs_heading'));
			const ul = el('ul', null, null, { class: 'care-orgs' });
			for (const o of answer.suggested_organisations)
				ul.append(orgItem(o));
			panel.append(ul);
		}
		const more = el('p');
		const a = el('a', 'care.caregiver_page_link', null, { href: '/mantelzorg.html' });
		more.append(a);
		panel.append(more);
	}
	const actions = el('div', null, null, { class: 'actions' });
	const post = el('button', 'care.post_anyway', null, { type: 'button', class: 'button', 'data-choice': 'post' });
	const edit = el('button', 'care.edit', null, { type: 'button', class: 'button button-secondary', 'data-choice': 'edit' });
	actions.append(edit, post);
	panel.append(actions);
	return { h, post, edit, fields: answer.warnings.map((w) => w.field) };
}

/**
 * Resolves true when the post may go ahead (nothing to ask, the check
 * failed, or the author chose "Toch plaatsen"), false when they chose
 * "Aanpassen" (focus is then on the first field named). kind: 'request' or
 * 'offer'.
 */
export async function askBeforePost(form, body, kind = 'request') {
	let answer;
	const query = { title: body.title, description: body.description };
	if (body.category)
		query.category = body.category;
	if (body.postcode)
		query.postcode = body.postcode;
	try {
		answer = await api.post('/requests/check', query);
	} catch {
		return true;	// never blocking
	}
	if (!answer.warnings.length)
		return true;
	let panel = document.getElementById('care-check');
	if (!panel) {
		panel = el('section', null, null, {
			id: 'care-check', class: 'notice notice-info care-check', 'aria-labelledby': 'care-check-h',
		});
		form.after(panel);
	}
	panel.hidden = false;
	const { h, post, edit, fields } = render(panel, answer, kind);
	h.focus();
	return new Promise((resolve) => {
		const done = (choice) => {
			post.removeEventListener('click', onPost);
			edit.removeEventListener('click', onEdit);
			if (choice) {
				setText(h, 'care.posting');
				for (const b of [post, edit])
					b.remove();
			} else {
				// The words stay in view while the author changes the text.
				setText(h, 'care.editing');
				for (const b of [post, edit])
					b.remove();
				const id = FIELD_IDS[fields[0]];
				document.getElementById(id)?.focus();
			}
			resolve(choice);
		};
		const onPost = () => done(true);
		const onEdit = () => done(false);
		post.addEventListener('click', onPost);
		edit.addEventListener('click', onEdit);
	});
}
