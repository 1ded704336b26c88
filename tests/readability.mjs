#!/usr/bin/env node
// tests/readability.mjs — the readability of the site's Dutch, by the
// Flesch–Douma score (Douma 1960, Flesch's reading ease fitted to Dutch):
//
//   206.835 − 0.93 × (words / sentences) − 77 × (syllables / words)
//
// Over 80 reads easily (B1 and below), 60–70 is ordinary newspaper Dutch,
// under 50 is hard. The easy-to-read layer web/i18n/nl-b1.json (issue 19
// part 1) must score at least MIN_SCORE, over all its messages and over its
// prose alone (messages of PROSE_WORDS words or more); nl.json is printed beside it, over
// the same keys and whole, for comparison.
//
// Counting, kept simple and stated here so the number can be checked by
// hand:
//   - a text is every message of the file (each plural form one text); the
//     header "_meta" is not a message; {placeholders} are left out;
//   - a sentence ends at . ! ? or … (followed by a space or the end), and
//     the end of a message ends one too (a label is a sentence);
//   - a word is a run of letters (with - and ’ inside it: "e-mailadres" is
//     one word); numbers and postcodes are not words;
//   - syllables are vowel groups (a e i o u y, and "ij"): a run of vowels
//     is one syllable per diphthong ij ei ui oe ou au eu ie aa ee oo uu
//     (and the triphthongs aai ooi oei ieu eeu eau, and ai: "mail",
//     "trainen"; Dutch marks a split ai with ¨), one per other vowel
//     ("theater": the-a-ter); a diaeresis starts a new syllable ("ruïne",
//     "ideeën"). At least one syllable per word.
//
// Run: node tests/readability.mjs [file.json ...]   (default: the B1 layer)
// Exit 1 when a file scores below MIN_SCORE. tests/web/b1_readability.test.mjs
// runs the same functions under the test runner.

import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const MIN_SCORE = 70;
const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
export const B1_FILE = join(repo, 'web', 'i18n', 'nl-b1.json');
export const NL_FILE = join(repo, 'web', 'i18n', 'nl.json');

const PLURAL_FORMS = ['zero', 'one', 'two', 'few', 'many', 'other'];
const UNITS = ['aai', 'ooi', 'oei', 'ieu', 'eeu', 'eau',
	'ÿ', 'ei', 'ui', 'oe', 'ou', 'au', 'eu', 'ie', 'aa', 'ee', 'oo', 'uu', 'ai'];
const VOWEL = /[aeiouyÿ]/;
const DIAERESIS = { 'ä': 'a', 'ë': 'e', 'ï': 'i', 'ö': 'o', 'ü': 'u' };

/** The number of syllables of one Dutch word, by vowel groups (see the head). */
export function syllables(word) {
	let w = word.toLowerCase().replace(/ij/g, 'ÿ');
	// é, è, á, ó, ê … are their vowel; ¨ is kept apart as a syllable break.
	w = [...w].map((c) => {
		if (DIAERESIS[c])
			return `|${DIAERESIS[c]}`;
		return c.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
	}).join('');
	let count = 0;
	for (const chunk of w.split('|')) {
		for (const run of chunk.match(/[aeiouyÿ]+/g) || []) {
			let i = 0;
			while (i < run.length) {
				const unit = UNITS.find((u) => run.startsWith(u, i));
				i += unit ? unit.length : 1;
				count++;
			}
		}
	}
	return Math.max(1, count);
}

/** The words of a text: runs of letters, with - and ’ inside. */
export function words(text) {
	return text.match(/\p{L}+(?:[-’']\p{L}+)*/gu) || [];
}

/** The sentences of a text that hold at least one word. */
export function sentences(text) {
	return text.split(/[.!?…]+(?=\s|$)/u).filter((s) => words(s).length > 0);
}

/** Counts and the Flesch–Douma score over a list of texts. */
export function fleschDouma(texts) {
	let nSentences = 0;
	let nWords = 0;
	let nSyllables = 0;
	for (const raw of texts) {
		const text = raw.replace(/\{[^}]*\}/g, ' ');
		for (const s of sentences(text)) {
			nSentences++;
			for (const w of words(s)) {
				nWords++;
				nSyllables += syllables(w);
			}
		}
	}
	const score = nWords ? 206.835 - 0.93 * (nWords / nSentences) - 77 * (nSyllables / nWords) : 0;
	return { score, sentences: nSentences, words: nWords, syllables: nSyllables };
}

/** Every message of a message file as [key, text] (plural forms: one each). */
export function messages(obj, prefix = '', out = []) {
	for (const [k, v] of Object.entries(obj)) {
		if (!prefix && k.startsWith('_'))
			continue;
		const key = prefix ? `${prefix}.${k}` : k;
		if (typeof v === 'string')
			out.push([key, v]);
		else if (v && typeof v === 'object' && 'other' in v && Object.keys(v).every((f) => PLURAL_FORMS.includes(f)))
			for (const [f, s] of Object.entries(v))
				out.push([`${key}.${f}`, s]);
		else if (v && typeof v === 'object')
			messages(v, key, out);
	}
	return out;
}

export function readMessages(file) {
	return messages(JSON.parse(readFileSync(file, 'utf8')));
}

// The messages that are prose, not labels: PROSE_WORDS words or more. Labels
// ("Opslaan") are one short sentence each and lift any file's score; this
// is the harder figure.
export const PROSE_WORDS = 6;
function prose(list) {
	return list.map(([, s]) => s).filter((s) => words(s.replace(/\{[^}]*\}/g, ' ')).length >= PROSE_WORDS);
}

/** The B1 layer's score, and nl.json's over the same keys and whole. */
export function report() {
	const b1 = readMessages(B1_FILE);
	const nl = readMessages(NL_FILE);
	const b1Keys = new Set(b1.map(([k]) => k));
	return {
		b1: fleschDouma(b1.map(([, s]) => s)),
		nlSameKeys: fleschDouma(nl.filter(([k]) => b1Keys.has(k)).map(([, s]) => s)),
		nlWhole: fleschDouma(nl.map(([, s]) => s)),
		b1Prose: fleschDouma(prose(b1)),
		nlProse: fleschDouma(prose(nl.filter(([k]) => b1Keys.has(k)))),
	};
}

function line(name, r) {
	return `${name.padEnd(34)} Flesch–Douma ${r.score.toFixed(1).padStart(5)}  `
		+ `(${r.sentences} sentences, ${r.words} words, ${r.syllables} syllables; `
		+ `${(r.words / r.sentences).toFixed(2)} words/sentence, ${(r.syllables / r.words).toFixed(2)} syllables/word)`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	const files = process.argv.slice(2);
	let failed = false;
	if (files.length) {
		for (const f of files) {
			const r = fleschDouma(readMessages(f).map(([, s]) => s));
			console.log(line(f, r));
			failed ||= r.score < MIN_SCORE;
		}
	} else {
		const r = report();
		console.log(line('web/i18n/nl-b1.json', r.b1));
		console.log(line('web/i18n/nl.json (the same keys)', r.nlSameKeys));
		console.log(line('web/i18n/nl.json (whole)', r.nlWhole));
		console.log(line('nl-b1.json, prose only', r.b1Prose));
		console.log(line('nl.json, prose only (same keys)', r.nlProse));
		failed = r.b1.score < MIN_SCORE || r.b1Prose.score < MIN_SCORE;
	}
	if (failed)
		console.log(`FAIL: below ${MIN_SCORE}`);
	process.exit(failed ? 1 : 0);
}
