// A password strength meter for the fields where a new password is chosen
// (registreren, wachtwoord-wijzigen, wachtwoord-herstellen; ASVS V6.2).
//
// Advice only: the server is the judge (lib/passwords.c with cracklib and
// data/common_passwords.txt answers 422 common_password). This estimate
// says "Zwak / Redelijk / Sterk" with the reason, in words in a polite live
// region (not by colour alone: the bar beside it is decoration), and only
// when the verdict changes, so a screen reader is not told at every key.
// No library: length, kinds of characters, repeats and runs, and a few of
// the commonest stems, as the server folds them (lower case, digits and
// symbols at both ends stripped, letter swaps undone).

import { setText } from './i18n.js';

const MIN_LENGTH = 10;

// The commonest stems of data/common_passwords.txt; the server has them all.
const COMMON = new Set([
	'wachtwoord', 'paswoord', 'password', 'passwort', 'welkom', 'welcome', 'geheim', 'secret',
	'hallo', 'hello', 'qwerty', 'azerty', 'qwertyuiop', 'asdfghjkl', 'letmein', 'iloveyou',
	'liefde', 'schatje', 'prinses', 'princess', 'voetbal', 'football', 'ajax', 'feyenoord',
	'zomer', 'summer', 'winter', 'zonneschijn', 'sunshine', 'monkey', 'dragon', 'admin',
	'burenhulp', 'emmen', 'drenthe', 'nederland', 'holland', 'amsterdam', 'test', 'abc',
]);

const SWAPS = { 0: 'o', 1: 'i', 3: 'e', 4: 'a', 5: 's', 7: 't', 8: 'b', '@': 'a', $: 's', '!': 'i' };

function stem(pw) {
	return pw.toLowerCase().replace(/^[\d\p{P}\p{S}\s]+|[\d\p{P}\p{S}\s]+$/gu, '');
}

function looksCommon(pw) {
	const s = stem(pw);
	if (!s)
		return true;	// only digits and symbols: "1234567890"
	const unswapped = s.replace(/[0134578@$!]/g, (c) => SWAPS[c] ?? c);
	const unit = /^(.+?)\1+$/.exec(s)?.[1] ?? s;	// "ajaxajax" → "ajax"
	return [s, unswapped, unit, pw.toLowerCase()].some((w) => COMMON.has(w));
}

// Few different characters, or mostly steps of one ("abcdefghij", "aaaa...").
function repetitive(pw) {
	const chars = [...pw];
	if (new Set(chars).size < 5)
		return true;
	let steps = 0;
	for (let i = 1; i < chars.length; i++)
		if (Math.abs(chars[i].codePointAt(0) - chars[i - 1].codePointAt(0)) <= 1)
			steps++;
	return steps > 3 + 0.09 * chars.length;
}

// Bits of a guess at random over the kinds of characters used.
function bits(pw) {
	let pool = 0;
	if (/[a-z]/.test(pw)) pool += 26;
	if (/[A-Z]/.test(pw)) pool += 26;
	if (/\d/.test(pw)) pool += 10;
	if (/[^A-Za-z\d]/.test(pw)) pool += 33;
	return [...pw].length * Math.log2(Math.max(pool, 2));
}

/** The verdict on pw: {level: 'weak'|'fair'|'strong', why}, or null when empty. */
export function judge(pw) {
	if (!pw)
		return null;
	if ([...pw].length < MIN_LENGTH)
		return { level: 'weak', why: 'too_short' };
	if (looksCommon(pw))
		return { level: 'weak', why: 'common' };
	if (repetitive(pw))
		return { level: 'weak', why: 'repetitive' };
	if (bits(pw) < 60)
		return { level: 'fair', why: 'longer' };
	return { level: 'strong', why: 'strong' };
}

/** Puts a meter under input (a new-password field) and keeps it current. */
export function attachStrength(input) {
	const id = `${input.id}-strength`;
	const box = document.createElement('div');
	box.className = 'strength';
	box.id = id;
	const bar = document.createElement('div');
	bar.className = 'strength-bar';
	bar.setAttribute('aria-hidden', 'true');
	for (let i = 0; i < 3; i++)
		bar.append(document.createElement('span'));
	const text = document.createElement('p');
	text.className = 'strength-text';
	text.id = `${id}-text`;
	text.setAttribute('aria-live', 'polite');
	box.append(bar, text);
	input.after(box);
	const described = (input.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
	input.setAttribute('aria-describedby', [...described, text.id].join(' '));

	// What the server refused as common (422 common_password at this field)
	// is weak here too, so the meter never contradicts the error above it.
	const refused = new Set();
	const field = input.closest('.field');
	if (field)
		new MutationObserver(() => {
			const err = field.querySelector(':scope > .field-error');
			if (err && !err.hidden && /\.common_password$/.test(err.dataset.i18n || '')) {
				refused.add(input.value);
				update();
			}
		}).observe(field, { subtree: true, childList: true, attributes: true, attributeFilter: ['hidden', 'data-i18n'] });

	let last = '';
	const update = () => {
		const v = refused.has(input.value) ? { level: 'weak', why: 'common' } : judge(input.value);
		const key = v ? `${v.level}:${v.why}` : '';
		if (key === last)
			return;
		last = key;
		box.dataset.level = v ? v.level : '';
		if (v)
			setText(text, 'strength.verdict', { level: v.level, why: v.why });
		else {
			delete text.dataset.i18n;
			delete text.dataset.i18nVars;
			text.textContent = '';
		}
	};
	input.addEventListener('input', update);
	update();
	return box;
}
