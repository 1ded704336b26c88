// client.mjs — the HTTP client every API test uses.
//
// One Client is one browser: its own cookie jar and the CSRF token it was
// handed (by POST /session or GET /session), which it sends on every unsafe
// request unless told not to. Every answer is checked against
// docs/openapi.yaml (spec.mjs); an answer the document does not describe
// throws a SpecError, so no test can pass on an undocumented answer. A test
// that deliberately calls something outside the document (an unknown path)
// passes {skipSpec: true} and checks the answer itself (assertProblem).
//
// Also here: helpers to make users, log in the demo accounts, run
// scripts/ctl, and search the state folder for plaintext markers.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, lstat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { REPO, BASE_PATH, validateResponse, validateProblem } from './spec.mjs';
import { claimCode, isDemoStaff, staffSession } from './totp.mjs';

export { REPO };
export const BASE_URL = (process.env.BURENHULP_URL || 'http://127.0.0.1:18080').replace(/\/+$/, '');
export const VAR = resolve(process.env.BURENHULP_VAR || join(REPO, 'var'));
export const DEMO_PASSWORD = 'burenhulp-demo';
export const DEMO = Object.freeze({
  resident: 'resident@demo.burenhulp.nl',
  caregiver: 'caregiver@demo.burenhulp.nl',
  volunteer: 'volunteer@demo.burenhulp.nl',
  professional: 'professional@demo.burenhulp.nl',
  moderator: 'moderator@demo.burenhulp.nl',
  admin: 'admin@demo.burenhulp.nl',
});
// A PC4 area of the demo municipality, and a well-formed one that does not exist.
export const DEMO_POSTCODE = '7811 AB';
export const DEMO_PC4 = '7811';
export const UNKNOWN_POSTCODE = '1000AA';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export class SpecError extends Error {
  constructor(message) { super(message); this.name = 'SpecError'; }
}

// Lower-case letters and digits, n characters.
export function randomTag(n = 10) {
  return randomBytes(n).toString('hex').slice(0, n);
}
export function uniqueEmail(tag = 'user') {
  return `t-${tag}-${randomTag(12)}@example.org`;
}
export function uniquePassword() {
  return `pw-${randomTag(12)}-Burenhulp!`;
}

// Parses one Set-Cookie line into {name, value, attrs: {lowercased: value|true}}.
export function parseSetCookie(line) {
  const [pair, ...rest] = line.split(';');
  const eq = pair.indexOf('=');
  const attrs = {};
  for (const a of rest) {
    const i = a.indexOf('=');
    const k = (i < 0 ? a : a.slice(0, i)).trim().toLowerCase();
    if (k) attrs[k] = i < 0 ? true : a.slice(i + 1).trim();
  }
  return { name: pair.slice(0, eq).trim(), value: pair.slice(eq + 1).trim(), attrs };
}

export class Client {
  constructor(name = 'client') {
    this.name = name;
    this.cookies = new Map();	// name → value
    this.csrf = null;
    this.user = null;
    this.lastSetCookies = [];	// parsed Set-Cookie lines of the last answer
  }

  // A second "browser" holding the same cookies and CSRF token (for proving
  // that a session is dead server-side after this one logs out).
  clone(name = this.name + '-clone') {
    const c = new Client(name);
    c.cookies = new Map(this.cookies);
    c.csrf = this.csrf;
    c.user = this.user;
    return c;
  }

  get sessionCookie() { return this.cookies.get('bh_session') ?? null; }

  _storeCookies(headers) {
    const lines = typeof headers.getSetCookie === 'function' ? headers.getSetCookie() : [];
    this.lastSetCookies = lines.map(parseSetCookie);
    for (const c of this.lastSetCookies) {
      const maxAge = c.attrs['max-age'];
      const expires = c.attrs.expires ? Date.parse(c.attrs.expires) : NaN;
      const gone = c.value === '' || (maxAge !== undefined && Number(maxAge) <= 0) ||
          (!Number.isNaN(expires) && expires <= Date.now());
      if (gone) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }

  // One request. path: "/accounts" (under /api/v1) or "/api/..." as is.
  // opts: json (a value sent as JSON), body + contentType (raw bytes/text),
  // headers, csrf (true: send the held token on unsafe methods; false: omit;
  // a string: send that), cookies (false: send none), skipSpec.
  // Returns {status, headers, body (parsed JSON, text, or null when empty), text}.
  async request(method, path, opts = {}) {
    method = method.toUpperCase();
    const url = BASE_URL + (path.startsWith('/api/') || path === '/api' ? path : BASE_PATH + path);
    const headers = { accept: 'application/json', ...(opts.headers ?? {}) };
    let body;
    if (opts.json !== undefined) {
      body = JSON.stringify(opts.json);
      headers['content-type'] = opts.contentType ?? 'application/json';
    } else if (opts.body !== undefined) {
      body = opts.body;
      if (opts.contentType !== undefined && opts.contentType !== null) headers['content-type'] = opts.contentType;
    }
    if (opts.cookies !== false && this.cookies.size > 0)
      headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (UNSAFE.has(method)) {
      const csrf = opts.csrf ?? true;
      if (typeof csrf === 'string') headers['x-csrf-token'] = csrf;
      else if (csrf && this.csrf) headers['x-csrf-token'] = this.csrf;
    }

    let r;
    try {
      r = await fetch(url, { method, headers, body, redirect: 'manual' });
    } catch (e) {
      throw new Error(`[${this.name}] ${method} ${url}: ${e.cause?.message ?? e.message} (is the stack up at ${BASE_URL}?)`);
    }
    const text = await r.text();
    const ct = (r.headers.get('content-type') || '').split(';')[0].trim().toLowerCase();
    let parsed = text.length ? text : null;
    if (text.length && (ct === 'application/json' || ct.endsWith('+json'))) {
      try { parsed = JSON.parse(text); } catch { parsed = text; }
    }
    const res = { status: r.status, headers: r.headers, body: parsed, text, method, path };
    this._storeCookies(r.headers);

    if (!opts.skipSpec) {
      const err = validateResponse(method, new URL(url).pathname, res);
      if (err) throw new SpecError(`[${this.name}] ${err}`);
    }

    // Nothing the API answers may be kept by a browser or a proxy: it is
    // someone's own data, or a list that a shared cache would serve stale.
    const p = new URL(url).pathname;
    if (p.startsWith('/api/') && !/(^|,)\s*no-store\s*(,|$)/i.test(r.headers.get('cache-control') ?? ''))
      throw new Error(`[${this.name}] ${method} ${p} → ${r.status} without Cache-Control: no-store ` +
        `(got ${JSON.stringify(r.headers.get('cache-control'))})`);
    if (p === BASE_PATH + '/session') {
      if ((method === 'POST' || method === 'GET') && r.status === 200 && parsed && typeof parsed === 'object') {
        if (typeof parsed.csrf_token === 'string') this.csrf = parsed.csrf_token;
        if (parsed.user) this.user = parsed.user;
      } else if (method === 'DELETE' && r.status === 204) {
        this.csrf = null;
        this.user = null;
      }
    }
    return res;
  }

  get(path, opts) { return this.request('GET', path, opts); }
  post(path, json, opts = {}) { return this.request('POST', path, json === undefined ? opts : { ...opts, json }); }
  patch(path, json, opts = {}) { return this.request('PATCH', path, json === undefined ? opts : { ...opts, json }); }
  put(path, json, opts = {}) { return this.request('PUT', path, json === undefined ? opts : { ...opts, json }); }
  delete(path, json, opts = {}) { return this.request('DELETE', path, json === undefined ? opts : { ...opts, json }); }

  // Arbitrary bytes with an arbitrary content type (null: no content type).
  raw(method, path, body, contentType = 'application/json', opts = {}) {
    return this.request(method, path, { ...opts, body, contentType });
  }

  // POST /session; on 200 the client holds the cookie and the CSRF token.
  login(email, password, opts = {}) {
    return this.post('/session', { email, password }, opts);
  }

  // Logs in and insists on 200.
  async mustLogin(email, password) {
    const res = await this.login(email, password);
    assertStatus(res, 200, `login of ${email}`);
    return res;
  }

  logout(opts = {}) { return this.delete('/session', undefined, opts); }
}

// ---------------------------------------------------------------- assertions

function describe(res) {
  const b = typeof res.body === 'string' ? res.body.slice(0, 500) : JSON.stringify(res.body);
  return `${res.method} ${res.path} → ${res.status} ${b ?? ''}`;
}

export function assertStatus(res, status, what = '') {
  const want = Array.isArray(status) ? status : [status];
  assert.ok(want.includes(res.status),
    `${what ? what + ': ' : ''}expected ${want.join(' or ')}, got ${describe(res)}`);
}

// The answer is problem+json with this status and code; with field, errors[]
// names that field (and fieldCode, when given, as its code).
export function assertProblem(res, status, code, field, fieldCode) {
  assertStatus(res, status);
  const err = validateProblem(res, status, code);
  assert.equal(err, null, `${describe(res)}: ${err}`);
  if (field !== undefined) assertFieldError(res, field, fieldCode);
}

// field names the offending field; its items count too ("roles" matches
// "roles[0]", as valid.h names them).
export function assertFieldError(res, field, fieldCode) {
  const errors = Array.isArray(res.body?.errors) ? res.body.errors : [];
  const hit = errors.find((e) => e.field === field || (typeof e.field === 'string' && e.field.startsWith(field + '[')));
  assert.ok(hit, `expected errors[] to name field "${field}", got ${describe(res)}`);
  if (fieldCode !== undefined) {
    const codes = Array.isArray(fieldCode) ? fieldCode : [fieldCode];
    assert.ok(codes.includes(hit.code),
      `field "${field}": expected code ${codes.join(' or ')}, got "${hit.code}" in ${describe(res)}`);
  }
}

// ------------------------------------------------------------------- people

// POST /accounts with unique e-mail and password; fields override the
// defaults (a field set to undefined is left out). opts go to the request.
// Returns {res, email, password, fields}.
export async function register(roles = ['resident'], fields = {}, client = new Client('register'), opts = {}) {
  const email = fields.email ?? uniqueEmail(Array.isArray(roles) ? roles.join('-') : String(roles));
  const password = fields.password ?? uniquePassword();
  const body = {
    email,
    password,
    display_name: `Test ${randomTag(6)}`,
    postcode: DEMO_POSTCODE,
    roles: Array.isArray(roles) ? roles : [roles],
    accept_terms: true,
    ...fields,
  };
  const res = await client.post('/accounts', body, opts);
  return { res, email, password, fields: body };
}

// Confirms the address of a fresh registration the way its mail's link
// does (POST /accounts/verify), with the token the operator's command reads
// from the outbox: the fixture does not wait for the mailer. The mail
// itself is tested in notifications.test.mjs.
export async function verifyEmail(email) {
  const out = ctl(['outbox-token', '--email', email, '--verify']);
  if (out.status !== 0) throw new Error(`outbox-token --verify for ${email}: ${out.stderr.trim()}`);
  const res = await new Client('verify').post('/accounts/verify', { token: out.stdout.trim() });
  assertStatus(res, 204, `verification of ${email}`);
}

// Registers (roles the user may choose themself), confirms the address
// (unless opts.unverified) and logs in a fresh client. The client carries
// .email, .password and .user.
export async function newUser(roles = ['resident'], fields = {}, name, opts = {}) {
  const { res, email, password, fields: sent } = await register(roles, fields);
  assertStatus(res, 201, `registration of ${email}`);
  if (!opts.unverified) await verifyEmail(email);
  const client = new Client(name ?? `user-${[].concat(roles).join('+')}`);
  await client.mustLogin(email, password);
  client.email = email;
  client.password = password;
  client.registered = sent;
  return client;
}

// A client logged in as one of the demo accounts. The demo moderator and
// admin have two-step login on (staff must): their session is the one every
// test process shares, made with a claimed code (lib/totp.mjs).
export async function asDemo(role) {
  const c = new Client(`demo-${role}`);
  if (isDemoStaff(DEMO[role])) {
    const s = await staffSession(DEMO[role], BASE_URL);
    const eq = s.cookie.indexOf('=');
    c.cookies.set(s.cookie.slice(0, eq), s.cookie.slice(eq + 1));
    c.csrf = s.csrf;
    c.user = s.user;
  } else {
    await c.mustLogin(DEMO[role], DEMO_PASSWORD);
  }
  c.email = DEMO[role];
  c.password = DEMO_PASSWORD;
  return c;
}

// Turns on two-step login for a logged-in client that carries .email and
// .password (a staff member the test made): enrols with the password,
// confirms with a claimed code. The session goes on, now with both factors
// (its other sessions end). Sets and returns c.totpSecret; c.recoveryCodes.
export async function enrolTotp(c) {
  const enrol = await c.post('/me/mfa/totp', { password: c.password });
  assertStatus(enrol, 201, `enrolment of ${c.email}`);
  const conf = await c.post('/me/mfa/totp/confirm', { code: await claimCode(c.email, enrol.body.secret) });
  assertStatus(conf, 200, `confirmation of ${c.email}`);
  c.totpSecret = enrol.body.secret;
  c.recoveryCodes = conf.body.recovery_codes;
  return c.totpSecret;
}

// Logs client c in with password and a claimed code of secret.
export async function loginWithTotp(c, email, password, secret) {
  return c.post('/session', { email, password, code: await claimCode(email, secret) });
}
export function asAdmin() { return asDemo('admin'); }

// ------------------------------------------------------------ the operator

// Runs scripts/ctl ARGS against the stack BURENHULP_VAR names (repo:
// BURENHULP_REPO or this checkout). Returns {status, stdout, stderr}.
export function ctl(args, stdin) {
  const r = spawnSync(join(REPO, 'scripts', 'ctl'), args, {
    cwd: REPO,
    env: { ...process.env, BURENHULP_VAR: VAR },
    input: stdin,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (r.error) return { status: -1, stdout: '', stderr: String(r.error) };
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// -------------------------------------------------------- plaintext markers

async function* walk(dir) {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    if (e.code === 'ENOENT') return;
    throw e;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else if (e.isFile()) yield p;
  }
}

// True when file holds needle (Buffer), read in chunks so large InnoDB files
// (ibdata*, ib_logfile*, *.ibd) need not fit in memory at once.
async function fileHas(file, needle) {
  const overlap = needle.length - 1;
  let tail = Buffer.alloc(0);
  const stream = createReadStream(file, { highWaterMark: 1 << 20 });
  for await (const chunk of stream) {
    const buf = tail.length ? Buffer.concat([tail, chunk]) : chunk;
    if (buf.indexOf(needle) >= 0) { stream.destroy(); return true; }
    tail = overlap > 0 ? buf.subarray(Math.max(0, buf.length - overlap)) : Buffer.alloc(0);
  }
  return false;
}

// Every regular file under dirs (default $VAR/mysql and $VAR/log) that holds
// any of the needles (strings or Buffers), as [{file, needle}]. Also returns
// how many files were searched, so a caller can tell "nothing found" from
// "nothing searched".
export async function searchFiles(needles, dirs = [join(VAR, 'mysql'), join(VAR, 'log')]) {
  const bufs = [].concat(needles).map((n) => (Buffer.isBuffer(n) ? n : Buffer.from(n, 'utf8')));
  const hits = [];
  let files = 0;
  let bytes = 0;
  for (const dir of dirs) {
    for await (const file of walk(dir)) {
      let st;
      try { st = await lstat(file); } catch { continue; }
      files++;
      bytes += st.size;
      for (const n of bufs) {
        try {
          if (await fileHas(file, n)) hits.push({ file, needle: n.toString('utf8') });
        } catch (e) {
          if (e.code !== 'ENOENT') throw e;	// a file the server just removed
        }
      }
    }
  }
  return { hits, files, bytes };
}

export function sleep(ms) { return new Promise((r) => setTimeout(r, ms)); }
