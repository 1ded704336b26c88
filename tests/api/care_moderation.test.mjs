// care_moderation.test.mjs — issue 17, where moderators act (API.md "Care"):
// the list of VOGs that wait for a decision (GET /admin/vog), by role, paged
// oldest first and showing nothing of a person but the display name and the
// VOG's dates; the consent of a person cared for shown in the moderation
// queue and the check-ins list (first name and how, nothing private), and
// revoked from there by a moderator.
//
// Needs the stack with the demo data and BURENHULP_VAR for the database
// checks.

import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  Client, DEMO_POSTCODE, newUser, asDemo, randomTag, assertStatus, assertProblem, assertFieldError,
} from './lib/client.mjs';
import { mariadb, handlerStatements, bind, explain, assertIndexed } from './lib/explain.mjs';

const q = (s) => `'${String(s).replace(/[^A-Za-z0-9_-]/g, '')}'`;	// ids only

const day = (offsetDays) => new Date(Date.now() + offsetDays * 86400e3).toISOString().slice(0, 10);

let moderator, admin;

before(async () => {
  moderator = await asDemo('moderator');
  admin = await asDemo('admin');
});

async function idOf(client) {
  const me = await client.get('/me');
  assertStatus(me, 200);
  return me.body.user.id;
}

// Every item of GET path (all pages of limit), in order.
async function all(client, path, limit = 100) {
  const out = [];
  let cursor = null;
  for (let i = 0; i < 2000; i++) {
    const qs = new URLSearchParams({ limit: String(limit) });
    if (cursor) qs.set('cursor', cursor);
    const res = await client.get(`${path}${path.includes('?') ? '&' : '?'}${qs}`);
    assertStatus(res, 200, path);
    out.push(...res.body.items);
    cursor = res.body.next_cursor;
    if (!cursor) return out;
  }
  throw new Error('too many pages');
}

describe('GET /admin/vog: the VOGs that wait for a moderator', () => {
  let a, b;

  before(async () => {
    a = await newUser(['volunteer'], {}, 'vog-pending-a');
    b = await newUser(['volunteer'], {}, 'vog-pending-b');
    assertStatus(await a.put('/me/vog', { issued_on: day(-40) }), 200);
    assertStatus(await b.put('/me/vog', { issued_on: day(-20) }), 200);
    a.id = await idOf(a);
    b.id = await idOf(b);
  });

  it('moderators and admins get it; residents, volunteers and professionals 403; anonymous 401', async () => {
    assertStatus(await moderator.get('/admin/vog?status=pending'), 200);
    assertStatus(await admin.get('/admin/vog'), 200);
    for (const role of ['resident', 'volunteer', 'professional', 'caregiver'])
      assertProblem(await (await asDemo(role)).get('/admin/vog?status=pending'), 403, 'forbidden');
    assertProblem(await a.get('/admin/vog'), 403, 'forbidden');
    assertProblem(await new Client().get('/admin/vog'), 401, 'unauthenticated');
  });

  it('lists pending VOGs oldest first, with only the display name and the dates', async () => {
    const items = await all(moderator, '/admin/vog?status=pending');
    const ia = items.findIndex((i) => i.user.id === a.id);
    const ib = items.findIndex((i) => i.user.id === b.id);
    assert.ok(ia >= 0 && ib >= 0, 'both are listed');
    assert.ok(ia < ib, 'the one recorded first comes first');
    for (let i = 1; i < items.length; i++)
      assert.ok(items[i - 1].vog.submitted_at <= items[i].vog.submitted_at, 'oldest first');
    const it = items[ia];
    assert.deepEqual(Object.keys(it).sort(), ['user', 'vog']);
    assert.deepEqual(Object.keys(it.user).sort(), ['display_name', 'id']);
    assert.equal(it.user.display_name, a.registered.display_name);
    assert.deepEqual(Object.keys(it.vog).sort(), ['expires_on', 'issued_on', 'status', 'submitted_at']);
    assert.equal(it.vog.status, 'submitted');
    assert.equal(it.vog.issued_on, day(-40));
    assert.equal(it.vog.expires_on, null);
    assert.equal(new Set(items.map((i) => i.user.id)).size, items.length, 'each user once');
  });

  it('pages with a cursor: limit 1 walks the same list, no item twice', async () => {
    const whole = await all(moderator, '/admin/vog?status=pending');
    const paged = await all(moderator, '/admin/vog?status=pending', 1);
    // Other tests may record VOGs meanwhile: they come after, never before.
    assert.deepEqual(paged.slice(0, whole.length).map((i) => i.user.id), whole.map((i) => i.user.id));
  });

  it('a decision takes it off the pending list and onto the verified or rejected one', async () => {
    assertStatus(await moderator.post(`/users/${a.id}/vog`, { decision: 'verify' }), 200);
    assertStatus(await moderator.post(`/users/${b.id}/vog`, { decision: 'reject', note: 'Niet leesbaar.' }), 200);
    const pending = await all(moderator, '/admin/vog?status=pending');
    assert.ok(!pending.some((i) => i.user.id === a.id || i.user.id === b.id));
    const verified = await all(moderator, '/admin/vog?status=verified');
    const va = verified.find((i) => i.user.id === a.id);
    assert.equal(va.vog.status, 'verified');
    assert.ok(va.vog.expires_on);
    const rejected = await all(moderator, '/admin/vog?status=rejected');
    const rb = rejected.find((i) => i.user.id === b.id);
    assert.equal(rb.vog.status, 'rejected');
    assert.ok(!JSON.stringify(rb).includes('leesbaar'), 'the note is never in the list');
    // A new date waits again.
    assertStatus(await b.put('/me/vog', { issued_on: day(-3) }), 200);
    const again = await all(moderator, '/admin/vog');
    assert.equal(again.find((i) => i.user.id === b.id)?.vog.issued_on, day(-3));
  });

  it('EXPLAIN: the list reads users_vog on users_vog_pending (migration 095), first page and later ones', (t) => {
    const stmt = handlerStatements('admin').STMT_VOG_LIST;
    assert.ok(stmt, 'STMT_VOG_LIST in handlers/admin/stmts.c');
    for (const after of [null, '2026-01-01 12:00:00.000000']) {
      const plan = explain(bind(stmt, ['submitted', after, after, after, after ? 'AAAAAAAAAAAAAAAAAAAAAA' : null, 21]), t);
      assertIndexed(plan, { v: 'users_vog' });
      assert.equal(plan.find((p) => p.table === 'v').key, 'users_vog_pending');
    }
  });

  it('bad input: an unknown status is 422 on status; a bad limit 422; a mangled cursor 400', async () => {
    assertFieldError(await moderator.get('/admin/vog?status=submitted'), 'status', 'not_allowed');
    assertFieldError(await moderator.get('/admin/vog?status='), 'status', 'not_allowed');
    assertFieldError(await moderator.get('/admin/vog?limit=0'), 'limit');
    assertProblem(await moderator.get('/admin/vog?cursor=bm9wZQ'), 400, 'bad_request');
    assertProblem(await moderator.get('/admin/vog?cursor=%00%01'), 400, 'bad_request');
  });
});

describe('consent where moderators act: the queue and the check-ins list', () => {
  let owner, volunteer, ownerId;
  const marker = `Dementie ${randomTag(8)}`;

  before(async () => {
    owner = await newUser(['caregiver'], {}, 'consent-owner');
    ownerId = await idOf(owner);
    volunteer = await newUser(['volunteer'], {}, 'consent-volunteer');
  });

  function body(extra = {}) {
    return {
      title: `Boodschappen ${randomTag(8)}`, description: 'Wie doet er wekelijks de boodschappen?',
      category: 'shopping', postcode: DEMO_POSTCODE, ...extra,
    };
  }

  it('a pending request posted for someone shows the first name and how consent was recorded; nothing private', async () => {
    const res = await owner.post('/requests', body({
      on_behalf_of: { first_name: 'Truus', consent: { how: 'written' } },
      private: { care_situation: marker, address: 'Hoofdstraat 9', phone: '0591-123123' },
    }));
    assertStatus(res, 201);
    const plain = await owner.post('/requests', body());
    assertStatus(plain, 201);
    const items = await all(moderator, '/admin/queue');
    const it = items.find((i) => i.id === res.body.request.id);
    assert.ok(it, 'in the queue');
    assert.deepEqual(Object.keys(it.on_behalf_of).sort(), ['consent', 'first_name']);
    assert.equal(it.on_behalf_of.first_name, 'Truus');
    assert.equal(it.on_behalf_of.consent.how, 'written');
    assert.match(it.on_behalf_of.consent.recorded_at, /^\d{4}-\d\d-\d\dT/);
    assert.deepEqual(it.on_behalf_of.consent.recorded_by, { id: ownerId, display_name: owner.registered.display_name });
    const text = JSON.stringify(items);
    assert.ok(!text.includes(marker) && !text.includes('Hoofdstraat 9') && !text.includes('0591-123123'), 'nothing private');
    assert.equal(items.find((i) => i.id === plain.body.request.id).on_behalf_of, null);
    for (const o of items.filter((i) => i.type === 'offer'))
      assert.equal(o.on_behalf_of, undefined, 'offers carry none');
    // The queue page shows its first 50: leave nothing waiting behind.
    for (const id of [res.body.request.id, plain.body.request.id])
      assertStatus(await owner.post(`/requests/${id}/cancel`), 200);
  });

  it('a moderator revokes it from the queue: the request is withdrawn, off the queue, its private part gone', async () => {
    const res = await owner.post('/requests', body({
      on_behalf_of: { first_name: 'Gerrit', consent: { how: 'verbal' } }, private: { care_situation: marker },
    }));
    assertStatus(res, 201);
    const id = res.body.request.id;
    assertProblem(await volunteer.post(`/requests/${id}/consent/revoke`, {}), 404, 'not_found');
    const rv = await moderator.post(`/requests/${id}/consent/revoke`, {});
    assertStatus(rv, 200);
    assert.equal(rv.body.request.status, 'cancelled');
    assert.ok(!(await all(moderator, '/admin/queue')).some((i) => i.id === id), 'off the queue');
    assert.deepEqual(mariadb(`SELECT care_situation_ct IS NULL, on_behalf_of IS NULL FROM requests WHERE id = ${q(id)}`), [['1', '1']]);
    assert.deepEqual(mariadb(`SELECT detail FROM audit_log WHERE action = 'request.consent_revoke' AND target_id = ${q(id)}`), [['moderator']]);
  });

  it('a recurring match with check-ins shows the consent of the person it is for, and drops off once revoked', async () => {
    const res = await owner.post('/requests', body({
      recurrence: 'weekly', on_behalf_of: { first_name: 'Bep', consent: { how: 'self_present' } },
      private: { care_situation: marker },
    }));
    assertStatus(res, 201);
    const id = res.body.request.id;
    assertStatus(await moderator.post(`/requests/${id}/review`, { decision: 'approve' }), 200);
    const m = await volunteer.post('/matches', { request_id: id, message: 'Ik kom graag.' });
    assertStatus(m, 201);
    assertStatus(await owner.post(`/matches/${m.body.match.id}/accept`), 200);
    assertStatus(await owner.post(`/matches/${m.body.match.id}/checkin`, { answer: 'could_be_better' }), 201);
    const items = await all(moderator, '/admin/checkins?attention=true');
    const it = items.find((i) => i.match.id === m.body.match.id);
    assert.ok(it, 'needs attention');
    assert.equal(it.match.request.on_behalf_of.first_name, 'Bep');
    assert.equal(it.match.request.on_behalf_of.consent.how, 'self_present');
    assert.ok(!JSON.stringify(items).includes(marker), 'nothing private');
    assertStatus(await moderator.post(`/requests/${id}/consent/revoke`, {}), 200);
    assert.ok(!(await all(moderator, '/admin/checkins?attention=true')).some((i) => i.match.id === m.body.match.id),
      'the match was cancelled with the request');
  });
});
