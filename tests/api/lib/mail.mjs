// mail.mjs — what the mail tests read: the stack's local SMTP server keeps
// every mail it accepted as one RFC 5322 file in $BURENHULP_VAR/mail/new/
// (scripts/up, scripts/smtp_dev.py). parseMail() takes one apart the way a
// mail reader would: headers unfolded and RFC 2047 encoded-words decoded
// (raw values kept too), the body decoded from base64 or quoted-printable
// as its Content-Transfer-Encoding says. waitForMail() polls the folder
// until the mails a test expects are there.

import { readdir, readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VAR, sleep } from './client.mjs';

export const MAILDIR = join(VAR, 'mail', 'new');

// The base of every link in a mail (BURENHULP_PUBLIC_URL of scripts/up),
// as the mailer's config has it.
export function publicUrl() {
  const conf = readFileSync(join(VAR, 'etc', 'mailer.conf'), 'utf8');
  const m = /^public_url\s*=\s*(.*)$/m.exec(conf);
  return (m ? m[1].trim() : 'http://localhost:8080').replace(/\/+$/, '');
}

// Decodes the encoded-words of one (unfolded) header value; whitespace
// between two adjacent encoded-words is dropped (RFC 2047 6.2).
export function decodeWords(value) {
  const word = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g;
  const joined = value.replace(/(=\?[^?\s]+\?[BbQq]\?[^?\s]*\?=)\s+(?==\?)/g, '$1');
  return joined.replace(word, (_, charset, enc, text) => {
    if (!/^utf-8$/i.test(charset)) throw new Error(`unexpected charset ${charset}`);
    const bytes = enc.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64')
      : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g,
        (m, h) => String.fromCharCode(parseInt(h, 16))), 'latin1');
    return bytes.toString('utf8');
  });
}

function decodeQP(text) {
  const soft = text.replace(/=\r?\n/g, '');
  const bytes = [];
  for (let i = 0; i < soft.length; i++) {
    if (soft[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(soft.charCodeAt(i) & 0xff);
  }
  return Buffer.from(bytes).toString('utf8');
}

// {raw, headers: [{name, raw, value}], header(name) (first, decoded),
// headerAll(name), rawHeader(name), body (decoded text), bodyRaw}.
export function parseMail(raw) {
  const text = raw.toString('latin1');	// bytes as they are; decoded per part
  const split = /\r?\n\r?\n/.exec(text);
  const head = split ? text.slice(0, split.index) : text;
  const bodyRaw = split ? text.slice(split.index + split[0].length) : '';
  const headers = [];
  for (const line of head.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && headers.length) headers[headers.length - 1].raw += '\r\n' + line;
    else {
      const i = line.indexOf(':');
      if (i > 0) headers.push({ name: line.slice(0, i), raw: line.slice(i + 1) });
    }
  }
  for (const h of headers) {
    const unfolded = h.raw.replace(/\r\n(?=[ \t])/g, '').trim();
    h.value = decodeWords(unfolded);
  }
  const find = (n) => headers.filter((h) => h.name.toLowerCase() === n.toLowerCase());
  const cte = (find('Content-Transfer-Encoding')[0]?.value ?? '7bit').toLowerCase();
  let body;
  if (cte === 'base64') body = Buffer.from(bodyRaw.replace(/\s+/g, ''), 'base64').toString('utf8');
  else if (cte === 'quoted-printable') body = decodeQP(bodyRaw);
  else body = Buffer.from(bodyRaw, 'latin1').toString('utf8');
  return {
    raw: text,
    headers,
    header: (n) => find(n)[0]?.value ?? null,
    headerAll: (n) => find(n).map((h) => h.value),
    rawHeader: (n) => find(n)[0]?.raw ?? null,
    body,
    bodyRaw,
  };
}

// Parsed files by name: a maildir file never changes once in new/.
const cache = new Map();

// Every mail in the folder now, oldest first (by file time), parsed.
export async function readMails() {
  let names;
  try {
    names = await readdir(MAILDIR);
  } catch (e) {
    if (e.code === 'ENOENT') return [];
    throw e;
  }
  const out = [];
  for (const name of names) {
    let m = cache.get(name);
    if (!m) {
      try {
        m = parseMail(await readFile(join(MAILDIR, name)));
      } catch (e) {
        if (e.code === 'ENOENT') continue;
        throw e;
      }
      m.file = name;
      // Maildir names begin with the delivery time in seconds.
      m.delivered = Number(name.split('.')[0]) || 0;
      cache.set(name, m);
    }
    out.push(m);
  }
  return out.sort((a, b) => a.delivered - b.delivered || a.file.localeCompare(b.file));
}

// Mails matching {to, kind (X-Burenhulp-Kind), subject (a RegExp or a
// string it holds)}.
export async function findMails({ to, kind, subject } = {}) {
  const all = await readMails();
  return all.filter((m) =>
    (to === undefined || (m.header('To') ?? '').toLowerCase() === to.toLowerCase()) &&
    (kind === undefined || m.header('X-Burenhulp-Kind') === kind) &&
    (subject === undefined || (subject instanceof RegExp ? subject.test(m.header('Subject') ?? '')
      : (m.header('Subject') ?? '').includes(subject))));
}

// Waits until at least count mails match (default 1) and returns them
// (all that match); throws after timeout ms naming what it waited for.
export async function waitForMail({ to, kind, subject, count = 1, timeout = 20_000 } = {}) {
  const t0 = Date.now();
  for (;;) {
    const found = await findMails({ to, kind, subject });
    if (found.length >= count) return found;
    if (Date.now() - t0 > timeout)
      throw new Error(`no ${count > 1 ? count + ' mails' : 'mail'} to ${to ?? 'anyone'}` +
        `${kind ? ' of kind ' + kind : ''}${subject ? ' with subject ' + subject : ''}` +
        ` in ${MAILDIR} after ${timeout} ms (found ${found.length})`);
    await sleep(100);
  }
}
