// asvs.test.mjs — ASVS 5.0 level 2 requirements that docs/security.md
// lists and that no other test showed (issue 16, part 3). Each test names
// the requirement it shows. (14.3.2, no-store on every API answer, is
// checked by lib/client.mjs on every answer of every API test.)

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  Client, REPO, ctl, register, newUser, randomTag, assertStatus, assertProblem, sleep,
} from './lib/client.mjs';
import { mariadb } from './lib/explain.mjs';
import { base32Decode, codeAt as totp } from './lib/totp.mjs';
import { loginFrom, loopbackAddress } from './lib/elsewhere.mjs';

// Failed logins come from an address of their own (lib/elsewhere.mjs).
const ELSEWHERE = loopbackAddress();

// RFC 6238 codes (SHA-1, 6 digits, 30 s) from lib/totp.mjs, as every suite.

// A long password of lowercase letters, spaces and non-ASCII letters only:
// no composition rule may refuse it, and nothing may cut or fold it.
function oddPassword(n) {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz éïøçß';
  const b = randomBytes(n);
  let s = 'ë';
  for (let i = 1; i < n - 1; i++) s += alphabet[b[i] % alphabet.length];
  return `${s}z`;
}

describe('ASVS 5.0 V6.2: passwords of any composition, exactly as typed', () => {
  it('6.2.5, 6.2.9: a 128-character password of lowercase letters, spaces and accents is taken and works', async () => {
    const password = oddPassword(128);
    const { res, email } = await register(['resident'], { password });
    assertStatus(res, 201);
    assertStatus(await new Client().login(email, password), 200);
  });

  it('6.2.8: the password is checked as received — no truncation, no case folding, no trimming', async () => {
    const password = oddPassword(100);
    const { res, email } = await register(['resident'], { password });
    assertStatus(res, 201);
    for (const [what, wrong] of [
      ['its first 72 characters (a bcrypt-style cut)', password.slice(0, 72)],
      ['in upper case', password.toUpperCase()],
      ['with a space after it', `${password} `],
      ['with its last character changed', `${password.slice(0, -1)}y`],
    ]) {
      const r = await loginFrom(ELSEWHERE, email, wrong);
      assert.equal(r.status, 401, `the password ${what}: ${r.status}`);
      assert.equal(r.body?.code, 'invalid_credentials', `the password ${what}`);
    }
    assertStatus(await new Client().login(email, password), 200);
  });
});

describe('ASVS 5.0 V6.4, V7.2: recovery and new sessions', () => {
  it('6.4.3: a password reset does not bypass MFA: it starts no session, and login after it still asks for the code', async () => {
    const c = await newUser(['resident']);
    const enrol = await c.post('/me/mfa/totp', { password: c.password });
    assertStatus(enrol, 201);
    const key = base32Decode(enrol.body.secret);
    const left = 30 - ((Date.now() / 1000) % 30);
    if (left < 4) await sleep((left + 0.5) * 1000);
    assertStatus(await c.post('/me/mfa/totp/confirm', { code: totp(key, Date.now() / 1000 - 30) }), 200);

    assertStatus(await new Client().post('/password-reset', { email: c.email }), 202);
    const out = ctl(['outbox-token', '--email', c.email]);
    assert.equal(out.status, 0, out.stderr);
    const newPassword = `${randomTag(12)}-nieuw-${randomTag(6)}`;
    const resetter = new Client('resetter');
    const done = await resetter.post('/password-reset/confirm', { token: out.stdout.trim(), password: newPassword });
    assertStatus(done, 204);
    assert.equal(resetter.sessionCookie, null, 'the reset handed out a session');
    const after = await loginFrom(ELSEWHERE, c.email, newPassword);
    assert.equal(after.status, 401);
    assert.equal(after.body?.code, 'mfa_required', 'login after the reset did not ask for the code');
    assertProblem(await c.get('/me'), 401, 'unauthenticated');
  });

  it('7.2.4: logging in again hands out a new token and ends the one before', async () => {
    const c = await newUser(['resident']);
    const before = c.clone('before');
    const old = c.sessionCookie;
    assertStatus(await c.login(c.email, c.password), 200);
    assert.notEqual(c.sessionCookie, old, 'the same token after a new login');
    assertStatus(await c.get('/me'), 200);
    assertProblem(await before.get('/me'), 401, 'unauthenticated');
  });
});

describe('ASVS 5.0 V7.3: the absolute session lifetime', () => {
  it('7.3.2: a session past its absolute end (expires_at, session_days after login) is dead, however recently used', async () => {
    const c = await newUser(['resident']);
    assertStatus(await c.get('/me'), 200);
    const id = c.user?.id ?? (await c.get('/me')).body.user.id;
    assert.match(id, /^[A-Za-z0-9_-]{22}$/);
    mariadb(`UPDATE sessions SET expires_at = NOW(3) - INTERVAL 1 SECOND, last_seen_at = NOW(3) WHERE user_id = '${id}'`);
    assertProblem(await c.get('/me'), 401, 'unauthenticated');
  });
});

describe('ASVS 5.0 V6.2: password fields in the web UI', () => {
  // Every page of web/ (the admin too), read as shipped.
  function pages(dir = join(REPO, 'web')) {
    const out = [];
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) out.push(...pages(p));
      else if (e.name.endsWith('.html')) out.push(p);
    }
    return out;
  }

  it('6.2.6, 6.2.7: every password field is type=password with the autocomplete a password manager needs; nothing blocks paste', () => {
    let fields = 0;
    for (const file of pages()) {
      const html = readFileSync(file, 'utf8');
      for (const [tag] of html.matchAll(/<input\b[^>]*>/gi)) {
        const name = /\b(?:name|id)="([^"]*)"/i.exec(tag)?.[1] ?? '';
        if (!/password/i.test(name)) continue;
        fields++;
        assert.match(tag, /\btype="password"/, `${file}: ${tag}`);
        assert.match(tag, /\bautocomplete="(current|new)-password"/, `${file}: ${tag}`);
        assert.doesNotMatch(tag, /\bon(paste|copy|drop)=/i, `${file}: ${tag}`);
      }
      assert.doesNotMatch(html, /\bonpaste=/i, file);
    }
    assert.ok(fields >= 7, `found only ${fields} password fields`);
    for (const dir of [join(REPO, 'web', 'js'), join(REPO, 'web', 'admin', 'js')])
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.js')))
        assert.doesNotMatch(readFileSync(join(dir, file), 'utf8'), /['"]paste['"]/, `${dir}/${file} handles paste`);
  });
});
