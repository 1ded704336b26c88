// offers.test.mjs — the Offers table of API.md as the stories of the people
// who use it: a volunteer offers help (talents, categories, weekly
// availability, how far they travel), a moderator approves or rejects it,
// neighbours find it near their postcode, by category and by day, the
// volunteer pauses, resumes, edits and deletes it; a blocked volunteer
// vanishes at once; export and erasure take the offers along; bad input is
// 422 naming the field. Every answer is also checked against
// docs/openapi.yaml (client.mjs). The last story EXPLAINs the list queries
// of handlers/offers/stmts.c over a few thousand rows: no full scans.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  Client, VAR, DEMO_PC4, UNKNOWN_POSTCODE,
  newUser, asDemo, asAdmin, randomTag,
  assertStatus, assertProblem,
} from './lib/client.mjs';
import { mariadb, handlerStatements, bind, box, explain, assertIndexed } from './lib/explain.mjs';

// A syntactically valid id that names nothing.
const NOTHING = 'AAAAAAAAAAAAAAAAAAAAAA';

// The moderation mode of the stack under test (offers.conf; default pre).
function moderationMode() {
  try {
    const m = /^\s*moderation\s*=\s*(\w+)/m.exec(readFileSync(join(VAR, 'etc', 'offers.conf'), 'utf8'));
    if (m) return m[1];
  } catch { /* no state folder to read: the documented default */ }
  return 'pre';
}
const PRE = moderationMode() !== 'post';

// ------------------------------------------------------------------ helpers

function offerBody(over = {}) {
  return {
    title: `Boodschappen en een praatje ${randomTag(6)}`,
    description: 'Ik doe graag boodschappen voor u, en drink daarna een kop koffie mee.',
    categories: ['shopping', 'transport'],
    postcode: '7811 AB',
    radius_km: 5,
    availability: [
      { day: 'mon', from: '09:00', to: '12:00' },
      { day: 'mon', from: '12:00', to: '13:30' },	// touching is no overlap
      { day: 'wed', from: '18:00', to: '20:30' },
    ],
    ...over,
  };
}

async function post(client, over) {
  const res = await client.post('/offers', offerBody(over));
  assertStatus(res, 201, 'POST /offers');
  return res.body.offer;
}

async function review(moderator, id, decision, reason) {
  const res = await moderator.post(`/offers/${id}/review`, reason === undefined ? { decision } : { decision, reason });
  assertStatus(res, 200, `review ${decision}`);
  return res.body.offer;
}

// Posts and (under pre-moderation) approves: an active offer.
async function postActive(client, moderator, over) {
  const o = await post(client, over);
  return PRE ? review(moderator, o.id, 'approve') : o;
}

// Every item of a list, page by page (limit per page), as an array.
async function all(client, path, query = {}, limit = 100, maxPages = 500) {
  const items = [];
  let cursor = null;
  for (let i = 0; i < maxPages; i++) {
    const q = new URLSearchParams({ ...query, limit: String(limit) });
    if (cursor) q.set('cursor', cursor);
    const res = await client.get(`${path}?${q}`);
    assertStatus(res, 200, `GET ${path}?${q}`);
    items.push(...res.body.items);
    cursor = res.body.next_cursor;
    if (!cursor) return items;
  }
  assert.fail(`${path}: more than ${maxPages} pages`);
}

async function listed(client, query, id) {
  return (await all(client, '/offers', query)).find((o) => o.id === id);
}

// Ids only ever go into SQL after this check.
function sqlId(id) {
  assert.match(id, /^[A-Za-z0-9_-]{22}$/);
  return `'${id}'`;
}

// Offers left behind by a story are deleted by their owner.
const cleanup = [];
after(async () => {
  for (const [client, id] of cleanup) await client.delete(`/offers/${id}`).catch(() => {});
});

// -------------------------------------------------------------- the stories

describe('a volunteer offers help, a moderator approves it, neighbours find it', () => {
  let vol, other, resident, moderator, anon, offer;

  before(async () => {
    [vol, other, resident, moderator] = await Promise.all([
      newUser(['volunteer'], {}, 'volunteer'),
      newUser(['volunteer'], {}, 'other-volunteer'),
      asDemo('resident'),
      asDemo('moderator'),
    ]);
    anon = new Client('anonymous');
  });

  it('the volunteer posts an offer: 201, in pending (pre-moderation), as sent', async () => {
    const body = offerBody();
    const res = await vol.post('/offers', body);
    assertStatus(res, 201);
    offer = res.body.offer;
    cleanup.push([vol, offer.id]);
    assert.match(offer.id, /^[A-Za-z0-9_-]{22}$/);
    assert.equal(offer.status, PRE ? 'pending' : 'active');
    assert.equal(offer.title, body.title);
    assert.equal(offer.description, body.description);
    assert.deepEqual([...offer.categories].sort(), ['shopping', 'transport']);
    assert.equal(offer.radius_km, 5);
    assert.deepEqual(offer.availability, body.availability);
    assert.deepEqual(offer.area, { pc4: DEMO_PC4, place: 'Emmen', municipality: 'Emmen' });
    assert.deepEqual(offer.volunteer, { id: vol.user.id, display_name: vol.user.display_name });
    assert.equal(offer.distance_km, undefined, 'no distance without a search');
  });

  it('while pending it is invisible to everyone but its owner and moderators', { skip: !PRE && 'post-moderation' }, async () => {
    assertProblem(await resident.get(`/offers/${offer.id}`), 404, 'not_found');
    assertProblem(await other.get(`/offers/${offer.id}`), 404, 'not_found');
    assert.equal(await listed(resident, { near: '7811' }, offer.id), undefined);
    assert.equal(await listed(resident, {}, offer.id), undefined);
    // Not even a refusal tells another volunteer it exists.
    assertProblem(await other.patch(`/offers/${offer.id}`, { title: 'Van mij' }), 404, 'not_found');
    const own = await vol.get(`/offers/${offer.id}`);
    assertStatus(own, 200);
    assert.equal(own.body.offer.status, 'pending');
    const mine = await all(vol, '/me/offers');
    assert.deepEqual(mine.map((o) => o.id), [offer.id]);
    assertStatus(await moderator.get(`/offers/${offer.id}`), 200);
  });

  it('the moderator approves it: active, recorded in the moderation actions and the audit log', { skip: !PRE && 'post-moderation' }, async () => {
    offer = await review(moderator, offer.id, 'approve');
    assert.equal(offer.status, 'active');
    const acts = mariadb(`SELECT action, moderator_id FROM moderation_actions WHERE target_type = 'offer' AND target_id = ${sqlId(offer.id)}`);
    assert.deepEqual(acts, [['approve', moderator.user.id]]);
    const audit = mariadb(`SELECT action, detail FROM audit_log WHERE target_id = ${sqlId(offer.id)}`);
    assert.deepEqual(audit, [['offer.review', 'approve']]);
  });

  it('a logged-in resident near the postcode finds it, nearest first, with distance_km and only the volunteer\'s name', async () => {
    const found = await listed(resident, { near: '7822' }, offer.id);
    assert.ok(found, 'listed near 7822');
    assert.equal(found.status, 'active');
    assert.equal(typeof found.distance_km, 'number');
    assert.ok(found.distance_km > 0.5 && found.distance_km < 2, `7811 is about 1 km from 7822, got ${found.distance_km}`);
    assert.equal(Math.round(found.distance_km * 10) / 10, found.distance_km, 'rounded to 0.1 km');
    assert.deepEqual(Object.keys(found.volunteer).sort(), ['display_name', 'id']);
    assert.deepEqual(Object.keys(found.area).sort(), ['municipality', 'pc4', 'place']);
    assert.equal(found.moderation, undefined);
    const one = await resident.get(`/offers/${offer.id}`);
    assertStatus(one, 200);
    assert.ok(!one.text.includes(vol.email), 'no e-mail address of the volunteer');
    // Also in the list by time, without a postcode.
    assert.ok(await listed(resident, {}, offer.id), 'listed newest first');
  });

  it('anonymous visitors get 401: volunteers are not shown to the whole internet', async () => {
    assertProblem(await anon.get('/offers'), 401, 'unauthenticated');
    assertProblem(await anon.get('/offers?near=7811'), 401, 'unauthenticated');
    assertProblem(await anon.get(`/offers/${offer.id}`), 401, 'unauthenticated');
    assertProblem(await anon.get('/me/offers'), 401, 'unauthenticated');
  });

  it('far away, outside the search radius or beyond the volunteer\'s travel radius it is not listed', async () => {
    assert.equal(await listed(resident, { near: '1011' }, offer.id), undefined, 'Amsterdam');
    assert.equal(await listed(resident, { near: '7826', radius_km: '1' }, offer.id), undefined, '4.5 km away, search radius 1');
    assert.ok(await listed(resident, { near: '7826', radius_km: '4.9' }, offer.id), '4.5 km away, search radius 4.9');
    // Schoonoord is about 11 km away: more than the 5 km this volunteer travels.
    assert.equal(await listed(resident, { near: '7848', radius_km: '50' }, offer.id), undefined, 'Schoonoord');
  });

  it('filters by category and by day of the week', async () => {
    const near = { near: '7811', radius_km: '3' };
    assert.ok(await listed(resident, { ...near, category: 'transport' }, offer.id), 'transport');
    assert.equal(await listed(resident, { ...near, category: 'garden' }, offer.id), undefined, 'garden');
    assert.ok(await listed(resident, { ...near, day: 'wed' }, offer.id), 'wednesday');
    assert.equal(await listed(resident, { ...near, day: 'sun' }, offer.id), undefined, 'sunday');
    assert.ok(await listed(resident, { ...near, category: 'shopping', day: 'mon' }, offer.id), 'shopping on monday');
    assert.equal(await listed(resident, { ...near, category: 'shopping', day: 'tue' }, offer.id), undefined, 'shopping on tuesday');
    assert.ok(await listed(resident, { category: 'shopping', day: 'wed' }, offer.id), 'by time, shopping on wednesday');
    assert.equal(await listed(resident, { category: 'pets' }, offer.id), undefined, 'by time, pets');
  });

  it('others may not change it: 403 for another volunteer, for the resident and for a moderator', async () => {
    assertProblem(await other.patch(`/offers/${offer.id}`, { title: 'Van mij' }), 403, 'forbidden');
    assertProblem(await other.delete(`/offers/${offer.id}`), 403, 'forbidden');
    assertProblem(await other.post(`/offers/${offer.id}/pause`), 403, 'forbidden');
    assertProblem(await resident.post(`/offers/${offer.id}/resume`), 403, 'forbidden');
    assertProblem(await moderator.patch(`/offers/${offer.id}`, { radius_km: 9 }), 403, 'forbidden');
    assertProblem(await resident.post(`/offers/${offer.id}/review`, { decision: 'hide', reason: 'Niet leuk' }), 403, 'forbidden');
    const still = await vol.get(`/offers/${offer.id}`);
    assert.equal(still.body.offer.title, offer.title);
    assert.equal(still.body.offer.status, 'active');
  });

  it('paused it vanishes from every list; resumed it is back; pausing twice is harmless', async () => {
    let res = await vol.post(`/offers/${offer.id}/pause`);
    assertStatus(res, 200);
    assert.equal(res.body.offer.status, 'paused');
    assert.equal(await listed(resident, { near: '7811' }, offer.id), undefined);
    assert.equal(await listed(resident, {}, offer.id), undefined);
    assertProblem(await resident.get(`/offers/${offer.id}`), 404, 'not_found');
    res = await vol.post(`/offers/${offer.id}/pause`);
    assertStatus(res, 200);
    assert.equal(res.body.offer.status, 'paused');
    assert.equal((await all(vol, '/me/offers')).find((o) => o.id === offer.id)?.status, 'paused');

    res = await vol.post(`/offers/${offer.id}/resume`);
    assertStatus(res, 200);
    assert.equal(res.body.offer.status, 'active');
    assert.ok(await listed(resident, { near: '7811' }, offer.id));
    res = await vol.post(`/offers/${offer.id}/resume`);
    assertStatus(res, 200);
    assert.equal(res.body.offer.status, 'active');
  });

  it('the owner edits it: categories and availability replace the whole set; a new text goes back to moderation', async () => {
    let res = await vol.patch(`/offers/${offer.id}`, {
      categories: ['garden'],
      availability: [{ day: 'sat', from: '10:00', to: '16:00' }],
      radius_km: 12,
      postcode: '7822',
    });
    assertStatus(res, 200);
    let o = res.body.offer;
    assert.deepEqual(o.categories, ['garden']);
    assert.deepEqual(o.availability, [{ day: 'sat', from: '10:00', to: '16:00' }]);
    assert.equal(o.radius_km, 12);
    assert.equal(o.area.pc4, '7822');
    assert.equal(o.title, offer.title, 'what is not sent stays');
    assert.equal(o.status, 'active', 'no new text: still active');
    assert.ok(await listed(resident, { near: '7822', category: 'garden', day: 'sat' }, offer.id));
    assert.equal(await listed(resident, { near: '7822', category: 'shopping' }, offer.id), undefined);

    res = await vol.patch(`/offers/${offer.id}`, { availability: [] });
    assertStatus(res, 200);
    assert.deepEqual(res.body.offer.availability, []);

    res = await vol.patch(`/offers/${offer.id}`, { title: 'Tuinieren en boodschappen', description: 'Nu ook de tuin.' });
    assertStatus(res, 200);
    o = res.body.offer;
    assert.equal(o.title, 'Tuinieren en boodschappen');
    assert.equal(o.status, PRE ? 'pending' : 'active');
    if (PRE) {
      assertProblem(await resident.get(`/offers/${offer.id}`), 404, 'not_found');
      o = await review(moderator, offer.id, 'approve');
    }
    assert.equal(o.status, 'active');
    offer = o;
  });

  it('the owner deletes it: 204, then 404 for everyone and gone from every list', async () => {
    assertStatus(await vol.delete(`/offers/${offer.id}`), 204);
    assertProblem(await vol.get(`/offers/${offer.id}`), 404, 'not_found');
    assertProblem(await moderator.get(`/offers/${offer.id}`), 404, 'not_found');
    assertProblem(await resident.get(`/offers/${offer.id}`), 404, 'not_found');
    assertProblem(await vol.patch(`/offers/${offer.id}`, { radius_km: 3 }), 404, 'not_found');
    assertProblem(await vol.post(`/offers/${offer.id}/resume`), 404, 'not_found');
    assertProblem(await vol.delete(`/offers/${offer.id}`), 404, 'not_found');
    assertProblem(await moderator.post(`/offers/${offer.id}/review`, { decision: 'approve' }), 404, 'not_found');
    assert.equal(await listed(resident, { near: '7822' }, offer.id), undefined);
    assert.equal((await all(vol, '/me/offers')).find((o) => o.id === offer.id), undefined);
  });
});

describe('moderation: a rejection with a reason, a resubmission, hiding', () => {
  let vol, resident, moderator, offer;

  before(async () => {
    [vol, resident, moderator] = await Promise.all([
      newUser(['volunteer'], {}, 'moderated-volunteer'), asDemo('resident'), asDemo('moderator'),
    ]);
    offer = await post(vol, { title: 'Alles voor een tientje' });
    cleanup.push([vol, offer.id]);
  });

  it('rejecting or hiding needs a reason: 422 on reason', async () => {
    assertProblem(await moderator.post(`/offers/${offer.id}/review`, { decision: 'reject' }), 422, 'validation_failed', 'reason', 'required');
    assertProblem(await moderator.post(`/offers/${offer.id}/review`, { decision: 'hide', reason: '  ' }), 422, 'validation_failed', 'reason');
    assertProblem(await moderator.post(`/offers/${offer.id}/review`, { decision: 'maybe' }), 422, 'validation_failed', 'decision', 'not_allowed');
    assertProblem(await moderator.post(`/offers/${offer.id}/review`, {}), 422, 'validation_failed', 'decision', 'required');
  });

  it('rejected with a reason: the owner sees why, nobody else sees the offer', async () => {
    const o = await review(moderator, offer.id, 'reject', 'Betaalde diensten horen hier niet.');
    assert.equal(o.status, 'rejected');
    const own = await vol.get(`/offers/${offer.id}`);
    assertStatus(own, 200);
    assert.deepEqual(own.body.offer.moderation, { decision: 'reject', reason: 'Betaalde diensten horen hier niet.' });
    assert.equal((await all(vol, '/me/offers')).find((x) => x.id === offer.id)?.moderation?.decision, 'reject');
    assertProblem(await resident.get(`/offers/${offer.id}`), 404, 'not_found');
    assert.equal(await listed(resident, { near: '7811' }, offer.id), undefined);
    const acts = mariadb(`SELECT action, reason FROM moderation_actions WHERE target_type = 'offer' AND target_id = ${sqlId(offer.id)} ORDER BY id`);
    assert.deepEqual(acts.at(-1), ['reject', 'Betaalde diensten horen hier niet.']);
  });

  it('decisions that do not apply are 409 invalid_transition; so are pausing and resuming a rejected offer', async () => {
    assertProblem(await moderator.post(`/offers/${offer.id}/review`, { decision: 'reject', reason: 'Nogmaals' }), 409, 'invalid_transition');
    assertProblem(await vol.post(`/offers/${offer.id}/pause`), 409, 'invalid_transition');
    assertProblem(await vol.post(`/offers/${offer.id}/resume`), 409, 'invalid_transition');
  });

  it('the owner rewrites it: pending again, the reason gone; the moderator approves', async () => {
    const res = await vol.patch(`/offers/${offer.id}`, { title: 'Gratis boodschappen doen', description: 'Zonder kosten.' });
    assertStatus(res, 200);
    assert.equal(res.body.offer.status, 'pending');
    assert.equal(res.body.offer.moderation, undefined);
    if (PRE) assertProblem(await vol.post(`/offers/${offer.id}/pause`), 409, 'invalid_transition');
    const o = await review(moderator, offer.id, 'approve');
    assert.equal(o.status, 'active');
    assertProblem(await moderator.post(`/offers/${offer.id}/review`, { decision: 'approve' }), 409, 'invalid_transition');
    assert.ok(await listed(resident, { near: '7811' }, offer.id));
  });

  it('hidden by a moderator it vanishes; the owner sees why and cannot pause it', async () => {
    const o = await review(moderator, offer.id, 'hide', 'Gemeld door buren.');
    assert.equal(o.status, 'hidden');
    assert.deepEqual(o.moderation, { decision: 'hide', reason: 'Gemeld door buren.' }, 'moderators see why too');
    assert.equal(await listed(resident, { near: '7811' }, offer.id), undefined);
    assertProblem(await resident.get(`/offers/${offer.id}`), 404, 'not_found');
    const own = await vol.get(`/offers/${offer.id}`);
    assert.deepEqual(own.body.offer.moderation, { decision: 'hide', reason: 'Gemeld door buren.' });
    assertProblem(await vol.post(`/offers/${offer.id}/pause`), 409, 'invalid_transition');
    const audit = mariadb(`SELECT detail FROM audit_log WHERE action = 'offer.review' AND target_id = ${sqlId(offer.id)} ORDER BY id`);
    assert.deepEqual(audit.map((r) => r[0]).slice(-3), ['reject', 'approve', 'hide']);
  });
});

describe('who may offer help', () => {
  it('a resident, a caregiver and a moderator posting get 403; anonymous gets 401; no CSRF token is 403 csrf_failed', async () => {
    for (const role of ['resident', 'caregiver', 'moderator']) {
      const c = await asDemo(role);
      assertProblem(await c.post('/offers', offerBody()), 403, 'forbidden');
    }
    assertProblem(await new Client().post('/offers', offerBody()), 401, 'unauthenticated');
    const vol = await asDemo('volunteer');
    assertProblem(await vol.post('/offers', offerBody(), { csrf: false }), 403, 'csrf_failed');
  });

  it('an unknown or malformed offer id is 404 for every action', async () => {
    const vol = await asDemo('volunteer');
    const mod = await asDemo('moderator');
    for (const id of [NOTHING, 'not-an-id']) {
      assertProblem(await vol.get(`/offers/${id}`), 404, 'not_found');
      assertProblem(await vol.patch(`/offers/${id}`, { radius_km: 3 }), 404, 'not_found');
      assertProblem(await vol.delete(`/offers/${id}`), 404, 'not_found');
      assertProblem(await vol.post(`/offers/${id}/pause`), 404, 'not_found');
      assertProblem(await vol.post(`/offers/${id}/resume`), 404, 'not_found');
      assertProblem(await mod.post(`/offers/${id}/review`, { decision: 'approve' }), 404, 'not_found');
    }
  });
});

describe('bad input is 422 naming the field, and nothing is written', () => {
  let vol, offer;
  before(async () => {
    vol = await newUser(['volunteer'], {}, 'careless-volunteer');
    offer = await post(vol);
    cleanup.push([vol, offer.id]);
  });

  const many = (n) => Array.from({ length: n }, (_, i) => ({
    day: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'][i % 7],
    from: `${String(Math.floor(i / 7) * 3).padStart(2, '0')}:00`,
    to: `${String(Math.floor(i / 7) * 3 + 1).padStart(2, '0')}:00`,
  }));
  const cases = [
    ['no categories', { categories: undefined }, 'categories', 'required'],
    ['an empty list of categories', { categories: [] }, 'categories', 'too_short'],
    ['an unknown category', { categories: ['shopping', 'juggling'] }, 'categories', 'unknown'],
    ['a category twice', { categories: ['shopping', 'shopping'] }, 'categories', 'invalid'],
    ['eleven categories', { categories: 'abcdefghijk'.split('') }, 'categories', 'too_long'],
    ['a slot that ends before it starts', { availability: [{ day: 'tue', from: '14:00', to: '09:00' }] }, 'availability[0].to'],
    ['a slot that ends when it starts', { availability: [{ day: 'tue', from: '14:00', to: '14:00' }] }, 'availability[0].to'],
    ['overlapping slots on one day', { availability: [{ day: 'fri', from: '09:00', to: '12:00' }, { day: 'sat', from: '10:00', to: '11:00' }, { day: 'fri', from: '11:30', to: '13:00' }] }, 'availability[2]', 'invalid'],
    ['a slot inside another', { availability: [{ day: 'fri', from: '09:00', to: '17:00' }, { day: 'fri', from: '10:00', to: '11:00' }] }, 'availability[1]', 'invalid'],
    ['51 slots', { availability: many(51) }, 'availability', 'too_long'],
    ['a time without its leading zero', { availability: [{ day: 'mon', from: '9:00', to: '12:00' }] }, 'availability[0].from', 'invalid'],
    ['25 o\'clock', { availability: [{ day: 'mon', from: '09:00', to: '25:00' }] }, 'availability[0].to', 'invalid'],
    ['minute 60', { availability: [{ day: 'mon', from: '09:60', to: '12:00' }] }, 'availability[0].from', 'invalid'],
    ['a time as a number', { availability: [{ day: 'mon', from: 900, to: '12:00' }] }, 'availability[0].from', 'wrong_type'],
    ['a Dutch day name', { availability: [{ day: 'maandag', from: '09:00', to: '12:00' }] }, 'availability[0].day', 'not_allowed'],
    ['a slot without its end', { availability: [{ day: 'mon', from: '09:00' }] }, 'availability[0].to', 'required'],
    ['no availability', { availability: undefined }, 'availability', 'required'],
    ['radius 0', { radius_km: 0 }, 'radius_km', 'out_of_range'],
    ['radius 51', { radius_km: 51 }, 'radius_km', 'out_of_range'],
    ['radius 2.5', { radius_km: 2.5 }, 'radius_km', 'wrong_type'],
    ['an empty title', { title: '' }, 'title', 'too_short'],
    ['a title of 121 characters', { title: 'x'.repeat(121) }, 'title', 'too_long'],
    ['a description of 4001 characters', { description: 'x'.repeat(4001) }, 'description', 'too_long'],
    ['an unknown postcode', { postcode: UNKNOWN_POSTCODE }, 'postcode', 'unknown_postcode', 'unknown_postcode'],
    ['a malformed postcode', { postcode: '78 11' }, 'postcode', 'invalid'],
  ];
  // API.md: a postcode that is no known area is 422 unknown_postcode.
  for (const [what, over, field, code, problem = 'validation_failed'] of cases) {
    it(`POST with ${what}: 422 on ${field}`, async () => {
      const body = offerBody(over);
      for (const k of Object.keys(over)) if (over[k] === undefined) delete body[k];
      assertProblem(await vol.post('/offers', body), 422, problem, field, code);
    });
  }

  it('exactly 50 slots, 10 categories and radius 50 are fine', async () => {
    const res = await vol.post('/offers', offerBody({
      availability: many(50), radius_km: 50,
      categories: ['shopping', 'transport', 'company', 'odd-jobs', 'garden', 'paperwork', 'digital', 'respite', 'meals', 'pets'],
    }));
    assertStatus(res, 201);
    cleanup.push([vol, res.body.offer.id]);
    assert.equal(res.body.offer.availability.length, 50);
    assert.equal(res.body.offer.categories.length, 10);
  });

  it('none of the refused posts was written', async () => {
    const mine = await all(vol, '/me/offers');
    assert.equal(mine.length, 2, 'the first offer and the 50-slot one');
  });

  it('PATCH with bad input is 422 too, and changes nothing', async () => {
    assertProblem(await vol.patch(`/offers/${offer.id}`, {
      title: 'Nieuw', availability: [{ day: 'mon', from: '10:00', to: '11:00' }, { day: 'mon', from: '10:30', to: '12:00' }],
    }), 422, 'validation_failed', 'availability[1]', 'invalid');
    assertProblem(await vol.patch(`/offers/${offer.id}`, { categories: [] }), 422, 'validation_failed', 'categories', 'too_short');
    assertProblem(await vol.patch(`/offers/${offer.id}`, { categories: ['nope'], radius_km: 3 }), 422, 'validation_failed', 'categories', 'unknown');
    assertProblem(await vol.patch(`/offers/${offer.id}`, { radius_km: 99 }), 422, 'validation_failed', 'radius_km', 'out_of_range');
    assertProblem(await vol.patch(`/offers/${offer.id}`, { postcode: UNKNOWN_POSTCODE }), 422, 'unknown_postcode', 'postcode', 'unknown_postcode');
    const now = (await vol.get(`/offers/${offer.id}`)).body.offer;
    assert.deepEqual(now, offer);
  });

  it('bad search parameters are 422 naming the parameter; a mangled cursor is 400', async () => {
    const resident = await asDemo('resident');
    assertProblem(await resident.get('/offers?near=1000AA'), 422, 'unknown_postcode', 'near', 'unknown_postcode');
    const bad = [
      ['near=abc', 'near', 'invalid'],
      ['near=7811&radius_km=0', 'radius_km', 'out_of_range'],
      ['near=7811&radius_km=101', 'radius_km', 'out_of_range'],
      ['near=7811&radius_km=ten', 'radius_km', 'invalid'],
      ['day=maandag', 'day', 'not_allowed'],
      ['category=juggling', 'category', 'unknown'],
      ['limit=0', 'limit', 'out_of_range'],
      ['limit=101', 'limit', 'out_of_range'],
      ['limit=x', 'limit'],
    ];
    for (const [q, field, code] of bad)
      assertProblem(await resident.get(`/offers?${q}`), 422, 'validation_failed', field, code);
    assertProblem(await vol.get('/me/offers?limit=0'), 422, 'validation_failed', 'limit');
    for (const cursor of ['garbage!', 'AAAA', Buffer.from('1\nnot a time\nAAAAAAAAAAAAAAAAAAAAAA').toString('base64url')]) {
      assertProblem(await resident.get(`/offers?cursor=${encodeURIComponent(cursor)}`), 400, 'bad_request');
      assertProblem(await vol.get(`/me/offers?cursor=${encodeURIComponent(cursor)}`), 400, 'bad_request');
    }
    // A cursor of the list by time does not page the list by distance.
    const byTime = Buffer.from(`1\n2026-01-01 12:00:00.000000\n${NOTHING}`).toString('base64url');
    assertProblem(await resident.get(`/offers?near=7811&cursor=${byTime}`), 400, 'bad_request');
    assertStatus(await resident.get(`/offers?cursor=${byTime}`), 200);
  });
});

describe('lists are keyset-paged: nearest first, or newest first', () => {
  let vol, resident, made;
  before(async () => {
    [vol, resident] = await Promise.all([newUser(['volunteer'], { postcode: '7826' }, 'paging-volunteer'), asDemo('resident')]);
    const moderator = await asDemo('moderator');
    made = [];
    for (const pc of ['7826', '7811', '7822', '7811']) {
      const o = await postActive(vol, moderator, { postcode: pc, radius_km: 20 });
      cleanup.push([vol, o.id]);
      made.push(o);
    }
  });

  it('near a postcode, page by page: every offer once, distances never decrease', async () => {
    const items = await all(resident, '/offers', { near: '7811', radius_km: '6' }, 2);
    const ids = items.map((o) => o.id);
    assert.equal(new Set(ids).size, ids.length, 'no offer twice');
    for (let i = 1; i < items.length; i++)
      assert.ok(items[i].distance_km >= items[i - 1].distance_km, `distance ${items[i - 1].distance_km} then ${items[i].distance_km}`);
    const mine = items.filter((o) => made.some((m) => m.id === o.id));
    assert.equal(mine.length, 4);
    assert.deepEqual(mine.map((o) => o.area.pc4).slice(0, 2), ['7811', '7811']);
    assert.deepEqual(mine.map((o) => o.area.pc4).slice(2), ['7822', '7826']);
    assert.equal(mine[0].distance_km, 0);
  });

  it('by time, page by page: newest first, every offer once', async () => {
    const items = await all(resident, '/offers', { category: 'transport' }, 3);
    const ids = items.map((o) => o.id);
    assert.equal(new Set(ids).size, ids.length, 'no offer twice');
    for (let i = 1; i < items.length; i++)
      assert.ok(items[i].created_at <= items[i - 1].created_at);
    const order = ids.filter((id) => made.some((m) => m.id === id));
    assert.deepEqual(order, made.map((m) => m.id).reverse());
  });

  it('own offers page by page too, newest first', async () => {
    const items = await all(vol, '/me/offers', {}, 1);
    assert.deepEqual(items.map((o) => o.id), made.map((m) => m.id).reverse());
  });
});

describe('a blocked volunteer vanishes at once', () => {
  it('blocked by an admin, their offer leaves every list and its page; unblocked it is back', async () => {
    const [vol, resident, moderator, admin] = await Promise.all([
      newUser(['volunteer'], {}, 'to-be-blocked'), asDemo('resident'), asDemo('moderator'), asAdmin(),
    ]);
    const offer = await postActive(vol, moderator);
    cleanup.push([vol, offer.id]);
    assert.ok(await listed(resident, { near: '7811' }, offer.id));

    assertStatus(await admin.patch(`/users/${vol.user.id}`, { status: 'blocked' }), 200);
    assert.equal(await listed(resident, { near: '7811' }, offer.id), undefined);
    assert.equal(await listed(resident, {}, offer.id), undefined);
    assertProblem(await resident.get(`/offers/${offer.id}`), 404, 'not_found');
    assertStatus(await moderator.get(`/offers/${offer.id}`), 200, 'moderators still see it');
    assertProblem(await vol.get('/me/offers'), 401, 'unauthenticated');

    assertStatus(await admin.patch(`/users/${vol.user.id}`, { status: 'active' }), 200);
    assert.ok(await listed(resident, { near: '7811' }, offer.id));
    await vol.mustLogin(vol.email, vol.password);
  });
});

describe('export and erasure take the offers along', () => {
  it('the export holds the own offers with categories and availability; erasure deletes them and removes slots and categories', async () => {
    const [vol, resident, moderator] = await Promise.all([
      newUser(['volunteer'], {}, 'leaving-volunteer'), asDemo('resident'), asDemo('moderator'),
    ]);
    const kept = await postActive(vol, moderator, { categories: ['pets'] });
    const gone = await post(vol, { title: 'Bedacht me' });
    assertStatus(await vol.delete(`/offers/${gone.id}`), 204);

    const exp = await vol.get('/me/export');
    assertStatus(exp, 200);
    const { offers, deleted_offers: deleted } = exp.body;
    assert.deepEqual(offers.map((o) => o.id), [kept.id]);
    assert.deepEqual(offers[0].categories, ['pets']);
    assert.deepEqual(offers[0].availability, offerBody().availability);
    assert.deepEqual(deleted.map((o) => [o.id, o.status, o.title]), [[gone.id, 'deleted', 'Bedacht me']]);

    assert.ok(await listed(resident, { near: '7811' }, kept.id));
    assertStatus(await vol.delete('/me', { password: vol.password }), 204);
    assert.equal(await listed(resident, { near: '7811' }, kept.id), undefined);
    assertProblem(await resident.get(`/offers/${kept.id}`), 404, 'not_found');

    const ids = `${sqlId(kept.id)}, ${sqlId(gone.id)}`;
    assert.deepEqual(mariadb(`SELECT DISTINCT status, title, description FROM offers WHERE id IN (${ids})`), [['deleted', '', '']]);
    assert.deepEqual(mariadb(`SELECT COUNT(*) FROM offer_slots WHERE offer_id IN (${ids})`), [['0']]);
    assert.deepEqual(mariadb(`SELECT COUNT(*) FROM offer_categories WHERE offer_id IN (${ids})`), [['0']]);
  });
});

// ------------------------------------------------------------------ EXPLAIN

describe('EXPLAIN: every list of offers runs on an index', () => {
  const FIXTURE_ROWS = 5000;
  const tag = randomTag(6);
  const owner = `xo${tag}${'0'.repeat(14)}`;
  let stmts, centre;

  before(() => {
    stmts = handlerStatements('offers');
    centre = mariadb("SELECT lat, lon FROM postcodes WHERE pc4 = '7811'")[0].map(Number);
    // A blocked volunteer: none of the fixture is ever public.
    mariadb(`INSERT INTO users (id, email_ct, email_bidx, display_name, pc4, roles, status, created_at, updated_at)
      VALUES ('${owner}', 'x', UNHEX(SHA2('${owner}', 256)), 'Explain fixture', '7811', 'volunteer', 'blocked', NOW(3), NOW(3))`);
    // Spread over every PC4 area, mostly active, over a month; one to three
    // categories and two slots each.
    mariadb(`INSERT INTO offers (id, volunteer_id, title, description, pc4, lat, lon, radius_km, status, created_at, updated_at)
      SELECT CONCAT('xo${tag}', LPAD(s.seq, 14, '0')), '${owner}', CONCAT('Hulp aangeboden ', s.seq),
        CONCAT('Boodschappen, vervoer of gezelschap, nummer ', s.seq), p.pc4, p.lat, p.lon, 1 + s.seq % 50,
        ELT(1 + s.seq % 6, 'active', 'active', 'active', 'pending', 'paused', 'deleted'),
        NOW(3) - INTERVAL s.seq * 7 MINUTE, NOW(3)
      FROM seq_1_to_${FIXTURE_ROWS} s
      JOIN (SELECT pc4, lat, lon, ROW_NUMBER() OVER (ORDER BY pc4) - 1 AS n FROM postcodes) p
        ON p.n = (s.seq * 7919) % (SELECT COUNT(*) FROM postcodes)`);
    mariadb(`INSERT INTO offer_categories (offer_id, category_id)
      SELECT o.id, c.id FROM offers o
      JOIN (SELECT id, ROW_NUMBER() OVER (ORDER BY id) - 1 AS n FROM categories) c
        ON c.n IN (CAST(SUBSTRING(o.id, 9) AS UNSIGNED) % 10, (CAST(SUBSTRING(o.id, 9) AS UNSIGNED) * 3) % 10)
      WHERE o.volunteer_id = '${owner}'`);
    mariadb(`INSERT INTO offer_slots (offer_id, day, from_min, to_min)
      SELECT o.id, d.seq, 540, 720 FROM offers o
      JOIN seq_0_to_6 d ON d.seq IN (CAST(SUBSTRING(o.id, 9) AS UNSIGNED) % 7, (CAST(SUBSTRING(o.id, 9) AS UNSIGNED) + 3) % 7)
      WHERE o.volunteer_id = '${owner}'`);
    const n = Number(mariadb(`SELECT COUNT(*) FROM offers WHERE volunteer_id = '${owner}'`)[0][0]);
    assert.ok(n >= FIXTURE_ROWS * 0.9, `only ${n} fixture rows`);
    mariadb('ANALYZE TABLE offers, offer_categories, offer_slots');
  });

  after(() => {
    // Categories and slots go with their offer (ON DELETE CASCADE).
    mariadb(`DELETE FROM offers WHERE volunteer_id = '${owner}'`);
    mariadb(`DELETE FROM users WHERE id = '${owner}'`);
  });

  const FIRST = '9999-12-31 23:59:59.999999';
  const LIMIT = 21;
  const cases = () => {
    const [lat, lon] = centre;
    const near = (cat, day, after = [-1, -1, '', '', ''], words = null) =>
      [lat, lat, lon, '7811', ...box(lat, lon, 10), cat, cat, day, day, words, words, 10000, ...after, LIMIT, 300];
    const area = (cat, day, after = '', words = null) =>
      [lat, lat, lon, '7811', '7811', after, cat, cat, day, day, words, words, 10000, LIMIT];
    const recent = (cat, day, after = [FIRST, FIRST, ''], words = null) => [cat, cat, day, day, words, words, ...after, LIMIT];
    return {
      STMT_OFFERS_NEAR: near(null, null),
      'STMT_OFFERS_NEAR (category)': near('shopping', null),
      'STMT_OFFERS_NEAR (day)': near(null, 2),
      'STMT_OFFERS_NEAR (category, day)': near('garden', 5),
      'STMT_OFFERS_NEAR (page 2)': near(null, null, [1200, 1200, '7811', '7811', NOTHING]),
      'STMT_OFFERS_NEAR (q)': near(null, null, undefined, '+boodsch*'),
      STMT_OFFERS_NEAR_AREA: area(null, null),
      'STMT_OFFERS_NEAR_AREA (category, day)': area('garden', 5),
      'STMT_OFFERS_NEAR_AREA (page 2)': area(null, null, NOTHING),
      'STMT_OFFERS_NEAR_AREA (q)': area(null, null, '', '+boodsch*'),
      STMT_OFFERS_RECENT: recent(null, null),
      'STMT_OFFERS_RECENT (category)': recent('shopping', null),
      'STMT_OFFERS_RECENT (day)': recent(null, 2),
      'STMT_OFFERS_RECENT (category, day)': recent('garden', 5),
      'STMT_OFFERS_RECENT (page 2)': recent(null, null, ['2026-01-01 12:00:00.000000', '2026-01-01 12:00:00.000000', NOTHING]),
      'STMT_OFFERS_RECENT (q)': recent(null, null, undefined, '+boodsch*'),
      STMT_OFFERS_MINE: [owner, FIRST, FIRST, '', LIMIT],
      'STMT_OFFERS_MINE (page 2)': [owner, '2026-01-01 12:00:00.000000', '2026-01-01 12:00:00.000000', NOTHING, LIMIT],
      STMT_OFFER_GET: [`xo${tag}${'1'.padStart(14, '0')}`],
    };
  };

  it('finds the statements of the handler', () => {
    for (const name of Object.keys(cases()).map((k) => k.split(' ')[0]))
      assert.ok(stmts[name], `${name} in handlers/offers/stmts.c`);
  });

  for (const name of ['STMT_OFFERS_NEAR', 'STMT_OFFERS_NEAR (category)', 'STMT_OFFERS_NEAR (day)',
    'STMT_OFFERS_NEAR (category, day)', 'STMT_OFFERS_NEAR (page 2)', 'STMT_OFFERS_NEAR (q)',
    'STMT_OFFERS_NEAR_AREA', 'STMT_OFFERS_NEAR_AREA (category, day)', 'STMT_OFFERS_NEAR_AREA (page 2)',
    'STMT_OFFERS_NEAR_AREA (q)',
    'STMT_OFFERS_RECENT', 'STMT_OFFERS_RECENT (category)', 'STMT_OFFERS_RECENT (day)',
    'STMT_OFFERS_RECENT (category, day)', 'STMT_OFFERS_RECENT (page 2)', 'STMT_OFFERS_RECENT (q)',
    'STMT_OFFERS_MINE', 'STMT_OFFERS_MINE (page 2)', 'STMT_OFFER_GET']) {
    it(`${name}: no full scan of offers, their categories or slots`, (t) => {
      const text = bind(stmts[name.split(' ')[0]], cases()[name]);
      // Offers must be read; categories and slots, where read, on an index.
      assertIndexed(explain(text, t), {
        o: 'offers', oc: 'offer_categories', os: 'offer_slots', fc: 'offer_categories', fs: 'offer_slots',
      }, ['o']);
    });
  }
});
