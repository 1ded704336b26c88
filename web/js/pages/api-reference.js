// A readable list of the API's operations (api.html), read from the served
// OpenAPI document (/api/v1/openapi.yaml) with no YAML library and no build
// step (issue 15.13). It relies on the document's own layout, which
// tests/api/spec.test.mjs keeps: paths at two spaces under `paths:`, their
// methods at four, and each method's `tags:` and `summary:` at six. The
// document itself stays the reference; this page is its table of contents.

import { startPage, pageReady, el } from '../page.js';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** [{tag, ops: [{method, path, summary}]}] in the document's order. */
function operations(yaml) {
	const ops = [];
	let inPaths = false;
	let path = null;
	let op = null;
	for (const line of yaml.split('\n')) {
		if (/^\S/.test(line)) {
			inPaths = line.startsWith('paths:');
			continue;
		}
		if (!inPaths)
			continue;
		let m;
		if ((m = line.match(/^ {2}(\/\S*):\s*$/))) {
			path = m[1];
			op = null;
		} else if ((m = line.match(/^ {4}([a-z]+):\s*$/)) && path) {
			op = METHODS.includes(m[1]) ? { method: m[1].toUpperCase(), path, summary: '', tag: '' } : null;
			if (op)
				ops.push(op);
		} else if (op && (m = line.match(/^ {6}summary:\s*(.*)$/))) {
			op.summary = m[1].replace(/^(['"])(.*)\1$/, '$2');
		} else if (op && (m = line.match(/^ {6}tags:\s*\[([^\]]*)\]/))) {
			op.tag = m[1].split(',')[0].trim();
		}
	}
	const groups = new Map();
	for (const o of ops) {
		const tag = o.tag || 'other';
		if (!groups.has(tag))
			groups.set(tag, []);
		groups.get(tag).push(o);
	}
	return [...groups].map(([tag, list]) => ({ tag, ops: list }));
}

async function main() {
	await startPage();
	const body = document.getElementById('apiref-body');
	try {
		const res = await fetch('/api/v1/openapi.yaml');
		if (!res.ok)
			throw new Error(`openapi.yaml: ${res.status}`);
		const groups = operations(await res.text());
		for (const g of groups) {
			const h = el('h2');
			h.textContent = g.tag;
			const dl = el('dl', null, null, { class: 'api-ops' });
			for (const o of g.ops) {
				const dt = document.createElement('dt');
				const code = document.createElement('code');
				code.textContent = `${o.method} ${o.path}`;
				dt.append(code);
				const dd = document.createElement('dd');
				dd.textContent = o.summary;
				dd.lang = 'en';
				dl.append(dt, dd);
			}
			body.append(h, dl);
		}
	} catch (e) {
		console.warn(e);
		document.getElementById('apiref-status').append(el('p', 'errors.load_failed', null, { class: 'notice notice-error' }));
	}
	pageReady();
}

main();
