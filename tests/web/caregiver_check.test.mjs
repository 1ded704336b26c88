// The caregiver's own check in the browser (issue 17, part 6): a caregiver
// answers the 13 questions with the keyboard only, sees the score in plain
// words and the support near them, then the check in the history; the page
// names its source and is axe-clean in Dutch and English.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	launch, newPage, open, ready, checkAxe, apiRegister, uiLogin, assertNoScriptErrors, screenshot,
} from './lib/browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('caregiver check: keyboard only, a high score explained, support shown, then in the history', async () => {
	const { email, password } = await apiRegister({ tag: 'cgcheck', roles: ['caregiver'] });
	const { context, page } = await newPage(browser);
	try {
		await uiLogin(page, email, password, '/mantelzorgcheck.html');
		await open(page, '/mantelzorgcheck.html');
		assert.match(await page.textContent('main'), /Caregiver Strain Index \(CSI\)/);
		assert.match(await page.textContent('main'), /Robinson/);
		assert.equal(await page.locator('#questions input[type=checkbox]').count(), 13);
		await checkAxe(page, 'mantelzorgcheck.html');

		// Keyboard only: tab to the first question, tick 8 of them with space.
		await page.focus('#q1');
		for (let i = 1; i <= 13; i++) {
			if (i <= 8) await page.keyboard.press('Space');
			await page.keyboard.press('Tab');
		}
		assert.equal(await page.evaluate(() => document.activeElement.matches('#check-form button[type=submit]')), true,
			'the button follows the questions in the tab order');
		await page.keyboard.press('Enter');
		await page.locator('#result:not([hidden])').waitFor();
		assert.match(await page.textContent('#result-score'), /8 van de 13/);
		assert.match(await page.textContent('#result-explain'), /7 of meer/);
		assert.ok(await page.locator('#result-support li').count() >= 1);
		await page.locator('#history li', { hasText: '8 van 13' }).waitFor();
		await checkAxe(page, 'mantelzorgcheck.html with a result');
		await screenshot(page, 'mantelzorgcheck-nl');

		await page.evaluate(() => localStorage.setItem('bh_lang', 'en'));
		await page.reload();
		await ready(page);
		assert.match(await page.textContent('h1'), /How heavy is caring for you/);
		assert.match(await page.textContent('#history'), /8 of 13/);
		await checkAxe(page, 'mantelzorgcheck.html in English');
		await screenshot(page, 'mantelzorgcheck-en');
		assertNoScriptErrors(page);
	} finally {
		await context.close();
	}
});
