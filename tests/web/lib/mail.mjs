// tests/web/lib/mail.mjs — the mails the stack sent, as a user would find
// them: the stack's SMTP server keeps every mail as one RFC 5322 file in
// $BURENHULP_VAR/mail/new/ (maildir). A test waits for the mail to an
// address, reads its subject and text (RFC 2047 headers; base64 or
// quoted-printable UTF-8 bodies; multipart), and follows its link.
//
//   import { waitForMail, mailLink, verifyByMail } from './lib/mail.mjs';
//   const mail = await waitForMail(email, { link: '/email-bevestigen.html' });
//   await page.goto(mailLink(mail, '/email-bevestigen.html'));   // on BASE
//   await verifyByMail(email);   // the verification mail's token, as its link posts it
//
// Links in mails start with BURENHULP_PUBLIC_URL (http://localhost:PORT by
// default); mailLink() keeps their path and hash and puts them on BASE, so
// the browser keeps the session cookie it got from BASE.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { BASE, REPO } from './browser.mjs';

export const MAILDIR = process.env.BURENHULP_VAR ? join(process.env.BURENHULP_VAR, 'mail', 'new') : null;
export const HAS_MAILDIR = !!MAILDIR;   // the tests of mail itself need the folder

// ---------------------------------------------------------------- parsing

function decodeQP(text) {
	const bytes = [];
	const soft = text.replace(/=\r?\n/g, '');
	for (let i = 0; i < soft.length; i++) {
		const c = soft[i];
		if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3))) {
			bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
			i += 2;
		} else {
			bytes.push(...Buffer.from(c, 'utf8'));
		}
	}
	return Buffer.from(bytes);
}

/** Decodes RFC 2047 encoded-words ("=?UTF-8?B?...?=", "=?utf-8?Q?...?="). */
export function decodeWords(value) {
	return value
		.replace(/\?=\s+=\?/g, '?==?')
		.replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, charset, enc, data) => {
			const buf = enc.toUpperCase() === 'B'
				? Buffer.from(data, 'base64')
				: decodeQP(data.replace(/_/g, ' '));
			return buf.toString(/utf-?8/i.test(charset) ? 'utf8' : 'latin1');
		});
}

function splitHead(raw) {
	const m = raw.match(/\r?\n\r?\n/);
	const head = m ? raw.slice(0, m.index) : raw;
	const body = m ? raw.slice(m.index + m[0].length) : '';
	const headers = {};
	for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
		const i = line.indexOf(':');
		if (i > 0) {
			const name = line.slice(0, i).trim().toLowerCase();
			const value = line.slice(i + 1).trim();
			headers[name] = headers[name] ? `${headers[name]}, ${value}` : value;
		}
	}
	return { headers, body };
}

function param(value, name) {
	const m = (value || '').match(new RegExp(`${name}="?([^";]+)"?`, 'i'));
	return m ? m[1] : null;
}

// The text parts of a MIME entity, decoded: [{type, text}].
function parts(raw) {
	const { headers, body } = splitHead(raw);
	const type = (headers['content-type'] || 'text/plain').toLowerCase();
	if (type.startsWith('multipart/')) {
		const boundary = param(headers['content-type'], 'boundary');
		if (!boundary)
			return [];
		return body.split(`--${boundary}`).slice(1)
			.filter((p) => !p.startsWith('--'))
			.flatMap((p) => parts(p.replace(/^\r?\n/, '')));
	}
	const cte = (headers['content-transfer-encoding'] || '7bit').toLowerCase();
	let buf;
	if (cte === 'base64')
		buf = Buffer.from(body.replace(/\s+/g, ''), 'base64');
	else if (cte === 'quoted-printable')
		buf = decodeQP(body);
	else
		buf = Buffer.from(body, 'binary');
	return [{ type: type.split(';')[0].trim(), text: buf.toString('utf8') }];
}

/** One mail file → {file, headers, to, subject, text, html, links}. */
export function parseMail(raw, file = '') {
	const { headers } = splitHead(raw);
	const all = parts(raw);
	const text = all.filter((p) => p.type === 'text/plain').map((p) => p.text).join('\n');
	const html = all.filter((p) => p.type === 'text/html').map((p) => p.text).join('\n');
	const links = [...new Set([...`${text}\n${html}`.matchAll(/https?:\/\/[^\s<>"')]+/g)].map((m) => m[0].replace(/[.,;]+$/, '')))];
	return {
		file,
		headers,
		to: decodeWords(headers.to || ''),
		subject: decodeWords(headers.subject || ''),
		text,
		html,
		links,
	};
}

// ---------------------------------------------------------------- finding

function mailsTo(address) {
	if (!MAILDIR)
		return [];
	let names;
	try {
		names = readdirSync(MAILDIR);
	} catch {
		return [];
	}
	const want = address.toLowerCase();
	const out = [];
	for (const name of names) {
		const file = join(MAILDIR, name);
		let raw;
		try {
			raw = readFileSync(file, 'latin1');
		} catch {
			continue;
		}
		// Cheap test first: the address is in the headers as plain ASCII.
		if (!raw.toLowerCase().includes(want))
			continue;
		const mail = parseMail(raw, file);
		if (mail.to.toLowerCase().includes(want))
			out.push({ ...mail, mtime: statSync(file).mtimeMs });
	}
	return out.sort((a, b) => a.mtime - b.mtime);
}

/** Every mail to address so far, oldest first. */
export function mailsFor(address) {
	return mailsTo(address);
}

/**
 * Waits for a mail to address. options: link (a path its links must
 * contain), subject (RegExp), where (mail → boolean), after (skip mails
 * the test saw already: a count or a list), timeout (ms). Resolves to the
 * newest that fits.
 */
export async function waitForMail(address, { link, subject, where, after = 0, timeout = 45000 } = {}) {
	assert.ok(MAILDIR, 'BURENHULP_VAR is not set: cannot read the mail folder');
	const skip = Array.isArray(after) ? after.length : after;
	const until = Date.now() + timeout;
	for (;;) {
		const fits = mailsTo(address).slice(skip)
			.filter((m) => (!link || m.links.some((l) => l.includes(link))) && (!subject || subject.test(m.subject))
				&& (!where || where(m)));
		if (fits.length)
			return fits[fits.length - 1];
		if (Date.now() > until)
			assert.fail(`no mail to ${address}${link ? ` with a link to ${link}` : ''} in ${MAILDIR} within ${timeout / 1000}s`);
		await new Promise((r) => setTimeout(r, 250));
	}
}

/** The mail's link that contains path, moved onto BASE (path, query and hash kept). */
export function mailLink(mail, path) {
	const href = mail.links.find((l) => l.includes(path));
	assert.ok(href, `the mail "${mail.subject}" has no link to ${path}: ${mail.links.join(' ')}`);
	const u = new URL(href);
	return `${BASE}${u.pathname}${u.search}${u.hash}`;
}

/** The token in a link's #token=... */
export function tokenOf(url) {
	const t = new URLSearchParams(new URL(url).hash.slice(1)).get('token');
	assert.ok(t, `no token in ${url}`);
	return t;
}

/** True when the stack has an SMTP server keeping mail (scripts/up made the folder). */
export function mailerRuns() {
	try {
		return !!MAILDIR && statSync(MAILDIR).isDirectory();
	} catch {
		return false;
	}
}

// The token of the newest verification mail in the outbox, read by the
// operator's command (for a stack without an SMTP server of its own).
function outboxToken(address, kind = '--verify') {
	const out = spawnSync(join(REPO, 'scripts', 'ctl'), ['outbox-token', '--email', address, ...(kind ? [kind] : [])], {
		cwd: REPO, env: process.env, encoding: 'utf8', timeout: 60000,
	});
	assert.equal(out.status, 0, `scripts/ctl outbox-token ${kind}: ${out.stderr}`);
	return out.stdout.trim().split(/\s+/).pop();
}

/**
 * Confirms address the way its verification mail's link does: waits for
 * the mail, takes the token from its link and posts it as
 * email-bevestigen.html would (POST /accounts/verify). Where the stack
 * keeps no mail (no $BURENHULP_VAR/mail/new) the token comes from the
 * outbox through `scripts/ctl outbox-token --verify`, as the API tests'
 * fixture takes it; the tests of the mail itself never do.
 */
export async function verifyByMail(address) {
	let mail = null;
	let token;
	if (mailerRuns()) {
		mail = await waitForMail(address, { link: '/email-bevestigen.html' });
		token = tokenOf(mailLink(mail, '/email-bevestigen.html'));
	} else {
		token = outboxToken(address);
	}
	const res = await fetch(`${BASE}/api/v1/accounts/verify`, {
		method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token }),
	});
	assert.equal(res.status, 204, `verify ${address}: ${res.status} ${await res.text()}`);
	return mail;
}

/**
 * The link of the newest password-reset mail to address, on BASE, and the
 * mail ({url, mail}); mail is null where the stack keeps no mail and the
 * token came from the outbox (see verifyByMail).
 */
export async function resetLink(address, { after = 0 } = {}) {
	if (!mailerRuns())
		return { url: `${BASE}/wachtwoord-herstellen.html#token=${encodeURIComponent(outboxToken(address, ''))}`, mail: null };
	const mail = await waitForMail(address, { link: '/wachtwoord-herstellen.html', after });
	return { url: mailLink(mail, '/wachtwoord-herstellen.html'), mail };
}

/** The link of the newest verification mail to address, on BASE: {url, mail} (see resetLink). */
export async function verifyLink(address, { after = 0 } = {}) {
	if (!mailerRuns())
		return { url: `${BASE}/email-bevestigen.html#token=${encodeURIComponent(outboxToken(address))}`, mail: null };
	const mail = await waitForMail(address, { link: '/email-bevestigen.html', after });
	return { url: mailLink(mail, '/email-bevestigen.html'), mail };
}
