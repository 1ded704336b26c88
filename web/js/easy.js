// web/js/easy.js — the easy-to-read mode (taalniveau B1, "makkelijk lezen",
// issue 19 part 1): the same pages with a second set of Dutch messages and
// a class on <html>, not a second site.
//
// On: <html class="easy"> (web/css/easy.css, linked here: larger text, more space, one
// column, icons beside actions) and, on a Dutch page, the layer
// web/i18n/nl-b1.json merged over nl.json (web/js/i18n.js "Layers"). In
// another language the look still applies; the layer is Dutch only.
//
// The choice is kept in this browser (localStorage "bh_easy" = "1"), for
// every visitor, logged in or not. page.js builds the switch in the header
// of every public page (not the admin's): a toggle button with
// aria-pressed.

import { initI18n, setLayers, el } from './i18n.js';

const STORAGE_KEY = 'bh_easy';
/** The message layer of easy Dutch. */
export const EASY_LAYER = '/i18n/nl-b1.json';

/** True when this browser chose the easy-to-read mode. */
export function easyChosen() {
	try {
		return localStorage.getItem(STORAGE_KEY) === '1';
	} catch {
		return false;
	}
}

function applyClass(on) {
	document.documentElement.classList.toggle('easy', on);
}

// The stylesheet, linked by this module rather than by every page's HTML
// (nor @import-ed by site.css: axe re-parses an imported sheet into an
// inline <style>, which the CSP refuses). Resolves when it is loaded.
function linkStylesheet() {
	const href = '/css/easy.css';
	if (document.querySelector(`link[href="${href}"]`))
		return Promise.resolve();
	const link = document.createElement('link');
	link.rel = 'stylesheet';
	link.href = href;
	const loaded = new Promise((resolve) => {
		link.addEventListener('load', resolve, { once: true });
		link.addEventListener('error', resolve, { once: true });
	});
	document.head.append(link);
	return loaded;
}

/**
 * initI18n with the easy layer when it was chosen (and the class set); on a
 * public page (no options.extra) the easy stylesheet is linked too, and
 * waited for when the mode is on, so the page never shows small first.
 */
export async function initI18nEasy(options = {}) {
	const on = !options.extra && easyChosen();
	const css = options.extra ? Promise.resolve() : linkStylesheet();
	applyClass(on);
	const [lang] = await Promise.all([initI18n({ ...options, layers: on ? [EASY_LAYER] : [] }), on ? css : null]);
	return lang;
}

/** Switches the mode, remembers it, re-translates the page. */
export async function setEasy(on) {
	try {
		if (on)
			localStorage.setItem(STORAGE_KEY, '1');
		else
			localStorage.removeItem(STORAGE_KEY);
	} catch { /* private mode: not remembered */ }
	// Words and look change together: the class once the words are loaded.
	await setLayers(on ? [EASY_LAYER] : []);
	applyClass(on);
}

// An open book: the sign of "makkelijk lezen" (drawn, not a font's).
function bookIcon() {
	const NS = 'http://www.w3.org/2000/svg';
	const svg = document.createElementNS(NS, 'svg');
	svg.setAttribute('viewBox', '0 0 24 24');
	svg.setAttribute('class', 'globe');
	svg.setAttribute('aria-hidden', 'true');
	svg.setAttribute('focusable', 'false');
	for (const d of ['M2 5c3-1 6.5-1 10 1.5v13C8.5 17 5 17 2 18z', 'M22 5c-3-1-6.5-1-10 1.5v13c3.5-2.5 7-2.5 10-1.5z']) {
		const path = document.createElementNS(NS, 'path');
		path.setAttribute('d', d);
		svg.append(path);
	}
	return svg;
}

/** The switch: a toggle button (aria-pressed) for the header's tools. */
export function easyToggle() {
	const b = el('button', null, null, {
		type: 'button', id: 'easy-toggle', class: 'button-header', 'aria-pressed': String(easyChosen()),
	});
	b.append(bookIcon(), el('span', 'easy.toggle'));
	b.addEventListener('click', async () => {
		const on = b.getAttribute('aria-pressed') !== 'true';
		b.setAttribute('aria-pressed', String(on));
		await setEasy(on);
		b.focus();
	});
	return b;
}
