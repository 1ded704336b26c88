// The dictionaries: Dutch and English have exactly the same keys, and every
// key the pages and modules use exists (no browser needed).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const web = join(repo, 'web');

function flatten(obj, prefix = '', out = new Map()) {
	for (const [k, v] of Object.entries(obj)) {
		const key = prefix ? `${prefix}.${k}` : k;
		if (v && typeof v === 'object' && !('other' in v))
			flatten(v, key, out);
		else
			out.set(key, v);
	}
	return out;
}

function files(dir, ext, out = []) {
	for (const name of readdirSync(dir)) {
		const p = join(dir, name);
		if (statSync(p).isDirectory()) {
			if (name !== 'admin')
				files(p, ext, out);
		} else if (name.endsWith(ext)) {
			out.push(p);
		}
	}
	return out;
}

const nl = flatten(JSON.parse(readFileSync(join(web, 'i18n', 'nl.json'), 'utf8')));
const en = flatten(JSON.parse(readFileSync(join(web, 'i18n', 'en.json'), 'utf8')));

test('nl.json and en.json have the same keys', () => {
	const onlyNl = [...nl.keys()].filter((k) => !en.has(k));
	const onlyEn = [...en.keys()].filter((k) => !nl.has(k));
	assert.deepEqual({ onlyNl, onlyEn }, { onlyNl: [], onlyEn: [] });
});

test('placeholders match between the languages', () => {
	const names = (v) => JSON.stringify(v).match(/\{\w+/g)?.sort() ?? [];
	const bad = [...nl.keys()].filter((k) => en.has(k) && JSON.stringify([...new Set(names(nl.get(k)))]) !== JSON.stringify([...new Set(names(en.get(k)))]));
	assert.deepEqual(bad, []);
});

test('every key used in web/ exists in both dictionaries', () => {
	const used = new Set();
	for (const f of files(web, '.html')) {
		const s = readFileSync(f, 'utf8');
		for (const m of s.matchAll(/data-i18n="([^"]+)"/g))
			used.add(m[1]);
		for (const m of s.matchAll(/data-i18n-attr="([^"]+)"/g))
			for (const pair of m[1].split(';'))
				used.add(pair.split(':')[1].trim());
		for (const m of s.matchAll(/data-busy-key="([^"]+)"/g))
			used.add(m[1]);
	}
	for (const f of files(join(web, 'js'), '.js')) {
		const s = readFileSync(f, 'utf8');
		for (const m of s.matchAll(/'([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+)'/g))
			if (!/\.(js|json|html|css|svg)$/.test(m[1]))
				used.add(m[1]);
	}
	// API field names that look like keys.
	used.delete('when.start');
	used.delete('when.end');
	used.delete('alert.radius_km');
	// The kinds of notification (API names), each named at kinds.<kind>.
	const kinds = ['request.approved', 'request.rejected', 'match.responded', 'match.invited', 'match.accepted',
		'match.declined', 'match.cancelled', 'match.completed', 'message.new', 'match.reminder', 'match.checkin',
		'alert.request', 'alert.vacancy', 'vog.expiring', 'caregiver_check.reminder', 'vacancy.response', 'circle.request', 'circle.unanswered', 'account.email_verify', 'account.password_reset'];
	for (const k of kinds) {
		used.delete(k);
		used.add(`kinds.${k}`);
	}
	for (const f of ['instant', 'daily', 'off'])
		used.add(`freq.${f}`);
	// Keys built at run time.
	for (const kind of ['request', 'offer', 'match'])
		for (const s of { request: ['pending', 'open', 'matched', 'completed', 'cancelled', 'rejected', 'hidden', 'expired'],
			offer: ['pending', 'active', 'paused', 'rejected', 'hidden'],
			match: ['responded', 'invited', 'accepted', 'declined', 'completed', 'cancelled'] }[kind])
			used.add(`status.${kind}.${s}`);
	for (const s of ['responded', 'invited', 'accepted', 'declined', 'completed', 'cancelled'])
		used.add(`match.nothing_${s}`);
	for (const d of ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'])
		used.add(`days.${d}`);
	for (const r of ['resident', 'caregiver', 'volunteer', 'professional', 'moderator', 'admin'])
		used.add(`roles.${r}.name`);
	for (const c of ['required', 'wrong_type', 'invalid', 'too_short', 'too_long', 'out_of_range', 'invalid_utf8', 'not_allowed', 'unknown', 'unknown_postcode', 'taken'])
		used.add(`errors.code.${c}`);
	const pageJs = readFileSync(join(web, 'js', 'page.js'), 'utf8');
	const flashes = pageJs.match(/const FLASHES = \[([^\]]+)\]/)[1].match(/'(\w+)'/g).map((x) => x.slice(1, -1));
	for (const f of flashes)
		used.add(`flash.${f}`);
	const prefixes = [...nl.keys()].filter((k) => typeof nl.get(k) === 'object');
	const missing = [...used].filter((k) => !nl.has(k) && !prefixes.some((p) => p === k)).sort();
	assert.deepEqual(missing, []);
});
