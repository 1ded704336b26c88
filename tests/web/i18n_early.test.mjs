// early_text_translated_after_load: a module that makes its elements before
// the dictionary has loaded (web/admin/js/audit.js makes its "Oudere regels
// laden" button at import time) showed the raw key "admin.audit.more" once
// the button was put on the page, because translate() only reaches nodes
// that are in the document. Found by "no English on the Dutch admin pages"
// (i18n_files.test.mjs). In node, with a stand-in for fetch and the DOM.

import { test } from 'node:test';
import assert from 'node:assert/strict';

const DICT = { admin: { audit: { more: 'Oudere regels laden' } }, nav: { home: 'Home' } };

function fakeElement() {
	return { dataset: {}, textContent: '', setAttribute() {}, querySelectorAll: () => [] };
}

test('an element made before the dictionary loaded gets its text once it has', async () => {
	globalThis.document = { documentElement: {}, querySelectorAll: () => [], createElement: fakeElement };
	globalThis.fetch = async () => ({ ok: true, json: async () => structuredClone(DICT) });
	const { setText, initI18n, t } = await import('../../web/js/i18n.js');
	const early = setText(fakeElement(), 'admin.audit.more');
	assert.notEqual(early.textContent, 'admin.audit.more', 'never the raw key');
	await initI18n();
	assert.equal(t('nav.home'), 'Home');
	assert.equal(early.textContent, 'Oudere regels laden', 'translated once loaded, though never in the document');
	delete globalThis.document;
	delete globalThis.fetch;
});

// The easy-Dutch (B1) mode may come later as a second Dutch message set:
// initI18n({ layers }) lays it over nl.json, key by key, plural forms whole.
test('a Dutch layer is merged over nl.json: its keys win, the rest stays', async () => {
	const files = {
		'/i18n/nl.json': { nav: { home: 'Home', login: 'Inloggen' }, home: { found: { one: '1 hulpvraag', other: '{count} hulpvragen' } } },
		'/i18n/nl-b1.json': { nav: { login: 'Log in op de site' }, home: { found: { one: 'Er is 1 vraag om hulp', other: 'Er zijn {count} vragen om hulp' } } },
	};
	globalThis.document = { documentElement: {}, querySelectorAll: () => [], createElement: fakeElement };
	globalThis.fetch = async (url) => ({ ok: true, json: async () => structuredClone(files[url]) });
	const { initI18n, t } = await import('../../web/js/i18n.js');
	await initI18n({ layers: ['/i18n/nl-b1.json'] });
	assert.equal(t('nav.login'), 'Log in op de site');
	assert.equal(t('nav.home'), 'Home');
	assert.equal(t('home.found', { count: 3 }), 'Er zijn 3 vragen om hulp');
	assert.equal(t('home.found', { count: 1 }), 'Er is 1 vraag om hulp');
	delete globalThis.document;
	delete globalThis.fetch;
});
