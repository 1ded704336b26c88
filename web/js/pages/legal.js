// The terms of use and the privacy statement (voorwaarden.html,
// privacy.html). Their text is long prose, so it lives in the page itself,
// once per language (<div data-lang="nl|en">), not in the dictionaries;
// this module shows the block of the current language.

import { startPage, pageReady } from '../page.js';
import { currentLanguage, onLanguageChange } from '../i18n.js';

function showLanguage() {
	const lang = currentLanguage();
	for (const block of document.querySelectorAll('[data-lang]'))
		block.hidden = block.dataset.lang !== lang;
}

async function main() {
	await startPage();
	showLanguage();
	onLanguageChange(showLanguage);
	pageReady();
}

main();
