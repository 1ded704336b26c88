// The easy-to-read layer (web/i18n/nl-b1.json, issue 19 part 1) reads at
// B1: a Flesch–Douma score of at least 70 over its messages, and over its
// prose alone (tests/readability.mjs says how it counts). nl.json's score is
// printed beside it. No browser needed.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { syllables, words, sentences, fleschDouma, report, MIN_SCORE } from '../readability.mjs';

test('the syllable counter counts Dutch vowel groups, diphthongs as one, a diaeresis as a break', () => {
	const known = {
		huis: 1, nieuw: 1, eeuw: 1, mooi: 1, buurt: 1, knie: 1, mail: 1, trein: 1,
		hulpvraag: 2, moeilijk: 2, draaien: 2, idee: 2, bureau: 2, café: 2, helpen: 2,
		boodschappen: 3, mailadres: 3, ziekenhuis: 3, theater: 3, beambte: 3, ruïne: 3, ideeën: 3, gezondheid: 3, uitloggen: 3,
		vrijwilliger: 4, mantelzorger: 4, geïnteresseerd: 5,
	};
	const got = Object.fromEntries(Object.keys(known).map((w) => [w, syllables(w)]));
	assert.deepEqual(got, known);
	assert.equal(syllables('Huis'), 1, 'case does not matter');
	assert.equal(syllables('brr'), 1, 'a word has at least one syllable');
});

test('words and sentences: numbers are no words, . ! ? end a sentence, a label is one', () => {
	assert.deepEqual(words('Typ 7811 AB, of e-mailadres.'), ['Typ', 'AB', 'of', 'e-mailadres']);
	assert.equal(sentences('Kijk in uw mail. Klik op de link! Gelukt?').length, 3);
	assert.equal(sentences('Opslaan').length, 1);
	assert.equal(sentences('1,5 uur. …').length, 1, 'a number is not a sentence');
	// 206.835 − 0.93 × 6/2 − 77 × 6/6 = 127.045
	const r = fleschDouma(['Ik ga naar huis. Jij ook?']);
	assert.deepEqual({ sentences: r.sentences, words: r.words, syllables: r.syllables }, { sentences: 2, words: 6, syllables: 6 });
	assert.ok(Math.abs(r.score - 127.045) < 1e-9);
	// Long words in a long sentence score low: this is not B1.
	assert.ok(fleschDouma(['Ondersteuningsmogelijkheden voor mantelzorgers worden geïnventariseerd door de gemeentelijke organisatie.']).score < 0);
	assert.equal(fleschDouma(['Hulp bij: {name}']).words, 2, 'placeholders are left out');
});

test(`the B1 layer scores at least ${MIN_SCORE} (Flesch–Douma), over all its messages and its prose`, (t) => {
	const r = report();
	const fmt = (x) => `${x.score.toFixed(1)} (${x.words} words, ${x.sentences} sentences)`;
	t.diagnostic(`nl-b1.json: ${fmt(r.b1)}; prose only: ${fmt(r.b1Prose)}`);
	t.diagnostic(`nl.json over the same keys: ${fmt(r.nlSameKeys)}; prose only: ${fmt(r.nlProse)}; whole: ${fmt(r.nlWhole)}`);
	console.log(`readability: nl-b1.json ${r.b1.score.toFixed(1)} (prose ${r.b1Prose.score.toFixed(1)}); nl.json same keys ${r.nlSameKeys.score.toFixed(1)} (prose ${r.nlProse.score.toFixed(1)}), whole ${r.nlWhole.score.toFixed(1)}`);
	assert.ok(r.b1.score >= MIN_SCORE, `nl-b1.json: ${fmt(r.b1)}`);
	assert.ok(r.b1Prose.score >= MIN_SCORE, `nl-b1.json prose: ${fmt(r.b1Prose)}`);
	assert.ok(r.b1Prose.score > r.nlProse.score, 'easier than the Dutch it replaces');
});
