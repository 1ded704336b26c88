// Plurals and numbers with Intl (issue 19 part 2), in node without a browser:
// web/js/i18n.js picks a message's plural form with Intl.PluralRules of the
// page's language (never "count == 1") and formats numbers and dates with
// Intl in that language.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { format, formatValue, pluralForm, locale, isPlural } from '../../web/js/i18n.js';

const POLISH = { one: '{count} prośba', few: '{count} prośby', many: '{count} próśb', other: '{count} prośby (ułamek)' };
const ARABIC = { zero: 'لا طلبات', one: 'طلب واحد', two: 'طلبان', few: '{count} طلبات', many: '{count} طلبًا', other: '{count} طلب' };
const UKRAINIAN = { one: '{count} запит', few: '{count} запити', many: '{count} запитів', other: '{count} запиту' };

test('Polish: 1 is "one", 2 and 22 are "few", 5 and 12 are "many"', () => {
	const pl = locale('pl');
	assert.equal(format(POLISH, { count: 1 }, pl), '1 prośba');
	assert.equal(format(POLISH, { count: 2 }, pl), '2 prośby');
	assert.equal(format(POLISH, { count: 5 }, pl), '5 próśb');
	assert.equal(format(POLISH, { count: 12 }, pl), '12 próśb');
	assert.equal(format(POLISH, { count: 22 }, pl), '22 prośby');
	assert.equal(format(POLISH, { count: 1.5 }, pl), '1,5 prośby (ułamek)');
});

test('Arabic: zero, one, two, few (3–10), many (11–99) and other (100)', () => {
	const ar = locale('ar');
	assert.equal(format(ARABIC, { count: 0 }, ar), 'لا طلبات');
	assert.equal(format(ARABIC, { count: 1 }, ar), 'طلب واحد');
	assert.equal(format(ARABIC, { count: 2 }, ar), 'طلبان');
	assert.equal(format(ARABIC, { count: 3 }, ar), '3 طلبات');
	assert.equal(format(ARABIC, { count: 11 }, ar), '11 طلبًا');
	assert.equal(format(ARABIC, { count: 100 }, ar), '100 طلب');
});

test('Ukrainian: 21 is "one", 3 is "few", 11 is "many"', () => {
	const uk = locale('uk');
	assert.equal(format(UKRAINIAN, { count: 21 }, uk), '21 запит');
	assert.equal(format(UKRAINIAN, { count: 3 }, uk), '3 запити');
	assert.equal(format(UKRAINIAN, { count: 11 }, uk), '11 запитів');
});

test('Dutch and English: 1 is "one", 0 and 2 are "other"', () => {
	const m = { one: '1 hulpvraag', other: '{count} hulpvragen' };
	assert.equal(format(m, { count: 1 }, locale('nl')), '1 hulpvraag');
	assert.equal(format(m, { count: 0 }, locale('nl')), '0 hulpvragen');
	assert.equal(format(m, { count: 2 }, locale('en')), '2 hulpvragen');
});

test('a form the message lacks falls back to "other"; no count is "other"', () => {
	assert.equal(pluralForm({ one: 'a', other: 'b' }, 2, locale('pl')), 'b');
	assert.equal(pluralForm({ one: 'a', other: 'b' }, undefined, locale('nl')), 'b');
});

test('a group of keys that happens to have an "other" key is no plural message', () => {
	assert.equal(isPlural({ one: 'a', other: 'b' }), true);
	assert.equal(isPlural({ not_help: 'a', other: 'b' }), false);
	assert.equal(format({ not_help: 'a', other: 'b' }, {}), null);
});

test('numbers and dates in the language of the page', () => {
	assert.equal(formatValue(1234.5, 'number', locale('nl')), '1.234,5');
	assert.equal(formatValue(1234.5, 'number', locale('en')), '1,234.5');
	assert.equal(formatValue(12345.5, 'number', locale('pl')).replace(/\s/g, ' '), '12 345,5');
	assert.equal(formatValue(12345.5, 'number', locale('ar')), '12,345.5');
	const at = '2026-03-05T12:00:00Z';
	assert.match(formatValue(at, 'date', locale('nl')), /^5 maart 2026$/);
	assert.match(formatValue(at, 'date', locale('tr')), /^5 Mart 2026$/);
	assert.match(formatValue(at, 'date', locale('uk')), /^5 березня 2026/);
	assert.match(formatValue(at, 'date', locale('pl')), /^5 marca 2026$/);
	assert.match(formatValue(at, 'date', locale('ar')), /مارس|آذار/);
	assert.match(formatValue(at, 'date', locale('ar')), /2026/, 'Latin digits in Arabic');
});
