// Report something wrong (melden.html?type=request|offer|message|user&id=).
// Without a target the page explains where the "Report" links are.

import { api } from '../api.js';
import { startPage, pageReady, el, setText, param } from '../page.js';
import { handleForm } from '../forms.js';

const TYPES = ['request', 'offer', 'message', 'user'];

async function main() {
	await startPage({ auth: 'required' });
	const type = param('type');
	const id = param('id');
	const form = document.getElementById('report-form');
	const status = document.getElementById('report-status');
	if (!TYPES.includes(type) || !id || !/^[A-Za-z0-9_-]{1,64}$/.test(id)) {
		document.getElementById('report-general').hidden = false;
		pageReady();
		return;
	}
	const target = document.getElementById('report-target');
	setText(target, `report.target_${type}`);
	if (type === 'request' || type === 'offer') {
		try {
			const x = await api.get(`/${type}s/${encodeURIComponent(id)}`);
			setText(target, `report.target_${type}_named`, { title: x[type].title });
		} catch {
			/* the generic line stays */
		}
	}
	form.hidden = false;
	handleForm(form, async (v) => {
		await api.post('/reports', { target: { type, id }, reason: v.reason });
		form.hidden = true;
		status.replaceChildren(el('p', 'report.sent', null, { class: 'notice notice-ok' }));
		const back = el('p');
		back.append(el('a', 'report.back', null, { href: type === 'request' ? `/hulpvraag.html?id=${encodeURIComponent(id)}` : '/' }));
		status.append(back);
		return null;
	});
	pageReady();
}

main();
