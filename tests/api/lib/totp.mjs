// totp.mjs — two-step login for the tests: RFC 6238 codes (node's own
// HMAC-SHA1; the server uses liboath, so the two check each other), and the
// staff logins every suite shares.
//
// Moderators and admins need confirmed TOTP for their work (lib/auth.c), and
// the server takes each 30 s step of a user's codes only once, in a window
// of one step either way (handlers/accounts/mfa.c, mfa_totp.last_step). Many
// test processes logging in the demo moderator within a minute would collide.
// So:
//  - every code a test uses for an account is claimed here first, through a
//    small claims file ($BURENHULP_VAR/tmp/totp-claims.json) under an
//    exclusive lock: each claim takes the next step after the last one
//    claimed that the server still accepts, waiting for the clock when none
//    is free. No two logins of one account get the same step.
//  - staffSession() keeps the demo staff's sessions in
//    $BURENHULP_VAR/tmp/staff-sessions.json: a session made with password and
//    code is reused by every test process (as one person has many tabs); a
//    session that ended (idle, logged out) is noticed with GET /session and
//    replaced by a fresh login with a claimed code.
// Both files are test state of one stack: scripts/test starts a fresh one.

import { createHmac } from 'node:crypto';
import { mkdirSync, openSync, closeSync, unlinkSync, statSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(process.env.BURENHULP_REPO || join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..'));
const VAR = resolve(process.env.BURENHULP_VAR || join(REPO, 'var'));
const TMP = join(VAR, 'tmp');
const BASE = (process.env.BURENHULP_URL || 'http://127.0.0.1:18080').replace(/\/+$/, '');

// The demo staff's fixed secrets (ctl/users.c, README): demo mode only.
export const DEMO_TOTP = Object.freeze({
  'moderator@demo.burenhulp.nl': 'BURENHULPDEMOMODERATORTOTP234567',
  'admin@demo.burenhulp.nl': 'BURENHULPDEMOADMINTOTPSECRET2345',
});
export const DEMO_STAFF_PASSWORD = 'burenhulp-demo';

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export const STEP_S = 30;

export function base32Decode(s) {
  const clean = s.replace(/=+$/, '').toUpperCase();
  let bits = 0, value = 0;
  const out = [];
  for (const ch of clean) {
    const i = B32.indexOf(ch);
    if (i < 0) throw new Error(`not base32: ${ch}`);
    value = (value << 5) | i;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

// The code (SHA-1, 30 s) of the given step for a base32 secret or a key.
export function codeAtStep(secret, step, digits = 6) {
  const key = Buffer.isBuffer(secret) ? secret : base32Decode(secret);
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(step));
  const h = createHmac('sha1', key).update(msg).digest();
  const o = h[h.length - 1] & 0xf;
  const bin = ((h[o] & 0x7f) << 24) | (h[o + 1] << 16) | (h[o + 2] << 8) | h[o + 3];
  return String(bin % 10 ** digits).padStart(digits, '0');
}
export function codeAt(secret, t, digits = 6) {
  return codeAtStep(secret, Math.floor(t / STEP_S), digits);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const nowS = () => Date.now() / 1000;

// Runs fn holding the exclusive lock file name (O_EXCL); a lock older than
// staleMs is a dead holder's and is taken over.
async function withLock(name, fn, staleMs = 90_000) {
  mkdirSync(TMP, { recursive: true });
  const path = join(TMP, name);
  for (;;) {
    try {
      closeSync(openSync(path, 'wx'));
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      try {
        if (Date.now() - statSync(path).mtimeMs > staleMs) unlinkSync(path);
      } catch { /* gone meanwhile */ }
      await sleep(25 + Math.random() * 50);
    }
  }
  try {
    return await fn();
  } finally {
    try { unlinkSync(path); } catch { /* taken over */ }
  }
}

function readJson(path) {
  try { return JSON.parse(readFileSync(path, 'utf8')); } catch { return {}; }
}
function writeJson(path, value) {
  writeFileSync(path + '.new', JSON.stringify(value));
  renameSync(path + '.new', path);
}

// Claims the next unused step of account that the server accepts now (one
// step of drift either way, 2 s of margin for the request's way there) and
// returns its code for secret. Waits for the clock when the steps up to one
// ahead are taken.
export async function claimCode(account, secret) {
  const file = join(TMP, 'totp-claims.json');
  for (;;) {
    const got = await withLock('totp-claims.lock', async () => {
      const claims = readJson(file);
      const t = nowS();
      const last = Number(claims[account] ?? 0);
      const step = Math.max(last + 1, Math.floor((t + 2) / STEP_S) - 1);
      if (step > Math.floor(t / STEP_S) + 1) return { wait: (step - 1) * STEP_S - t };
      claims[account] = step;
      writeJson(file, claims);
      return { code: codeAtStep(secret, step) };
    }, 10_000);
    if (got.code) return got.code;
    await sleep(Math.max(50, got.wait * 1000 + 100));
  }
}

// POST /session with password and a claimed code. A step the server took
// already (a claims file lost while the stack kept its state) is answered
// 401 mfa_required: claim the next one. Returns {status, cookie, body}.
export async function loginWithCode(email, password, secret, base = BASE) {
  let res, body;
  for (let attempt = 0; attempt < 4; attempt++) {
    const code = await claimCode(email, secret);
    res = await fetch(`${base}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ email, password, code }),
    });
    body = await res.json().catch(() => null);
    if (res.status !== 401 || body?.code !== 'mfa_required') break;
  }
  const set = (res.headers.getSetCookie?.() ?? []).map((l) => l.split(';')[0]);
  const cookie = set.find((c) => /^(__Host-)?bh_session=./.test(c)) ?? null;
  return { status: res.status, cookie, body };
}

// A live session of a demo staff member, shared by every test process of
// the stack: {cookie: "bh_session=...", csrf, user}.
export async function staffSession(email, base = BASE) {
  const secret = DEMO_TOTP[email];
  if (!secret) throw new Error(`${email} is not a demo staff account`);
  const file = join(TMP, 'staff-sessions.json');
  return withLock('staff-sessions.lock', async () => {
    const cache = readJson(file);
    const held = cache[email];
    if (held?.cookie) {
      const r = await fetch(`${base}/api/v1/session`, { headers: { cookie: held.cookie, accept: 'application/json' } });
      if (r.status === 200) {
        const b = await r.json();
        return { cookie: held.cookie, csrf: b.csrf_token, user: b.user };
      }
    }
    const res = await loginWithCode(email, DEMO_STAFF_PASSWORD, secret, base);
    if (res.status !== 200 || !res.cookie)
      throw new Error(`login of ${email} with a code: ${res.status} ${JSON.stringify(res.body)}`);
    cache[email] = { cookie: res.cookie };
    writeJson(file, cache);
    return { cookie: res.cookie, csrf: res.body.csrf_token, user: res.body.user };
  });
}

export function isDemoStaff(email) {
  return Object.prototype.hasOwnProperty.call(DEMO_TOTP, email);
}
