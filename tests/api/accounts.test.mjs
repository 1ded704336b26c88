// accounts.test.mjs — the Accounts and sessions table of API.md, told as the
// stories of the people who use it: residents, caregivers and volunteers
// signing up, logging in and out, keeping their profile, changing and
// resetting their password, taking their data with them and leaving; an
// admin managing accounts; and every unsafe call refused without its CSRF
// token. Every answer is also checked against docs/openapi.yaml (client.mjs).

import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  Client, VAR, DEMO, DEMO_PASSWORD, DEMO_PC4, UNKNOWN_POSTCODE,
  register, newUser, asDemo, asAdmin, ctl, uniqueEmail, uniquePassword, randomTag,
  assertStatus, assertProblem, assertFieldError,
} from './lib/client.mjs';

const SELF_ROLES = ['resident', 'caregiver', 'volunteer'];
const GRANTED_ROLES = ['professional', 'moderator', 'admin'];
const ALL_ROLES = [...SELF_ROLES, ...GRANTED_ROLES];
// A syntactically valid id that names nobody.
const NOBODY = 'AAAAAAAAAAAAAAAAAAAAAA';

// login_max_failures_account of the stack under test (TEAM.md: 5).
function accountThreshold() {
  try {
    const m = /^\s*login_max_failures_account\s*=\s*(\d+)/m.exec(readFileSync(join(VAR, 'etc', 'accounts.conf'), 'utf8'));
    if (m) return Number(m[1]);
  } catch { /* no state folder to read: the documented default */ }
  return 5;
}

// The problem body without what may differ between two answers.
function problemCore(body) {
  const { type, title, status, code, detail, errors } = body ?? {};
  return { type, title, status, code, detail, errors };
}

describe('registration: residents, caregivers and volunteers sign themselves up', () => {
  for (const role of SELF_ROLES) {
    it(`a ${role} registers and gets their own view back, in Emmen`, async () => {
      const { res, email } = await register([role], { locale: 'en' });
      assertStatus(res, 201);
      const user = res.body.user;
      assert.equal(user.email, email);
      assert.deepEqual(user.roles, [role]);
      assert.equal(user.locale, 'en');
      assert.equal(user.area.pc4, DEMO_PC4);
      assert.equal(user.area.municipality, 'Emmen');
      assert.ok(!res.text.includes('password'), 'no password (or hash) in the answer');
    });
  }

  it('one person may be resident, caregiver and volunteer at once; locale defaults to nl', async () => {
    const { res } = await register(SELF_ROLES);
    assertStatus(res, 201);
    assert.deepEqual([...res.body.user.roles].sort(), [...SELF_ROLES].sort());
    assert.equal(res.body.user.locale, 'nl');
  });

  // API.md: professional, moderator and admin are granted by an admin. Asking
  // for one at registration is a field value outside the allowed choices, so
  // we expect 422 with field "roles" code not_allowed (not 403: the caller is
  // not refused as a person, the value is).
  for (const role of GRANTED_ROLES) {
    it(`nobody makes themself ${role}: 422 on roles, not_allowed`, async () => {
      const { res, email } = await register(['resident', role]);
      assertProblem(res, 422, 'validation_failed', 'roles', 'not_allowed');
      // No account came of it (looked up by an admin: a failed login would
      // count against this address's throttle).
      const found = await (await asAdmin()).post('/users/search', { q: email });
      assertStatus(found, 200);
      assert.deepEqual(found.body.items, []);
    });
  }

  it('no roles at all is 422 on roles', async () => {
    const { res } = await register([]);
    assertProblem(res, 422, 'validation_failed', 'roles');
  });

  it('an address already registered is 409 email_taken, also in other case or with spaces around it', async () => {
    const first = await register(['resident']);
    assertStatus(first.res, 201);
    const again = await register(['volunteer'], { email: first.email });
    assertProblem(again.res, 409, 'email_taken');
    const upper = await register(['volunteer'], { email: first.email.toUpperCase() });
    assertProblem(upper.res, 409, 'email_taken');
    const spaced = await register(['volunteer'], { email: `  ${first.email.replace(/^t/, 'T')} ` });
    assertProblem(spaced.res, 409, 'email_taken');
  });

  it('a password under 10 characters is 422 on password; 10 is enough (when not too easy to guess)', async () => {
    const { res: short } = await register(['resident'], { password: '123456789' });
    assertProblem(short, 422, 'validation_failed', 'password', 'too_short');
    const { res: ten } = await register(['resident'], { password: 'zebra-lamp' });
    assertStatus(ten, 201);
  });

  it('the terms must be accepted: missing or false is 422 on accept_terms', async () => {
    const { res: missing } = await register(['resident'], { accept_terms: undefined });
    assertProblem(missing, 422, 'validation_failed', 'accept_terms');
    const { res: refused } = await register(['resident'], { accept_terms: false });
    assertProblem(refused, 422, 'validation_failed', 'accept_terms');
  });

  it('a well-formed postcode that is no known area is 422 unknown_postcode (API.md problem code)', async () => {
    const { res } = await register(['resident'], { postcode: UNKNOWN_POSTCODE });
    assertProblem(res, 422, 'unknown_postcode', 'postcode');
  });

  it('a malformed postcode or e-mail address is 422 on that field', async () => {
    const { res } = await register(['resident'], { postcode: 'Emmen', email: 'not-an-address' });
    assertProblem(res, 422, 'validation_failed', 'postcode', 'invalid');
    assertFieldError(res, 'email', 'invalid');
  });

  it('postcodes as 7822AB, 7822 ab and 7822 all give PC4 area 7822', async () => {
    for (const postcode of ['7822AB', '7822 ab', '7822']) {
      const { res } = await register(['resident'], { postcode });
      assertStatus(res, 201, postcode);
      assert.equal(res.body.user.area.pc4, '7822', postcode);
    }
  });
});

describe('logging in and out', () => {
  let email, password, userId;
  before(async () => {
    const r = await register(['resident']);
    assertStatus(r.res, 201);
    ({ email, password } = r);
    userId = r.res.body.user.id;
  });

  it('login answers the user and a CSRF token, and sets bh_session HttpOnly, SameSite=Lax', async () => {
    const c = new Client('login');
    const res = await c.login(email, password);
    assertStatus(res, 200);
    assert.equal(res.body.user.id, userId);
    assert.equal(res.body.user.email, email);
    assert.ok(res.body.csrf_token.length >= 16);
    const cookie = c.lastSetCookies.find((k) => k.name === 'bh_session');
    assert.ok(cookie, `Set-Cookie bh_session, got ${JSON.stringify(c.lastSetCookies)}`);
    assert.ok(cookie.value.length >= 32, 'a long random token');
    assert.equal(cookie.attrs.httponly, true, 'HttpOnly');
    assert.equal(String(cookie.attrs.samesite).toLowerCase(), 'lax', 'SameSite=Lax');
    assert.equal(cookie.attrs.path, '/', 'Path=/');
  });

  it('GET /session tells the same user and the same CSRF token; without a session it is 401', async () => {
    const c = new Client('session');
    const login = await c.login(email, password);
    const res = await c.get('/session');
    assertStatus(res, 200);
    assert.equal(res.body.user.id, userId);
    assert.equal(res.body.csrf_token, login.body.csrf_token);
    assertProblem(await new Client('anonymous').get('/session'), 401, 'unauthenticated');
    assertProblem(await new Client('anonymous').get('/me'), 401, 'unauthenticated');
  });

  it('the address is found whatever its case or the spaces around it', async () => {
    const res = await new Client().login(`  ${email.toUpperCase()} `, password);
    assertStatus(res, 200);
    assert.equal(res.body.user.id, userId);
  });

  it('a wrong password and an unknown address get the same 401 invalid_credentials, in comparable time', async () => {
    const timed = async (e, p) => {
      const t0 = performance.now();
      const res = await new Client().login(e, p);
      return { res, ms: performance.now() - t0 };
    };
    const wrong = [await timed(email, password + 'x'), await timed(email, password + 'y')];
    const unknown = [await timed(uniqueEmail('nobody'), password), await timed(uniqueEmail('nobody'), password)];
    for (const { res } of [...wrong, ...unknown]) assertProblem(res, 401, 'invalid_credentials');
    assert.deepEqual(problemCore(unknown[0].res.body), problemCore(wrong[0].res.body), 'same body');
    assert.equal(wrong[0].res.headers.get('set-cookie'), null, 'no cookie on failure');
    // A password hash costs tens of milliseconds; an answer for an unknown
    // address that skips it would be many times faster. Generous bounds: the
    // machine is shared.
    const fastest = (xs) => Math.min(...xs.map((x) => x.ms));
    assert.ok(fastest(unknown) >= 0.3 * fastest(wrong),
      `unknown address ${fastest(unknown).toFixed(1)} ms vs wrong password ${fastest(wrong).toFixed(1)} ms`);
  });

  it('a login without a password is 422 on password', async () => {
    const res = await new Client().post('/session', { email });
    assertProblem(res, 422, 'validation_failed', 'password', 'required');
  });

  it('logout answers 204 and the session is gone server-side', async () => {
    const c = new Client('logout');
    await c.mustLogin(email, password);
    const stolen = c.clone('old-cookie');
    assertStatus(await c.logout(), 204);
    const cleared = c.lastSetCookies.find((k) => k.name === 'bh_session');
    assert.ok(cleared, 'the cookie is cleared');
    assertProblem(await stolen.get('/me'), 401, 'unauthenticated');
    assertProblem(await stolen.get('/session'), 401, 'unauthenticated');
    assertProblem(await c.get('/me'), 401, 'unauthenticated');
    assertProblem(await stolen.logout(), 401, 'unauthenticated');
  });

  it('logging in again while logged in needs no CSRF token', async () => {
    const c = new Client('relogin');
    await c.mustLogin(email, password);
    const before = c.clone();
    const res = await c.login(email, password, { csrf: false });
    assertStatus(res, 200);
    assert.notEqual(c.sessionCookie, before.sessionCookie, 'a new session token');
    // The session it replaced is gone server-side (switching accounts on a
    // shared computer must not leave the old one usable).
    assertProblem(await before.get('/session'), 401, 'unauthenticated');
    assertStatus(await c.get('/session'), 200);
  });
});

describe('throttling: repeated failed logins on one account', () => {
  it(`after ${accountThreshold()} failures the account answers 429 with Retry-After, even to the right password`, async () => {
    const { res, email, password } = await register(['resident']);
    assertStatus(res, 201);
    const n = accountThreshold();
    for (let i = 1; i <= n; i++) {
      const r = await new Client().login(email, `wrong-password-${i}`);
      assertProblem(r, 401, 'invalid_credentials');
    }
    const blocked = await new Client().login(email, 'wrong-password-again');
    assertProblem(blocked, 429, 'rate_limited');
    const wait = Number(blocked.headers.get('retry-after'));
    assert.ok(Number.isInteger(wait) && wait >= 1 && wait <= 900, `Retry-After ${wait}`);
    const right = await new Client().login(email, password);
    assertProblem(right, 429, 'rate_limited');
    // Another account from the same address is not affected.
    const other = await register(['volunteer']);
    assertStatus(await new Client().login(other.email, other.password), 200);
  });
});

describe('every role logs in and sees who they are', () => {
  for (const role of ALL_ROLES) {
    it(`the demo ${role} logs in; GET /me shows the role; only an admin may list users`, async () => {
      const c = await asDemo(role);
      const me = await c.get('/me');
      assertStatus(me, 200);
      assert.equal(me.body.user.email, DEMO[role]);
      assert.ok(me.body.user.roles.includes(role), `roles ${me.body.user.roles}`);
      const users = await c.get('/users');
      if (role === 'admin') assertStatus(users, 200);
      else assertProblem(users, 403, 'forbidden');
    });
  }
});

describe('own profile: a resident keeps their details up to date', () => {
  let c;
  before(async () => { c = await newUser(['resident', 'volunteer'], {}, 'profile'); });

  it('GET /me is the own view with the e-mail address', async () => {
    const res = await c.get('/me');
    assertStatus(res, 200);
    assert.equal(res.body.user.email, c.email);
    assert.equal(res.body.user.display_name, c.registered.display_name);
  });

  it('PATCH /me changes name, postcode (and so the area), locale and phone; GET /me shows them', async () => {
    const name = `Anneke ${randomTag(5)}`;
    const res = await c.patch('/me', { display_name: name, postcode: '7822 AB', locale: 'en', phone: '+31 6 12345678' });
    assertStatus(res, 200);
    const u = res.body.user;
    assert.equal(u.display_name, name);
    assert.equal(u.area.pc4, '7822');
    assert.equal(u.area.municipality, 'Emmen');
    assert.equal(u.locale, 'en');
    assert.equal(u.phone, '+31 6 12345678');
    const again = await c.get('/me');
    assert.equal(again.body.user.display_name, name);
    assert.equal(again.body.user.area.pc4, '7822');
    assert.equal(again.body.user.phone, '+31 6 12345678');
  });

  it('only what is sent changes; phone null clears it', async () => {
    const before = (await c.get('/me')).body.user;
    const res = await c.patch('/me', { locale: 'nl' });
    assertStatus(res, 200);
    assert.equal(res.body.user.display_name, before.display_name);
    assert.equal(res.body.user.phone, before.phone);
    const cleared = await c.patch('/me', { phone: null });
    assertStatus(cleared, 200);
    assert.ok(cleared.body.user.phone === null || cleared.body.user.phone === undefined, 'phone cleared');
  });

  it('the phone number goes to its owner only, not to an admin reading the account', async () => {
    assertStatus(await c.patch('/me', { phone: '06-87654321' }), 200);
    const admin = await asAdmin();
    const one = await admin.get(`/users/${c.user.id}`);
    assertStatus(one, 200);
    assert.equal(one.body.user.phone, undefined, `admin view holds the phone: ${JSON.stringify(one.body.user)}`);
    const list = await admin.post('/users/search', { q: c.email });
    assertStatus(list, 200);
    for (const u of list.body.items) assert.equal(u.phone, undefined, 'admin list holds a phone');
  });

  it('bad values are 422 naming each field: empty name, 81-character name, unknown postcode, unknown locale', async () => {
    const res = await c.patch('/me', { display_name: '', locale: 'de' });
    assertProblem(res, 422, 'validation_failed', 'display_name');
    assertFieldError(res, 'locale', 'not_allowed');
    assertProblem(await c.patch('/me', { display_name: 'x'.repeat(81) }), 422, 'validation_failed', 'display_name', 'too_long');
    assertProblem(await c.patch('/me', { postcode: UNKNOWN_POSTCODE }), 422, 'unknown_postcode', 'postcode');
  });

  it('nobody grants themself a role or changes their e-mail address through PATCH /me', async () => {
    const res = await c.patch('/me', { roles: ['admin'], email: uniqueEmail('hijack') });
    if (res.status === 200) {
      assert.ok(!res.body.user.roles.includes('admin'), 'roles unchanged');
      assert.equal(res.body.user.email, c.email, 'e-mail unchanged');
    } else {
      assertStatus(res, 422);
    }
    assertProblem(await c.get('/users'), 403, 'forbidden');
  });
});

describe('password change: every other session ends', () => {
  it('wrong current password is 422 on current_password; then the change ends the other session only', async () => {
    const a = await newUser(['caregiver'], {}, 'laptop');
    const b = new Client('phone');
    await b.mustLogin(a.email, a.password);

    const wrong = await a.post('/me/password', { current_password: 'not-my-password', new_password: uniquePassword() });
    assertProblem(wrong, 422, 'validation_failed', 'current_password', 'invalid');
    const short = await a.post('/me/password', { current_password: a.password, new_password: 'short' });
    assertProblem(short, 422, 'validation_failed', 'new_password', 'too_short');
    assertStatus(await b.get('/me'), 200, 'failed changes end nothing');

    const fresh = uniquePassword();
    assertStatus(await a.post('/me/password', { current_password: a.password, new_password: fresh }), 204);
    assertProblem(await b.get('/me'), 401, 'unauthenticated');
    assertStatus(await a.get('/me'), 200, 'this session keeps working');
    assertStatus(await a.patch('/me', { locale: 'en' }), 200, 'and its CSRF token too');

    assertProblem(await new Client().login(a.email, a.password), 401, 'invalid_credentials');
    assertStatus(await new Client().login(a.email, fresh), 200);
  });
});

describe('export: a user takes everything held about them', () => {
  it('GET /me/export is one JSON document holding the profile with the e-mail address', async () => {
    const c = await newUser(['resident', 'caregiver'], {}, 'export');
    assertStatus(await c.patch('/me', { phone: '+31 591 123456' }), 200);
    const res = await c.get('/me/export');
    assertStatus(res, 200);
    assert.equal(res.body.user.id, c.user.id);
    assert.equal(res.body.user.email, c.email);
    assert.equal(res.body.user.phone, '+31 591 123456');
    assertProblem(await new Client().get('/me/export'), 401, 'unauthenticated');
  });
});

describe('erasure: a user leaves', () => {
  it('DELETE /me needs the password (422 on password when wrong); then 204, the session ends and login fails', async () => {
    const c = await newUser(['volunteer'], {}, 'leaver');
    const other = new Client('leaver-2');
    await other.mustLogin(c.email, c.password);

    assertProblem(await c.delete('/me', { password: 'not-my-password' }), 422, 'validation_failed', 'password', 'invalid');
    assertProblem(await c.delete('/me', {}), 422, 'validation_failed', 'password', 'required');
    assertStatus(await c.get('/me'), 200, 'still there after the refusals');

    assertStatus(await c.delete('/me', { password: c.password }), 204);
    assertProblem(await c.get('/me'), 401, 'unauthenticated');
    assertProblem(await other.get('/me'), 401, 'unauthenticated');
    assertProblem(await new Client().login(c.email, c.password), 401, 'invalid_credentials');
    const admin = await asAdmin();
    assertProblem(await admin.get(`/users/${c.user.id}`), 404, 'not_found');
  });
});

describe('password reset', () => {
  it('POST /password-reset answers 202 alike for a known and an unknown address', async () => {
    const { res, email } = await register(['resident']);
    assertStatus(res, 201);
    const known = await new Client().post('/password-reset', { email });
    const unknown = await new Client().post('/password-reset', { email: uniqueEmail('nobody') });
    assertStatus(known, 202);
    assertStatus(unknown, 202);
    assert.equal(known.text, unknown.text, 'same body');
  });

  it('a token that was never sent is 422 on token', async () => {
    const res = await new Client().post('/password-reset/confirm', { token: 'x'.repeat(43), password: uniquePassword() });
    assertProblem(res, 422, 'validation_failed', 'token', 'invalid');
  });

  // The reset mail sits sealed in the outbox; the operator's
  // `scripts/ctl outbox-token --email E` prints the token of the last reset
  // mail to E (provided by infra).
  it('reset through the outbox token (needs `scripts/ctl outbox-token --email E`): new password works, old does not, token is single-use', async () => {
    const { res, email, password } = await register(['resident']);
    assertStatus(res, 201);
    assertStatus(await new Client().post('/password-reset', { email }), 202);
    const out = ctl(['outbox-token', '--email', email]);
    assert.equal(out.status, 0, `scripts/ctl outbox-token --email E failed (${out.status}): ${out.stderr.trim()}`);
    const token = out.stdout.trim().split(/\s+/).pop();
    assert.ok(token && token.length >= 20, `a token, got "${out.stdout.trim()}"`);

    const fresh = uniquePassword();
    const short = await new Client().post('/password-reset/confirm', { token, password: 'short' });
    assertProblem(short, 422, 'validation_failed', 'password', 'too_short');
    assertStatus(await new Client().post('/password-reset/confirm', { token, password: fresh }), 204);
    assertProblem(await new Client().login(email, password), 401, 'invalid_credentials');
    assertStatus(await new Client().login(email, fresh), 200);
    const reuse = await new Client().post('/password-reset/confirm', { token, password: uniquePassword() });
    assertProblem(reuse, 422, 'validation_failed', 'token', 'invalid');
  });
});

describe('user management: an admin lists, blocks and grants roles', () => {
  let admin, victim;
  before(async () => {
    admin = await asAdmin();
    victim = await newUser(['resident', 'volunteer'], { display_name: `Blokker ${randomTag(8)}` }, 'victim');
  });

  it('GET /users filters by name, e-mail, role and status; residents get 403, strangers 401', async () => {
    const byName = await admin.get(`/users?q=${encodeURIComponent(victim.registered.display_name)}`);
    assertStatus(byName, 200);
    assert.deepEqual(byName.body.items.map((u) => u.id), [victim.user.id]);
    const byEmail = await admin.post('/users/search', { q: victim.email });
    assert.deepEqual(byEmail.body.items.map((u) => u.id), [victim.user.id]);
    // An address never travels in a URL (issue 16.4): GET says where to go.
    assertProblem(await admin.get(`/users?q=${encodeURIComponent(victim.email)}`), 422, 'validation_failed', 'q', 'use_post');
    const byNamePost = await admin.post('/users/search', { q: victim.registered.display_name, limit: 5 });
    assert.deepEqual(byNamePost.body.items.map((u) => u.id), [victim.user.id]);
    assertProblem(await victim.post('/users/search', { q: 'x' }), 403, 'forbidden');
    const volunteers = await admin.get('/users?role=volunteer&limit=100');
    assertStatus(volunteers, 200);
    assert.ok(volunteers.body.items.length > 0);
    for (const u of volunteers.body.items) assert.ok(u.roles.includes('volunteer'), `${u.id} is a volunteer`);
    const active = await admin.get('/users?status=active&limit=5');
    assertStatus(active, 200);
    for (const u of active.body.items) assert.notEqual(u.status, 'blocked');
    assertProblem(await victim.get('/users'), 403, 'forbidden');
    assertProblem(await new Client().get('/users'), 401, 'unauthenticated');
    assertProblem(await victim.get(`/users/${victim.user.id}`), 403, 'forbidden');
  });

  it('GET /users pages with next_cursor and no item twice', async () => {
    const seen = new Set();
    let cursor = null;
    for (let page = 0; page < 3; page++) {
      const res = await admin.get(`/users?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      assertStatus(res, 200);
      assert.ok(res.body.items.length <= 2);
      for (const u of res.body.items) {
        assert.ok(!seen.has(u.id), `${u.id} twice`);
        seen.add(u.id);
      }
      cursor = res.body.next_cursor;
      if (!cursor) break;
    }
    assertProblem(await admin.get('/users?cursor=%21%21garbage'), 400, 'bad_request');
    // Well-formed cursors whose parts are not ours: a non-ASCII id was a
    // MariaDB error (an ascii column) and a 500 (found by fuzzing).
    const ours = (key, id) => Buffer.from(`1\n${key}\n${id}`).toString('base64url');
    for (const [key, id] of [['2026-11-23 10:00:00.000000', 'é'.repeat(11)],
      ['2026-11-23 10:00:00.000000', 'x'], ['not a time', 'AAAAAAAAAAAAAAAAAAAAAA']]) {
      assertProblem(await admin.get(`/users?cursor=${ours(key, id)}`), 400, 'bad_request');
    }
    assertProblem(await admin.get('/users?limit=0'), 422, 'validation_failed', 'limit');
  });

  it('an unknown user id is 404 for GET and PATCH', async () => {
    assertProblem(await admin.get(`/users/${NOBODY}`), 404, 'not_found');
    assertProblem(await admin.patch(`/users/${NOBODY}`, { status: 'blocked' }), 404, 'not_found');
  });

  it('a resident may not block anyone: 403', async () => {
    const other = await newUser(['resident'], {}, 'other');
    assertProblem(await other.patch(`/users/${victim.user.id}`, { status: 'blocked' }), 403, 'forbidden');
    assertStatus(await victim.get('/me'), 200);
  });

  it('blocking ends the user\'s session and login answers 403 account_blocked; unblocking lets them back', async () => {
    const res = await admin.patch(`/users/${victim.user.id}`, { status: 'blocked' });
    assertStatus(res, 200);
    assert.equal(res.body.user.status, 'blocked');
    assertProblem(await victim.get('/me'), 401, 'unauthenticated');
    assertProblem(await new Client().login(victim.email, victim.password), 403, 'account_blocked');
    const blocked = await admin.post('/users/search', { status: 'blocked', q: victim.email });
    assert.deepEqual(blocked.body.items.map((u) => u.id), [victim.user.id]);

    assertStatus(await admin.patch(`/users/${victim.user.id}`, { status: 'active' }), 200);
    await victim.mustLogin(victim.email, victim.password);
    assertStatus(await victim.get('/me'), 200);
  });

  it('an admin grants professional; the user has it at once; a bad role or status is 422', async () => {
    const res = await admin.patch(`/users/${victim.user.id}`, { roles: ['resident', 'volunteer', 'professional'] });
    assertStatus(res, 200);
    assert.deepEqual([...res.body.user.roles].sort(), ['professional', 'resident', 'volunteer']);
    const me = await victim.get('/me');
    assert.ok(me.body.user.roles.includes('professional'), `roles ${me.body.user.roles}`);
    assertProblem(await admin.patch(`/users/${victim.user.id}`, { roles: ['king'] }), 422, 'validation_failed', 'roles', 'not_allowed');
    assertProblem(await admin.patch(`/users/${victim.user.id}`, { status: 'gone' }), 422, 'validation_failed', 'status', 'not_allowed');
  });
});

describe('CSRF: every unsafe call made with a session needs X-CSRF-Token', () => {
  let c, admin, target;
  before(async () => {
    c = await newUser(['resident'], {}, 'csrf');
    admin = await asAdmin();
    target = await newUser(['resident'], {}, 'csrf-target');
  });

  const calls = [
    ['PATCH /me', (x) => x.patch('/me', { display_name: 'Hacked' }, { csrf: false })],
    ['POST /me/password', (x) => x.post('/me/password', { current_password: 'irrelevant1', new_password: 'irrelevant2' }, { csrf: false })],
    ['DELETE /me', (x) => x.delete('/me', { password: 'irrelevant1' }, { csrf: false })],
    ['DELETE /session', (x) => x.delete('/session', undefined, { csrf: false })],
  ];
  for (const [name, call] of calls) {
    it(`${name} without the header is 403 csrf_failed and changes nothing`, async () => {
      assertProblem(await call(c), 403, 'csrf_failed');
      const me = await c.get('/me');
      assertStatus(me, 200, 'still logged in');
      assert.notEqual(me.body.user.display_name, 'Hacked');
    });
  }

  it('a wrong token is refused like a missing one', async () => {
    assertProblem(await c.patch('/me', { display_name: 'Hacked' }, { csrf: 'A'.repeat(43) }), 403, 'csrf_failed');
    assertProblem(await c.patch('/me', { display_name: 'Hacked' }, { csrf: '' }), 403, 'csrf_failed');
    // Another session's token does not fit this session.
    const other = await newUser(['resident'], {}, 'csrf-other');
    assertProblem(await c.patch('/me', { display_name: 'Hacked' }, { csrf: other.csrf }), 403, 'csrf_failed');
  });

  it('PATCH /users/{id} by an admin without the header is 403 csrf_failed and blocks nobody', async () => {
    assertProblem(await admin.patch(`/users/${target.user.id}`, { status: 'blocked' }, { csrf: false }), 403, 'csrf_failed');
    assertStatus(await target.get('/me'), 200);
  });

  it('registration, login and password reset need no token, even with a session', async () => {
    assertStatus((await register(['resident'], {}, c, { csrf: false })).res, 201);
    assertStatus(await c.post('/password-reset', { email: c.email }, { csrf: false }), 202);
    assertStatus(await c.login(c.email, c.password, { csrf: false }), 200);
  });
});
