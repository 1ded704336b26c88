// mfa.test.mjs — API.md "Accounts, version 1.1: MFA and sessions": a user
// turns on two-step login with an authenticator app (TOTP, RFC 6238), logs
// in with a code or a recovery code, cannot use a code twice, turns it off
// again; sees where they are logged in and ends a session elsewhere. The
// codes are computed here with node's own HMAC-SHA1 (not by the server), and
// every answer is also checked against docs/openapi.yaml (client.mjs).

import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  Client, VAR, newUser, randomTag, searchFiles, sleep,
  assertStatus, assertProblem, assertFieldError,
} from './lib/client.mjs';
import { base32Decode, codeAt as totp } from './lib/totp.mjs';

// ------------------------------------------------------------- RFC 6238
// The codes (SHA-1, 30 s) come from lib/totp.mjs, which every suite's staff
// logins use too: totp(key, t, digits) here is its codeAt.

const now = () => Date.now() / 1000;

// Waits until the current 30 s step has at least `margin` seconds left, so
// that a test using the codes of the steps before, at and after "now" (the
// server accepts one step of drift either way) cannot straddle a boundary.
async function freshStep(margin = 12) {
  const left = 30 - (now() % 30);
  if (left < margin) await sleep((left + 0.5) * 1000);
}

function other(code) {
  return String((Number(code) + 1) % 1e6).padStart(6, '0');
}

// Enrols and confirms TOTP for client c with the code of the step before
// now (so the current step is still free to log in with); returns {key,
// secret, recovery}.
async function turnOn(c) {
  const enrol = await c.post('/me/mfa/totp', { password: c.password });
  assertStatus(enrol, 201, 'enrolment');
  const key = base32Decode(enrol.body.secret);
  await freshStep(3);
  const t = now() - 30;
  const conf = await c.post('/me/mfa/totp/confirm', { code: totp(key, t) });
  assertStatus(conf, 200, 'confirmation');
  return { key, secret: enrol.body.secret, recovery: conf.body.recovery_codes };
}

describe('the test computes TOTP codes right (RFC 6238, appendix B)', () => {
  it('SHA-1 vectors: 94287082 at 59 s, 07081804 at 1111111109 s (6 digits: their last six)', () => {
    const key = Buffer.from('12345678901234567890');
    assert.equal(totp(key, 59, 8), '94287082');
    assert.equal(totp(key, 1111111109, 8), '07081804');
    assert.equal(totp(key, 1234567890, 8), '89005924');
    assert.equal(totp(key, 59), '287082');
    assert.equal(base32Decode('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ').toString(), '12345678901234567890');
  });
});

describe('two-step login with an authenticator app', () => {
  let c, key, secret, recovery;

  before(async () => {
    c = await newUser(['volunteer'], {}, 'mfa-user');
    await freshStep();
  });

  it('enrolment asks for the password again (ASVS V6.5): missing or wrong is 422 on password, and counts as a failure', async () => {
    assertProblem(await c.post('/me/mfa/totp', {}), 422, 'validation_failed', 'password', 'required');
    assertProblem(await c.post('/me/mfa/totp', { password: c.password + 'x' }), 422, 'validation_failed', 'password', 'invalid');
    assertProblem(await c.post('/me/mfa/totp', { password: 12 }), 422, 'validation_failed', 'password', 'wrong_type');
    // Without a body at all: the body is JSON with the password.
    assertProblem(await c.post('/me/mfa/totp'), 415, 'unsupported_media_type');
  });

  it('enrolment answers a base32 secret, an otpauth URI and its QR code (SVG) for the app; a second one replaces it', async () => {
    const first = await c.post('/me/mfa/totp', { password: c.password });
    assertStatus(first, 201);
    assert.match(first.body.secret, /^[A-Z2-7]{32}$/, '20 bytes of base32');
    assert.equal(base32Decode(first.body.secret).length, 20);
    const u = new URL(first.body.otpauth_uri);
    assert.equal(u.protocol, 'otpauth:');
    assert.equal(first.body.otpauth_uri,
      `otpauth://totp/Burenhulp:${encodeURIComponent(c.email)}?secret=${first.body.secret}` +
      '&issuer=Burenhulp&algorithm=SHA1&digits=6&period=30');

    // The QR code (libqrencode) as one SVG document: a square symbol of
    // 21 + 4k modules and a quiet zone of 4, dark modules as one path.
    const svg = first.body.qr_svg;
    assert.equal(typeof svg, 'string');
    const m = svg.match(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 (\d+) \1" [^>]*>.*<path fill="#000" d="(M\d+,\d+h\d+v1h-\d+z)+"\/><\/svg>$/);
    assert.ok(m, `an SVG QR code: ${svg.slice(0, 200)}`);
    const modules = Number(m[1]) - 8;
    assert.ok(modules >= 21 && modules <= 177 && (modules - 21) % 4 === 0, `a QR symbol size: ${modules}`);
    assert.ok(!svg.includes(first.body.secret), 'the secret is in the modules, not in the text');

    const second = await c.post('/me/mfa/totp', { password: c.password });
    assertStatus(second, 201);
    assert.notEqual(second.body.secret, first.body.secret, 'a fresh secret each time');
    secret = second.body.secret;
    key = base32Decode(secret);

    // The first secret is gone: its code confirms nothing.
    const stale = await c.post('/me/mfa/totp/confirm', { code: totp(base32Decode(first.body.secret), now()) });
    assertProblem(stale, 422, 'validation_failed', 'code', 'invalid');
  });

  it('until confirmed, login needs no code', async () => {
    const res = await new Client('mfa-pending').login(c.email, c.password);
    assertStatus(res, 200);
  });

  it('a wrong code does not confirm; the right one does, and answers ten recovery codes once', async () => {
    const right = totp(key, now() - 30);	// the step before: drift is allowed
    assertProblem(await c.post('/me/mfa/totp/confirm', { code: other(right) }), 422, 'validation_failed', 'code', 'invalid');
    const res = await c.post('/me/mfa/totp/confirm', { code: right });
    assertStatus(res, 200);
    recovery = res.body.recovery_codes;
    assert.equal(recovery.length, 10);
    assert.equal(new Set(recovery).size, 10, 'all different');
    for (const code of recovery) assert.match(code, /^[a-z2-9]{5}-[a-z2-9]{5}$/);

    // Confirmed: neither enrolment nor confirmation again (409 conflict).
    assertProblem(await c.post('/me/mfa/totp', { password: c.password }), 409, 'conflict');
    assertProblem(await c.post('/me/mfa/totp/confirm', { code: totp(key, now()) }), 409, 'conflict');
    // This session stays; it counts as verified.
    assertStatus(await c.get('/me'), 200);
  });

  it('confirming ends the other sessions of the user, made without the code; this one goes on', async () => {
    const u = await newUser(['resident'], {}, 'mfa-others');
    const elsewhere = new Client('mfa-elsewhere');
    await elsewhere.mustLogin(u.email, u.password);
    assertStatus(await elsewhere.get('/me'), 200);
    await turnOn(u);
    assertProblem(await elsewhere.get('/me'), 401, 'unauthenticated');
    assertStatus(await u.get('/me'), 200);
    const list = await u.get('/me/sessions');
    assert.deepEqual(list.body.items.map((s) => s.current), [true], 'only this session is left');
  });

  it('login without a code or with a wrong one is 401 mfa_required, and makes no session', async () => {
    const b = new Client('mfa-no-code');
    const none = await b.login(c.email, c.password);
    assertProblem(none, 401, 'mfa_required');
    assert.equal(b.sessionCookie, null, 'no cookie');
    assert.ok(!b.lastSetCookies.some((k) => k.name === 'bh_session' && k.value), 'no session cookie set');
    assertProblem(await b.get('/me'), 401, 'unauthenticated');

    const wrong = await b.post('/session', { email: c.email, password: c.password, code: other(totp(key, now())) });
    assertProblem(wrong, 401, 'mfa_required');
    assert.equal(b.sessionCookie, null);

    // A right code with a wrong password is still the password's refusal.
    const badPw = await b.post('/session', { email: c.email, password: c.password + 'x', code: totp(key, now()) });
    assertProblem(badPw, 401, 'invalid_credentials');
  });

  it('with the current code login works; the same code again is refused (replay), also from elsewhere', async () => {
    const code = totp(key, now());
    const b = new Client('mfa-code');
    const ok = await b.post('/session', { email: c.email, password: c.password, code });
    assertStatus(ok, 200);
    assert.ok(b.sessionCookie, 'a session');
    assertStatus(await b.get('/me'), 200);

    const again = await new Client('mfa-replay').post('/session', { email: c.email, password: c.password, code });
    assertProblem(again, 401, 'mfa_required');
    // An older code (the step before, which confirmed) is refused too.
    const older = await new Client('mfa-older').post('/session',
      { email: c.email, password: c.password, code: totp(key, now() - 30) });
    assertProblem(older, 401, 'mfa_required');
  });

  it('a recovery code logs in once, in any case and without its dash', async () => {
    const code = recovery[3];
    const b = new Client('mfa-recovery');
    assertStatus(await b.post('/session', { email: c.email, password: c.password, code: code.toUpperCase().replace('-', '') }), 200);
    assertStatus(await b.get('/me'), 200);
    const again = await new Client('mfa-recovery-2').post('/session', { email: c.email, password: c.password, code });
    assertProblem(again, 401, 'mfa_required');
    // Someone else's recovery code is nothing.
    const stranger = await newUser(['resident'], {}, 'mfa-stranger');
    const theirs = await turnOn(stranger);
    const cross = await new Client('mfa-cross').post('/session', { email: c.email, password: c.password, code: theirs.recovery[0] });
    assertProblem(cross, 401, 'mfa_required');
  });

  it('the export says MFA is on and how many recovery codes are left, never the secret', async () => {
    const res = await c.get('/me/export');
    assertStatus(res, 200);
    assert.equal(res.body.mfa?.totp, true);
    assert.equal(res.body.mfa?.recovery_codes_left, 9);
    assert.ok(!res.text.includes(secret), 'no secret in the export');
    for (const code of recovery) assert.ok(!res.text.includes(code), 'no recovery code in the export');
  });

  it('turning it off needs the password and a code: wrong ones are 422 on their field', async () => {
    const code = totp(key, now() + 30);	// the next step: not used yet
    assertProblem(await c.delete('/me/mfa/totp', { password: c.password + 'x', code }), 422, 'validation_failed', 'password', 'invalid');
    assertProblem(await c.delete('/me/mfa/totp', { password: c.password, code: other(code) }), 422, 'validation_failed', 'code', 'invalid');
    assertProblem(await c.delete('/me/mfa/totp', { password: c.password, code: recovery[3] }), 422, 'validation_failed', 'code', 'invalid');
    assertStatus(await c.delete('/me/mfa/totp', { password: c.password, code }), 204);
    assertProblem(await c.delete('/me/mfa/totp', { password: c.password, code }), 409, 'conflict');

    const b = new Client('mfa-off');
    assertStatus(await b.login(c.email, c.password), 200, 'login without a code again');
    const exp = await c.get('/me/export');
    assert.equal(exp.body.mfa.totp, false);
    assert.equal(exp.body.mfa.recovery_codes_left, 0, 'the recovery codes went with it');
  });

  it('a removed enrolment can be made again, with a new secret', async () => {
    const enrol = await c.post('/me/mfa/totp', { password: c.password });
    assertStatus(enrol, 201);
    assert.notEqual(enrol.body.secret, secret);
  });
});

describe('leaving with MFA on', () => {
  it('erasing the account takes the enrolment and the recovery codes with it', async () => {
    const c = await newUser(['resident'], {}, 'mfa-erase');
    const on = await turnOn(c);
    assertStatus(await c.delete('/me', { password: c.password }), 204);
    assertProblem(await new Client().post('/session', { email: c.email, password: c.password, code: on.recovery[0] }),
      401, 'invalid_credentials');
  });
});

describe('bad input to MFA is 422 on the field', () => {
  let c;
  before(async () => {
    c = await newUser(['resident'], {}, 'mfa-bad');
    assertStatus(await c.post('/me/mfa/totp', { password: c.password }), 201);
  });

  it('confirm: missing, non-digit, too short, too long, not a string', async () => {
    assertProblem(await c.post('/me/mfa/totp/confirm', {}), 422, 'validation_failed', 'code', 'required');
    assertProblem(await c.post('/me/mfa/totp/confirm', { code: '12a456' }), 422, 'validation_failed', 'code', 'invalid');
    assertProblem(await c.post('/me/mfa/totp/confirm', { code: '12345' }), 422, 'validation_failed', 'code', 'too_short');
    assertProblem(await c.post('/me/mfa/totp/confirm', { code: '1234567' }), 422, 'validation_failed', 'code', 'too_long');
    assertProblem(await c.post('/me/mfa/totp/confirm', { code: 123456 }), 422, 'validation_failed', 'code', 'wrong_type');
    assertProblem(await c.post('/me/mfa/totp/confirm', { code: '１２３４５６' }), 422, 'validation_failed', 'code', 'invalid');
  });

  it('removal: password and code required, code at most 32 characters; without MFA on it is 409', async () => {
    const res = await c.delete('/me/mfa/totp', {});
    assertProblem(res, 422, 'validation_failed', 'password', 'required');
    assertFieldError(res, 'code', 'required');
    assertProblem(await c.delete('/me/mfa/totp', { password: c.password, code: '1'.repeat(33) }),
      422, 'validation_failed', 'code', 'too_long');
    assertProblem(await c.delete('/me/mfa/totp', { password: c.password, code: '123456' }), 409, 'conflict');
  });

  it('login: a code over 32 characters, or not a string, is 422 on code', async () => {
    assertProblem(await new Client().post('/session', { email: c.email, password: c.password, code: '9'.repeat(33) }),
      422, 'validation_failed', 'code', 'too_long');
    assertProblem(await new Client().post('/session', { email: c.email, password: c.password, code: 123456 }),
      422, 'validation_failed', 'code', 'wrong_type');
  });

  it('without a session 401, without the CSRF token 403 csrf_failed', async () => {
    const anon = new Client('mfa-anon');
    assertProblem(await anon.post('/me/mfa/totp', { password: 'x' }), 401, 'unauthenticated');
    assertProblem(await anon.post('/me/mfa/totp/confirm', { code: '123456' }), 401, 'unauthenticated');
    assertProblem(await anon.delete('/me/mfa/totp', { password: 'x', code: '123456' }), 401, 'unauthenticated');
    assertProblem(await anon.get('/me/sessions'), 401, 'unauthenticated');
    assertProblem(await c.post('/me/mfa/totp', { password: c.password }, { csrf: false }), 403, 'csrf_failed');
    assertProblem(await c.post('/me/mfa/totp/confirm', { code: '123456' }, { csrf: false }), 403, 'csrf_failed');
    assertProblem(await c.delete('/me/mfa/totp', { password: c.password, code: '123456' }, { csrf: false }), 403, 'csrf_failed');
  });

  it('wrong passwords on enrolling are throttled like wrong codes: after five, 429 even for the right one', async () => {
    const d = await newUser(['resident'], {}, 'mfa-enrol-throttle');
    for (let i = 0; i < 5; i++)
      assertProblem(await d.post('/me/mfa/totp', { password: d.password + i }), 422, 'validation_failed', 'password', 'invalid');
    const res = await d.post('/me/mfa/totp', { password: d.password });
    assertProblem(res, 429, 'rate_limited');
    assert.match(res.headers.get('retry-after') ?? '', /^[0-9]+$/);
  });

  it('wrong codes are throttled per user: after five, 429 with Retry-After even for the right one', async () => {
    const d = await newUser(['resident'], {}, 'mfa-throttle');
    const enrol = await d.post('/me/mfa/totp', { password: d.password });
    assertStatus(enrol, 201);
    const key = base32Decode(enrol.body.secret);
    await freshStep();
    const right = totp(key, now());
    for (let i = 0; i < 5; i++)
      assertProblem(await d.post('/me/mfa/totp/confirm', { code: other(right) }), 422, 'validation_failed', 'code');
    const res = await d.post('/me/mfa/totp/confirm', { code: right });
    assertProblem(res, 429, 'rate_limited');
    assert.match(res.headers.get('retry-after') ?? '', /^[0-9]+$/);
  });
});

describe('where am I logged in: GET /me/sessions and DELETE /me/sessions/{id}', () => {
  let a, b;
  before(async () => {
    a = await newUser(['resident'], {}, 'sessions-a');
    b = new Client('sessions-b');
    await b.mustLogin(a.email, a.password);
  });

  it('lists every live session with an opaque id, times, and which one is this', async () => {
    const res = await a.get('/me/sessions');
    assertStatus(res, 200);
    assert.equal(res.body.items.length, 2);
    assert.equal(res.body.next_cursor, null);
    assert.deepEqual(res.body.items.map((s) => s.current).sort(), [false, true]);
    for (const s of res.body.items) {
      assert.match(s.id, /^[A-Za-z0-9_-]{22}$/);
      assert.ok(!a.sessionCookie.includes(s.id) && !b.sessionCookie.includes(s.id), 'the id is not (part of) a token');
      assert.ok(!Number.isNaN(Date.parse(s.created_at)) && !Number.isNaN(Date.parse(s.last_seen_at)));
    }
    // The same session has the same id from either side.
    const fromB = await b.get('/me/sessions');
    const aCur = res.body.items.find((s) => s.current).id;
    const bCur = fromB.body.items.find((s) => s.current).id;
    assert.notEqual(aCur, bCur);
    assert.deepEqual(fromB.body.items.map((s) => s.id).sort(), res.body.items.map((s) => s.id).sort());
  });

  it("someone else's session id, or one that is no id, is 404", async () => {
    const other = await newUser(['resident'], {}, 'sessions-other');
    const mine = (await other.get('/me/sessions')).body.items[0].id;
    assertProblem(await a.delete(`/me/sessions/${mine}`), 404, 'not_found');
    assertStatus(await other.get('/me'), 200, 'still logged in');
    assertProblem(await a.delete('/me/sessions/AAAAAAAAAAAAAAAAAAAAAA'), 404, 'not_found');
    assertProblem(await a.delete('/me/sessions/not-an-id'), 404, 'not_found');
  });

  it('ending a session elsewhere logs that client out at once; this one stays', async () => {
    const bId = (await b.get('/me/sessions')).body.items.find((s) => s.current).id;
    assertStatus(await a.delete(`/me/sessions/${bId}`), 204);
    assertProblem(await b.get('/me'), 401, 'unauthenticated');
    assertStatus(await a.get('/me'), 200);
    const left = await a.get('/me/sessions');
    assert.deepEqual(left.body.items.map((s) => s.current), [true]);
    assertProblem(await a.delete(`/me/sessions/${bId}`), 404, 'not_found', undefined);
  });

  it('ending the current session is logging out: the cookie is cleared and dead server-side', async () => {
    const copy = a.clone();
    const id = (await a.get('/me/sessions')).body.items[0].id;
    assertStatus(await a.delete(`/me/sessions/${id}`), 204);
    assert.equal(a.sessionCookie, null, 'cookie cleared');
    assertProblem(await copy.get('/me'), 401, 'unauthenticated');
  });
});

describe('the secret is never stored or logged in clear', () => {
  it('neither the TOTP secret (base32 or raw) nor a recovery code is in any file under $VAR/mysql or $VAR/log', async () => {
    const c = await newUser(['resident'], {}, 'mfa-privacy');
    await freshStep();
    const on = await turnOn(c);
    // Log in with a code too, so the login path has had its chance to log.
    assertStatus(await new Client().post('/session', { email: c.email, password: c.password, code: totp(on.key, now()) }), 200);
    const marker = `Zichtbaar ${randomTag(16)}`;
    assertStatus(await c.patch('/me', { display_name: marker }), 200);
    // InnoDB writes its redo log at commit, flushed at least once a second.
    let control = null;
    for (let i = 0; i < 10 && !(control?.hits.length); i++) {
      await sleep(1000);
      control = await searchFiles(marker, [join(VAR, 'mysql')]);
    }
    assert.ok(control.hits.length > 0, 'the plain display name is found: the search works');
    const needles = [on.secret, on.secret.toLowerCase(), on.key, ...on.recovery, ...on.recovery.map((s) => s.replace('-', ''))];
    const { hits, files } = await searchFiles(needles);
    assert.ok(files > 3, `searched only ${files} files`);
    assert.deepEqual(hits.map((h) => h.file), [], 'secret or recovery code found in clear');
  });
});
