// care.test.mjs — issue 17, parts 1 and 4 (API.md "Care"), by role.
//
// Consent: a caregiver or professional who posts for someone records how
// that person agreed; without it the request is refused on
// on_behalf_of.consent. Everyone who sees the request sees that consent was
// recorded (never more than the first name). The poster or a moderator
// revokes it: the request is withdrawn, its private part destroyed at once
// (the database row and the export say so), its live matches cancelled and
// their volunteers told, an audit row written; a volunteer or another
// resident may not.
//
// VOG: a volunteer records the issue date, a moderator verifies or rejects
// it; a request that needs one (its category, or set on it) takes no
// response, no invitation, no suggestion of a volunteer without a verified,
// unexpired VOG, and its volunteer reads the private part only while theirs
// holds; 30 days before it expires the mailer tells the volunteer once.
//
// Needs the stack in pre-moderation with the demo data (the categories
// respite and company need a VOG) and BURENHULP_VAR for the database
// checks; the expiry notice needs the fast follow-ups of scripts/test
// (BURENHULP_FOLLOWUPS_PERIOD_S=1).

import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  Client, DEMO_POSTCODE, newUser, asDemo, randomTag,
  assertStatus, assertProblem, assertFieldError,
} from './lib/client.mjs';
import { mariadb } from './lib/explain.mjs';

const q = (s) => `'${String(s).replace(/[^A-Za-z0-9_-]/g, '')}'`;	// ids and markers only
const day = (offsetDays) => new Date(Date.now() + offsetDays * 86400e3).toISOString().slice(0, 10);
const addYears = (date, n) => `${Number(date.slice(0, 4)) + n}${date.slice(4)}`;

let moderator;

function body(tag, extra = {}) {
  return {
    title: `Hulp ${tag}`,
    description: `Wie komt er een uurtje langs? ${tag}`,
    category: 'shopping',
    postcode: DEMO_POSTCODE,
    ...extra,
  };
}

async function post(client, b) {
  const res = await client.post('/requests', b);
  assertStatus(res, 201, 'POST /requests');
  return res.body.request;
}

async function approve(id) {
  const res = await moderator.post(`/requests/${id}/review`, { decision: 'approve' });
  assertStatus(res, 200, 'approve');
  return res.body.request;
}

async function openRequest(owner, extra = {}) {
  const r = await post(owner, body(randomTag(8), extra));
  return approve(r.id);
}

async function verifiedVolunteer(issued = day(-30)) {
  const v = await newUser(['volunteer'], {}, 'volunteer-vog');
  assertStatus(await v.put('/me/vog', { issued_on: issued }), 200);
  const me = await v.get('/me');
  assertStatus(await moderator.post(`/users/${me.body.user.id}/vog`, { decision: 'verify' }), 200);
  v.id = me.body.user.id;
  return v;
}

async function idOf(client) {
  const me = await client.get('/me');
  assertStatus(me, 200);
  return me.body.user.id;
}

async function activeOffer(volunteer, categories) {
  const res = await volunteer.post('/offers', {
    title: `Gezelschap ${randomTag(6)}`,
    description: 'Ik kom graag op bezoek.',
    categories,
    postcode: DEMO_POSTCODE,
    radius_km: 10,
    availability: [{ day: 'sat', from: '09:00', to: '13:00' }],
  });
  assertStatus(res, 201, 'POST /offers');
  assertStatus(await moderator.post(`/offers/${res.body.offer.id}/review`, { decision: 'approve' }), 200);
  return res.body.offer;
}

before(async () => {
  moderator = await asDemo('moderator');
});

describe('consent: posting on behalf of someone records how they agreed', () => {
  it('without consent: 422 on on_behalf_of.consent; an unknown way: 422 on on_behalf_of.consent.how', async () => {
    const caregiver = await newUser(['caregiver']);
    assertFieldError(await caregiver.post('/requests', body('x', { on_behalf_of: { first_name: 'Truus' } })),
      'on_behalf_of.consent', 'required');
    assertFieldError(await caregiver.post('/requests', body('x', { on_behalf_of: { first_name: 'Truus', consent: {} } })),
      'on_behalf_of.consent.how', 'required');
    const bad = await caregiver.post('/requests', body('x', { on_behalf_of: { first_name: 'Truus', consent: { how: 'assumed' } } }));
    assertProblem(bad, 422, 'validation_failed');
    assert.ok(bad.body.errors.some((e) => e.field === 'on_behalf_of.consent.how'), JSON.stringify(bad.body));
    const r = await post(caregiver, body('y'));
    assertFieldError(await caregiver.patch(`/requests/${r.id}`, { on_behalf_of: { first_name: 'Truus' } }),
      'on_behalf_of.consent', 'required');
  });

  it('consent is shown with who recorded it and when; the public and the volunteer see the first name only', async () => {
    const caregiver = await newUser(['caregiver']);
    const cid = await idOf(caregiver);
    const r = await post(caregiver, body(randomTag(8), {
      on_behalf_of: { first_name: 'Truus', consent: { how: 'written' } },
      private: { care_situation: 'Dementie, beginnend', address: 'Hoofdstraat 1' },
    }));
    assert.equal(r.on_behalf_of.first_name, 'Truus');
    assert.equal(r.on_behalf_of.consent.how, 'written');
    assert.equal(r.on_behalf_of.consent.recorded_by.id, cid);
    assert.match(r.on_behalf_of.consent.recorded_at, /^\d{4}-\d\d-\d\dT/);
    await approve(r.id);
    const pub = await new Client().get(`/requests/${r.id}`);
    assertStatus(pub, 200);
    assert.deepEqual(Object.keys(pub.body.request.on_behalf_of).sort(), ['consent', 'first_name']);
    assert.equal(pub.body.request.private, undefined);
    const patched = await caregiver.patch(`/requests/${r.id}`, { on_behalf_of: { first_name: 'Truus', consent: { how: 'self_present' } } });
    assertStatus(patched, 200);
    assert.equal(patched.body.request.on_behalf_of.consent.how, 'self_present');
  });
});

describe('consent revoked: the request is withdrawn and nothing private is left', () => {
  let owner, volunteer, other, request, match, ownerId;

  before(async () => {
    owner = await newUser(['caregiver'], {}, 'caregiver');
    ownerId = await idOf(owner);
    volunteer = await newUser(['volunteer'], {}, 'volunteer');
    other = await newUser(['resident'], {}, 'other');
    request = await openRequest(owner, {
      on_behalf_of: { first_name: 'Gerrit', consent: { how: 'verbal' } },
      private: { care_situation: `na een beroerte ${randomTag(6)}`, address: 'Dorpsstraat 2', phone: '0591-654321' },
    });
    const m = await volunteer.post('/matches', { request_id: request.id, message: 'Ik help graag.' });
    assertStatus(m, 201);
    match = m.body.match;
    assertStatus(await owner.post(`/matches/${match.id}/accept`), 200);
  });

  it('a volunteer (even the accepted one) and another resident may not revoke; nobody without a session', async () => {
    assertProblem(await volunteer.post(`/requests/${request.id}/consent/revoke`, {}), 403, 'forbidden');
    assertProblem(await other.post(`/requests/${request.id}/consent/revoke`, {}), 404, 'not_found');
    assertProblem(await new Client().post(`/requests/${request.id}/consent/revoke`, {}), 401, 'unauthenticated');
    const [row] = mariadb(`SELECT status, care_situation_ct IS NULL FROM requests WHERE id = ${q(request.id)}`);
    assert.deepEqual(row, ['matched', '0'], 'nothing changed');
  });

  it('the owner revokes: cancelled, sealed columns and first name NULL, matches cancelled, volunteer told, audited', async () => {
    const res = await owner.post(`/requests/${request.id}/consent/revoke`, { reason: 'Mijn vader wil het niet meer.' });
    assertStatus(res, 200);
    assert.equal(res.body.request.status, 'cancelled');
    assert.equal(res.body.request.on_behalf_of, undefined);
    assert.deepEqual(res.body.request.private, { care_situation: null, address: null, phone: null });
    const [row] = mariadb(`SELECT status, care_situation_ct IS NULL, address_ct IS NULL, phone_ct IS NULL, ` +
      `on_behalf_of IS NULL, consent_revoked_at IS NOT NULL FROM requests WHERE id = ${q(request.id)}`);
    assert.deepEqual(row, ['cancelled', '1', '1', '1', '1', '1']);
    const [m] = mariadb(`SELECT status FROM matches WHERE id = ${q(match.id)}`);
    assert.deepEqual(m, ['cancelled']);
    const told = await volunteer.get('/me/notifications');
    assertStatus(told, 200);
    assert.ok(told.body.items.some((n) => n.kind === 'match.cancelled' && n.link === `/match.html?id=${match.id}`),
      'the volunteer is told');
    const audit = mariadb(`SELECT actor_id, detail FROM audit_log WHERE action = 'request.consent_revoke' AND target_id = ${q(request.id)}`);
    assert.deepEqual(audit, [[ownerId, 'owner']]);
    const exp = await owner.get('/me/export');
    assertStatus(exp, 200);
    const mine = exp.body.requests.find((i) => i.id === request.id);
    assert.ok(mine, 'in the export');
    assert.deepEqual(mine.private, { care_situation: null, address: null, phone: null });
    assert.equal(mine.on_behalf_of, undefined);
    assert.ok(!JSON.stringify(exp.body).includes('Dorpsstraat 2'), 'the address is nowhere in the export');
    // Again: harmless.
    assertStatus(await owner.post(`/requests/${request.id}/consent/revoke`, {}), 200);
  });

  it('a moderator may revoke another\'s; a request not posted for someone: 409', async () => {
    const r = await post(owner, body(randomTag(8), { on_behalf_of: { first_name: 'Bep', consent: { how: 'verbal' } }, private: { phone: '0591-111111' } }));
    const res = await moderator.post(`/requests/${r.id}/consent/revoke`, {});
    assertStatus(res, 200);
    assert.equal(res.body.request.status, 'cancelled');
    const [row] = mariadb(`SELECT phone_ct IS NULL FROM requests WHERE id = ${q(r.id)}`);
    assert.deepEqual(row, ['1']);
    const own = await post(owner, body(randomTag(8)));
    assertProblem(await owner.post(`/requests/${own.id}/consent/revoke`, {}), 409, 'invalid_transition');
  });
});

describe('VOG: the volunteer records it, a moderator decides', () => {
  it('bad dates: in the future, before 1990, no such day → 422 on issued_on; not a volunteer → 403', async () => {
    const v = await newUser(['volunteer']);
    for (const d of [day(2), '1989-12-31', '2024-02-30', '20240101xx', 'gisteren']) {
      const res = await v.put('/me/vog', { issued_on: d });
      assertProblem(res, 422, 'validation_failed');
      assert.ok(res.body.errors.some((e) => e.field === 'issued_on'), `${d}: ${JSON.stringify(res.body)}`);
    }
    const resident = await newUser(['resident']);
    assertProblem(await resident.put('/me/vog', { issued_on: day(-10) }), 403, 'forbidden');
    assertProblem(await new Client().put('/me/vog', { issued_on: day(-10) }), 401, 'unauthenticated');
  });

  it('submitted, then verified (expires 3 years after issue) or rejected with a note; GET /me shows it', async () => {
    const v = await newUser(['volunteer']);
    const id = await idOf(v);
    assert.equal((await v.get('/me')).body.user.vog, null);
    const issued = day(-100);
    const put = await v.put('/me/vog', { issued_on: issued });
    assertStatus(put, 200);
    assert.equal(put.body.vog.status, 'submitted');
    assert.equal(put.body.vog.issued_on, issued);
    assert.equal((await v.get('/me')).body.user.vog.status, 'submitted');

    assertProblem(await v.post(`/users/${id}/vog`, { decision: 'verify' }), 403, 'forbidden');
    const resident = await newUser(['resident']);
    assertProblem(await resident.post(`/users/${id}/vog`, { decision: 'verify' }), 403, 'forbidden');
    assertFieldError(await moderator.post(`/users/${id}/vog`, { decision: 'maybe' }), 'decision', 'not_allowed');

    const ok = await moderator.post(`/users/${id}/vog`, { decision: 'verify' });
    assertStatus(ok, 200);
    assert.deepEqual(ok.body.vog, { status: 'verified', issued_on: issued, expires_on: addYears(issued, 3), note: null });
    assert.equal((await v.get('/me')).body.user.vog.status, 'verified');

    const no = await moderator.post(`/users/${id}/vog`, { decision: 'reject', note: 'De datum klopt niet met het papier.' });
    assertStatus(no, 200);
    assert.equal(no.body.vog.status, 'rejected');
    assert.equal(no.body.vog.expires_on, null);
    const me = await v.get('/me');
    assert.equal(me.body.user.vog.note, 'De datum klopt niet met het papier.');
    const [sealed] = mariadb(`SELECT note_ct NOT LIKE '%papier%' FROM users_vog WHERE user_id = ${q(id)}`);
    assert.deepEqual(sealed, ['1'], 'the note is sealed at rest');
    const mod = await asDemo('moderator');
    const modId = await idOf(mod);
    assertProblem(await moderator.post(`/users/AAAAAAAAAAAAAAAAAAAAAA/vog`, { decision: 'verify' }), 404, 'not_found');
    assertProblem(await moderator.post(`/users/${modId}/vog`, { decision: 'verify' }), 403, 'forbidden');
  });
});

describe('the VOG in the export and after erasure', () => {
  it('the export holds the VOG; erasing the account removes its row', async () => {
    const v = await verifiedVolunteer(day(-50));
    const exp = await v.get('/me/export');
    assertStatus(exp, 200);
    assert.equal(exp.body.user.vog.status, 'verified');
    assert.equal(exp.body.user.vog.issued_on, day(-50));
    assertStatus(await v.delete('/me', { password: v.password }), 204);
    assert.deepEqual(mariadb(`SELECT COUNT(*) FROM users_vog WHERE user_id = ${q(v.id)}`), [['0']]);
  });
});

describe('a request that needs a VOG', () => {
  let owner, noVog, withVog;

  before(async () => {
    owner = await newUser(['resident'], {}, 'owner');
    noVog = await newUser(['volunteer'], {}, 'volunteer-no-vog');
    noVog.id = await idOf(noVog);
    withVog = await verifiedVolunteer();
  });

  it('the demo categories respite and company need one; an admin sets it on a category', async () => {
    const cats = await new Client().get('/categories');
    assertStatus(cats, 200);
    const by = Object.fromEntries(cats.body.map((c) => [c.id, c.needs_vog]));
    assert.equal(by.company, true);
    assert.equal(by.respite, true);
    assert.equal(by.shopping, false);
    const admin = await asDemo('admin');
    const on = await admin.patch('/categories/garden', { needs_vog: true });
    assertStatus(on, 200);
    assert.equal(on.body.category.needs_vog, true);
    const off = await admin.patch('/categories/garden', { needs_vog: false });
    assert.equal(off.body.category.needs_vog, false);
    assertProblem(await moderator.patch('/categories/garden', { needs_vog: true }), 403, 'forbidden');
  });

  it('inherited from the category, or set on the request', async () => {
    const a = await post(owner, body('a', { category: 'company' }));
    assert.equal(a.needs_vog, true);
    const b = await post(owner, body('b'));
    assert.equal(b.needs_vog, false);
    const c = await post(owner, body('c', { needs_vog: true }));
    assert.equal(c.needs_vog, true);
    const p = await owner.patch(`/requests/${b.id}`, { needs_vog: true });
    assertStatus(p, 200);
    assert.equal(p.body.request.needs_vog, true);
  });

  it('no response and no invitation without a verified VOG (403 vog_required); with one, yes', async () => {
    const r = await openRequest(owner, { category: 'company' });
    assertProblem(await noVog.post('/matches', { request_id: r.id, message: 'Ik kom graag.' }), 403, 'vog_required');
    assertProblem(await owner.post('/matches', { request_id: r.id, volunteer_id: noVog.id, message: 'Wilt u komen?' }), 403, 'vog_required');
    assertStatus(await withVog.post('/matches', { request_id: r.id, message: 'Ik kom graag.' }), 201);
    const r2 = await openRequest(owner, { category: 'company' });
    assertStatus(await owner.post('/matches', { request_id: r2.id, volunteer_id: withVog.id, message: 'Wilt u komen?' }), 201);
    // A request that needs none takes anyone.
    const r3 = await openRequest(owner);
    assertStatus(await noVog.post('/matches', { request_id: r3.id, message: 'Ik help.' }), 201);
    // A submitted (not verified) or rejected VOG is not enough.
    assertStatus(await noVog.put('/me/vog', { issued_on: day(-5) }), 200);
    assertProblem(await noVog.post('/matches', { request_id: r.id, message: 'Ik kom graag.' }), 403, 'vog_required');
  });

  it('the private part only while the volunteer\'s VOG holds', async () => {
    const v = await verifiedVolunteer();
    const r = await openRequest(owner, { category: 'respite', private: { address: 'Kerkstraat 5' } });
    const m = await v.post('/matches', { request_id: r.id, message: 'Ik pas graag op.' });
    assertStatus(m, 201);
    assertStatus(await owner.post(`/matches/${m.body.match.id}/accept`), 200);
    const seen = await v.get(`/requests/${r.id}`);
    assertStatus(seen, 200);
    assert.equal(seen.body.request.private.address, 'Kerkstraat 5');
    mariadb(`UPDATE users_vog SET expires_on = UTC_DATE() - INTERVAL 1 DAY WHERE user_id = ${q(v.id)}`);
    assert.equal((await v.get('/me')).body.user.vog.status, 'expired');
    const gone = await v.get(`/requests/${r.id}`);
    assertStatus(gone, 200);
    assert.equal(gone.body.request.private, undefined, 'an expired VOG reads nothing private');
    const own = await owner.get(`/requests/${r.id}`);
    assert.equal(own.body.request.private.address, 'Kerkstraat 5', 'the owner still does');
  });

  it('suggestions leave out volunteers without a verified VOG, both ways', async () => {
    const plain = await newUser(['volunteer'], {}, 'plain');
    plain.id = await idOf(plain);
    const vetted = await verifiedVolunteer();
    await activeOffer(plain, ['company']);
    await activeOffer(vetted, ['company']);
    const r = await openRequest(owner, { category: 'company' });
    const sug = await owner.get(`/requests/${r.id}/suggestions`);
    assertStatus(sug, 200);
    const ids = sug.body.map((s) => s.volunteer.id);
    assert.ok(ids.includes(vetted.id), 'the verified volunteer is suggested');
    assert.ok(!ids.includes(plain.id), 'the one without a VOG is not');
    const mine = await plain.get('/me/suggestions?limit=50');
    assertStatus(mine, 200);
    assert.ok(!JSON.stringify(mine.body).includes(r.id), 'nor is the request suggested to them');
  });

  it('30 days before expiry the mailer tells the volunteer once (vog.expiring)', async () => {
    const v = await verifiedVolunteer(addYears(day(10), -3));
    const me = await v.get('/me');
    assert.equal(me.body.user.vog.expires_on, day(10));
    let rows = [];
    for (let i = 0; i < 150 && rows.length === 0; i++) {
      rows = mariadb(`SELECT kind, link FROM notifications WHERE user_id = ${q(v.id)} AND kind = 'vog.expiring'`);
      if (rows.length === 0) await new Promise((res) => setTimeout(res, 200));
    }
    assert.deepEqual(rows, [['vog.expiring', '/profiel.html#vog']]);
    await new Promise((res) => setTimeout(res, 2500));
    assert.equal(mariadb(`SELECT COUNT(*) FROM notifications WHERE user_id = ${q(v.id)} AND kind = 'vog.expiring'`)[0][0], '1', 'once');
  });
});
