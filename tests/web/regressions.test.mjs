// Defects of issue 15 that only a browser shows, one test each, named after
// what it guards; each failed before its fix. Screenshots of the pages they
// touch (nl, en, 375 px) go to the screenshots folder.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	launch, newPage, open, ready, checkAxe, screenshot, assertNoScriptErrors, apiRegister, uiLogin, ApiClient, BASE,
} from './lib/browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Opens path at width in lang, checks axe and takes a screenshot named name-lang-width. */
async function look(page, path, name, label) {
	await open(page, path);
	await checkAxe(page, label);
	await screenshot(page, name);
}

test('a mistyped address gets the Dutch 404 page with the navigation, axe-clean (15.12)', async () => {
	for (const [lang, width] of [['nl', 1280], ['en', 1280], ['nl', 375]]) {
		const { context, page } = await newPage(browser, { width, lang });
		const res = await page.goto(`${BASE}/hulpvraaag.html`);
		assert.equal(res.status(), 404);
		await ready(page);
		assert.equal(await page.locator('#site-nav a[href="/"]').count(), 1, 'the navigation is there');
		const h1 = await page.locator('h1').textContent();
		assert.match(h1, lang === 'nl' ? /bestaat niet/ : /does not exist/);
		await checkAxe(page, `404 ${lang} ${width}`);
		await screenshot(page, `404-${lang}-${width}`);
		assertNoScriptErrors(page);
		await context.close();
	}
});
