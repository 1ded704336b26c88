// mfa_staff.test.mjs — API.md: "Moderation and admin endpoints answer 403
// mfa_required to a moderator or admin whose account has no confirmed
// TOTP" (issue 16, ASVS V6.3). A moderator and an admin made for this test
// (an admin grants the roles) meet every family of staff endpoints without
// two-step login (403 mfa_required), may still log in, read their profile
// and enrol, and get through once they confirmed TOTP; a resident's answers
// do not change. The rule is lib/auth.c's (auth_decide, auth_decide_roles),
// its unit test tests/unit/auth_test.c (test_staff_mfa).

import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  Client, DEMO_POSTCODE, newUser, asAdmin, enrolTotp, loginWithTotp, randomTag,
  assertStatus, assertProblem,
} from './lib/client.mjs';
import { mariadb } from './lib/explain.mjs';

const NOBODY = 'AAAAAAAAAAAAAAAAAAAAAA';

let admin, mod, boss, resident, pending, offer, volunteer;

// Each row: method, path, body (or a function of the fixtures), who needs
// it ('moderator' or 'admin'), and the status it answers once MFA is on.
const families = () => [
  ['GET', '/admin/queue', undefined, 'moderator', 200],
  ['GET', '/admin/reports', undefined, 'moderator', 200],
  ['POST', `/admin/reports/${NOBODY}/resolve`, { action: 'dismiss' }, 'moderator', 404],
  ['GET', '/admin/checkins', undefined, 'moderator', 200],
  ['PUT', `/admin/checkins/${NOBODY}/note`, { note: 'x' }, 'moderator', 404],
  ['GET', '/admin/stats', undefined, 'moderator', 200],
  ['GET', `/requests/${pending.id}`, undefined, 'moderator', 200],
  ['POST', `/requests/${pending.id}/review`, { decision: 'approve' }, 'moderator', [200, 409]],
  ['POST', `/offers/${offer.id}/review`, { decision: 'approve' }, 'moderator', [200, 409]],
  ['POST', `/users/${volunteer.user.id}/vog`, { decision: 'reject', note: 'Geen VOG gezien.' }, 'moderator', [404, 409]],
  ['GET', '/users', undefined, 'admin', 200],
  ['POST', '/users/search', { q: 'nobody-here@example.org' }, 'admin', 200],
  ['GET', `/users/${resident.user.id}`, undefined, 'admin', 200],
  ['GET', '/admin/audit', undefined, 'admin', 200],
  ['PATCH', '/categories/no-such-category', { name_nl: 'Proef' }, 'admin', 404],
  ['PATCH', `/organisations/${NOBODY}`, { name: 'X' }, 'admin', 404],
];

async function call(c, [method, path, body]) {
  return c.request(method, path, body === undefined ? {} : { json: body });
}

before(async () => {
  admin = await asAdmin();
  resident = await newUser(['resident'], {}, 'mfa-staff-resident');
  volunteer = await newUser(['volunteer'], {}, 'mfa-staff-volunteer');
  mod = await newUser(['resident'], {}, 'mfa-staff-moderator');
  boss = await newUser(['resident'], {}, 'mfa-staff-admin');
  assertStatus(await admin.patch(`/users/${mod.user.id}`, { roles: ['resident', 'moderator'] }), 200);
  assertStatus(await admin.patch(`/users/${boss.user.id}`, { roles: ['resident', 'admin'] }), 200);
  for (const c of [mod, boss]) await c.mustLogin(c.email, c.password);
  const r = await resident.post('/requests', {
    title: `Boodschappen ${randomTag(6)}`, description: 'Wie kan er zaterdag boodschappen doen?',
    category: 'shopping', postcode: DEMO_POSTCODE,
  });
  assertStatus(r, 201);
  pending = r.body.request;
  const o = await volunteer.post('/offers', {
    title: `Klusjes ${randomTag(6)}`, description: 'Kleine klussen in huis.', categories: ['odd-jobs'],
    postcode: DEMO_POSTCODE, radius_km: 5, availability: [{ day: 'sat', from: '09:00', to: '12:00' }],
  });
  assertStatus(o, 201);
  offer = o.body.offer;
});

describe('moderators and admins need two-step login for their work (V6.3)', () => {
  it('without confirmed TOTP every staff endpoint family is 403 mfa_required, for the moderator and the admin', async () => {
    assert.equal(pending.status, 'pending', 'pre-moderation: the request waits for a moderator');
    for (const row of families()) {
      const who = row[3] === 'moderator' ? [mod, boss] : [boss];
      for (const c of who)
        assertProblem(await call(c, row), 403, 'mfa_required');
    }
    // A moderator on an admin endpoint stays forbidden: MFA adds no power.
    assertProblem(await mod.get('/admin/audit'), 403, 'forbidden');
    assertProblem(await mod.get('/users'), 403, 'forbidden');
  });

  it('the refusal is in the audit log as a refused action of that user', async () => {
    const rows = mariadb(`SELECT action, target_type FROM audit_log WHERE actor_id = '${mod.user.id}' AND action = 'auth.refused'`);
    assert.ok(rows.length >= 5, `refusals recorded: ${rows.length}`);
  });

  it('they may still log in, read their profile and session, act as the resident they also are, and enrol', async () => {
    assertStatus(await new Client('mod-login').login(mod.email, mod.password), 200);
    assertStatus(await mod.get('/me'), 200);
    assertStatus(await mod.get('/session'), 200);
    assertStatus(await mod.get('/me/sessions'), 200);
    const own = await mod.post('/requests', {
      title: `Eigen vraag ${randomTag(6)}`, description: 'Een vraag van de moderator zelf.',
      category: 'shopping', postcode: DEMO_POSTCODE,
    });
    assertStatus(own, 201);
    assertStatus(await mod.get(`/requests/${own.body.request.id}`), 200, 'their own pending request');
    assertStatus(await mod.get('/requests'), 200, 'the public list');
    // Leave the moderation queue as it was (the web tests read it).
    assertStatus(await mod.post(`/requests/${own.body.request.id}/cancel`), 200, 'they cancel their own request');
  });

  it('a resident gets what they got before: 403 forbidden, never mfa_required', async () => {
    for (const row of families()) {
      const res = await call(resident, row);
      if (row[1] === `/requests/${pending.id}`) assertStatus(res, 200, 'their own request');
      else assertProblem(res, 403, 'forbidden');
    }
  });

  it('once TOTP is confirmed, the same calls go through; a login then needs the code', async () => {
    const elsewhere = new Client('mod-elsewhere');
    await elsewhere.mustLogin(mod.email, mod.password);
    await enrolTotp(mod);
    await enrolTotp(boss);
    // The session made without a code ended with the confirmation.
    assertProblem(await elsewhere.get('/me'), 401, 'unauthenticated');
    for (const row of families()) {
      const who = row[3] === 'moderator' ? [mod, boss] : [boss];
      for (const c of who) {
        const res = await call(c, row);
        assertStatus(res, row[4], `${row[0]} ${row[1]} as ${c.name} with MFA`);
      }
    }
    assertProblem(await new Client('mod-nocode').login(mod.email, mod.password), 401, 'mfa_required');
    const fresh = new Client('mod-code');
    assertStatus(await loginWithTotp(fresh, mod.email, mod.password, mod.totpSecret), 200);
    assertStatus(await fresh.get('/admin/queue'), 200);
  });

  it('turning TOTP off again takes the staff powers with it', async () => {
    const c = await newUser(['resident'], {}, 'mfa-staff-off');
    assertStatus(await admin.patch(`/users/${c.user.id}`, { roles: ['resident', 'moderator'] }), 200);
    await c.mustLogin(c.email, c.password);
    await enrolTotp(c);
    assertStatus(await c.get('/admin/queue'), 200);
    const { claimCode } = await import('./lib/totp.mjs');
    assertStatus(await c.delete('/me/mfa/totp', { password: c.password, code: await claimCode(c.email, c.totpSecret) }), 204);
    assertProblem(await c.get('/admin/queue'), 403, 'mfa_required');
  });
});

describe('a moderator who lost their phone and their recovery codes', () => {
  it('an admin removes their two-step login (audited): their sessions end, they log in with the password and must enrol again', async () => {
    const c = await newUser(['resident'], {}, 'mfa-lost-phone');
    assertStatus(await admin.patch(`/users/${c.user.id}`, { roles: ['resident', 'moderator'] }), 200);
    await c.mustLogin(c.email, c.password);
    await enrolTotp(c);
    assertStatus(await c.get('/admin/queue'), 200);

    // Nobody but an admin (with MFA) may; a user without TOTP is 409.
    assertProblem(await c.delete(`/users/${c.user.id}/mfa`), 403, 'forbidden');
    assertProblem(await resident.delete(`/users/${c.user.id}/mfa`), 403, 'forbidden');
    assertProblem(await admin.delete(`/users/${resident.user.id}/mfa`), 409, 'conflict');
    assertProblem(await admin.delete(`/users/${NOBODY}/mfa`), 404, 'not_found');

    assertStatus(await admin.delete(`/users/${c.user.id}/mfa`), 204);
    assertProblem(await c.get('/me'), 401, 'unauthenticated');
    const rows = mariadb(`SELECT actor_id FROM audit_log WHERE action = 'mfa.reset' AND target_id = '${c.user.id}'`);
    assert.deepEqual(rows.map(([a]) => a), [admin.user.id], 'the reset is on the record, with the admin');
    assertStatus(await c.login(c.email, c.password), 200, 'the password alone again');
    assertProblem(await c.get('/admin/queue'), 403, 'mfa_required');
    await enrolTotp(c);
    assertStatus(await c.get('/admin/queue'), 200);
  });
});
