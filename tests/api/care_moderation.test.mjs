// care_moderation.test.mjs — issue 17, where moderators act (API.md "Care"):
// the list of VOGs that wait for a decision (GET /admin/vog), by role, paged
// oldest first and showing nothing of a person but the display name and the
// VOG's dates.
//
// Needs the stack with the demo data and BURENHULP_VAR for the database
// checks.

import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  Client, newUser, asDemo, assertStatus, assertProblem, assertFieldError,
} from './lib/client.mjs';

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

  it('bad input: an unknown status is 422 on status; a bad limit 422; a mangled cursor 400', async () => {
    assertFieldError(await moderator.get('/admin/vog?status=submitted'), 'status', 'not_allowed');
    assertFieldError(await moderator.get('/admin/vog?status='), 'status', 'not_allowed');
    assertFieldError(await moderator.get('/admin/vog?limit=0'), 'limit');
    assertProblem(await moderator.get('/admin/vog?cursor=bm9wZQ'), 400, 'bad_request');
    assertProblem(await moderator.get('/admin/vog?cursor=%00%01'), 400, 'bad_request');
  });
});
