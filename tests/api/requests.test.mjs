// requests.test.mjs — the Help requests table of API.md as the stories of
// the people who use it: a resident asks for help with the shopping and
// waits for a moderator; neighbours find the request near their postcode
// (and not from the other end of the country), by category and by words;
// the resident edits and cancels it; a moderator rejects and hides what does
// not belong; a caregiver's private details stay with her, the moderator
// (audited) and the volunteer she accepted; a blocked owner's request goes
// from view; expiry needs no job; erasure takes the private part along.
// And every kind of bad input gets its 422 (or 400, 403, 404) naming the
// field. Every answer is checked against docs/openapi.yaml (client.mjs).
//
// Needs a stack in pre-moderation (the default) and its state folder
// (BURENHULP_VAR) for the database checks, which run the MariaDB client as
// the database's administrator over the stack's socket.

import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import {
  Client, VAR, DEMO_POSTCODE, DEMO_PC4, UNKNOWN_POSTCODE,
  newUser, asDemo, asAdmin, randomTag, searchFiles, sleep,
  assertStatus, assertProblem, assertFieldError,
} from './lib/client.mjs';

// A syntactically valid id that names nothing.
const NOBODY = 'AAAAAAAAAAAAAAAAAAAAAA';
const HOUR = 3600e3;
const DAY = 24 * HOUR;

// SQL as the database's administrator; rows of tab-separated cells.
function sql(text) {
  const r = spawnSync('mariadb', ['--no-defaults', `--socket=${join(VAR, 'run', 'mysqld.sock')}`,
    '-u', userInfo().username, '-N', '-B', 'burenhulp', '-e', text], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(r.status, 0, `mariadb: ${r.stderr || r.error}`);
  return r.stdout.split('\n').filter((l) => l.length).map((l) => l.split('\t'));
}
const q = (s) => `'${String(s).replace(/[^A-Za-z0-9_-]/g, '')}'`;	// ids and markers only

// RFC 3339 without milliseconds, as the API answers.
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

// A request body in Emmen, tagged with a word for finding it again.
function body(tag, extra = {}) {
  return {
    title: `Boodschappen ${tag}`,
    description: `Wie helpt mij met de boodschappen bij de supermarkt? ${tag}`,
    category: 'shopping',
    postcode: DEMO_POSTCODE,
    ...extra,
  };
}

// Every page of GET path (limit per page), as a flat list of items.
async function allPages(client, path, limit = 100) {
  const items = [];
  let cursor = null;
  for (let i = 0; i < 50; i++) {
    const sep = path.includes('?') ? '&' : '?';
    const res = await client.get(`${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    assertStatus(res, 200, `GET ${path}`);
    items.push(...res.body.items);
    cursor = res.body.next_cursor;
    if (!cursor) return items;
  }
  throw new Error(`more than 50 pages of ${path}`);
}
const ids = (items) => items.map((i) => i.id);

async function post(client, b) {
  const res = await client.post('/requests', b);
  assertStatus(res, 201, 'POST /requests');
  return res.body.request;
}
async function review(moderator, id, decision, reason) {
  const res = await moderator.post(`/requests/${id}/review`, reason === undefined ? { decision } : { decision, reason });
  assertStatus(res, 200, `review ${decision}`);
  return res.body.request;
}

describe('help requests: post, moderate, find, edit, cancel', () => {
  const tag = `zq${randomTag(10)}`;	// one word the FULLTEXT index keeps
  const secret = {
    care: `dementie-${randomTag(16)}`,
    address: `Hoofdstraat ${randomTag(16)}`,
    phone: `06-${randomTag(12)}`,
  };
  let resident, volunteer, other, moderator, anon, req;

  before(async () => {
    resident = await newUser(['resident'], {}, 'resident');
    volunteer = await newUser(['volunteer'], {}, 'volunteer');
    other = await newUser(['resident', 'volunteer'], {}, 'other');
    moderator = await asDemo('moderator');
    anon = new Client('anonymous');
  });

  it('a resident posts a request: 201, pending, with her private part and a 30-day expiry', async () => {
    const start = Date.now() + DAY, end = start + 2 * HOUR;
    const res = await resident.post('/requests', body(tag, {
      when: { start: iso(start), end: iso(end) },
      private: { care_situation: secret.care, address: secret.address, phone: secret.phone },
    }));
    assertStatus(res, 201);
    req = res.body.request;
    assert.match(res.headers.get('location') ?? '', new RegExp(`/api/v1/requests/${req.id}$`));
    assert.equal(req.status, 'pending');
    assert.equal(req.category, 'shopping');
    assert.deepEqual(Object.keys(req.owner).sort(), ['display_name', 'id']);
    assert.equal(req.owner.id, resident.user.id);
    assert.equal(req.area.pc4, DEMO_PC4);
    assert.equal(req.area.municipality, 'Emmen');
    assert.deepEqual(req.when, { start: iso(start), end: iso(end) });
    assert.deepEqual(req.private, { care_situation: secret.care, address: secret.address, phone: secret.phone });
    assert.equal(req.response_count, 0);
    assert.equal(req.posted_as, 'resident');
    assert.equal(req.moderation, null);
    assert.equal(req.distance_km, undefined);
    const days = (Date.parse(req.expires_at) - Date.parse(req.created_at)) / DAY;
    assert.ok(Math.abs(days - 30) < 0.01, `expires after ${days} days`);
  });

  it('pending, it is invisible: not in the public list, 404 for strangers and other users', async () => {
    assert.ok(!ids(await allPages(anon, `/requests?q=${tag}`)).includes(req.id));
    assert.ok(!ids(await allPages(anon, `/requests?near=${DEMO_PC4}&q=${tag}`)).includes(req.id));
    assertProblem(await anon.get(`/requests/${req.id}`), 404, 'not_found');
    assertProblem(await volunteer.get(`/requests/${req.id}`), 404, 'not_found');
    assertProblem(await other.patch(`/requests/${req.id}`, { title: 'Mijn titel' }), 404, 'not_found');
    assertProblem(await other.post(`/requests/${req.id}/cancel`), 404, 'not_found');
  });

  it('the owner sees it in her own list with the private part', async () => {
    const mine = await allPages(resident, '/me/requests');
    const it = mine.find((i) => i.id === req.id);
    assert.ok(it, 'own pending request listed');
    assert.equal(it.status, 'pending');
    assert.equal(it.private.care_situation, secret.care);
  });

  it('only moderators review: 403 for others; a reason is required to reject or hide', async () => {
    assertProblem(await resident.post(`/requests/${req.id}/review`, { decision: 'approve' }), 403, 'forbidden');
    assertProblem(await volunteer.post(`/requests/${req.id}/review`, { decision: 'approve' }), 403, 'forbidden');
    assertProblem(await moderator.post(`/requests/${req.id}/review`, { decision: 'reject' }), 422, 'validation_failed', 'reason', 'required');
    assertProblem(await moderator.post(`/requests/${req.id}/review`, { decision: 'hide' }), 422, 'validation_failed', 'reason', 'required');
    assertProblem(await moderator.post(`/requests/${req.id}/review`, { decision: 'maybe' }), 422, 'validation_failed', 'decision', 'not_allowed');
    assertProblem(await moderator.post(`/requests/${NOBODY}/review`, { decision: 'approve' }), 404, 'not_found');
  });

  it('the moderator approves: open, and the answer carries no private part', async () => {
    const r = await review(moderator, req.id, 'approve');
    assert.equal(r.status, 'open');
    assert.equal(r.private, undefined);
    assert.deepEqual(r.moderation, { decision: 'approve', reason: null });
    assertProblem(await moderator.post(`/requests/${req.id}/review`, { decision: 'approve' }), 409, 'invalid_transition');
    assertProblem(await moderator.post(`/requests/${req.id}/review`, { decision: 'reject', reason: 'te laat' }), 409, 'invalid_transition');
  });

  it('open, anyone finds it near Emmen with its distance, and not near Amsterdam', async () => {
    const near = await allPages(anon, `/requests?near=${encodeURIComponent('7811 AB')}&radius_km=10&q=${tag}`);
    const hit = near.find((i) => i.id === req.id);
    assert.ok(hit, 'found near its own postcode');
    assert.equal(hit.distance_km, 0);
    assert.equal(hit.private, undefined, 'no private part in public lists');
    assert.equal(hit.moderation, undefined);
    assert.deepEqual(Object.keys(hit.owner).sort(), ['display_name', 'id']);
    assert.deepEqual(Object.keys(hit.area).sort(), ['municipality', 'pc4', 'place']);
    for (const i of near) assert.ok(i.distance_km <= 10, `${i.distance_km} km is beyond the radius`);
    assert.ok(!ids(await allPages(anon, `/requests?near=1011&radius_km=10&q=${tag}`)).includes(req.id));
    assert.ok(!ids(await allPages(anon, `/requests?near=1011&radius_km=50`)).includes(req.id));
    // The default radius (10 km) when only near is given.
    assert.ok(ids(await allPages(anon, `/requests?near=${DEMO_PC4}&q=${tag}`)).includes(req.id));
    // A neighbouring Emmen area finds it at a distance.
    const from = await allPages(anon, `/requests?near=7822&radius_km=20&q=${tag}`);
    const there = from.find((i) => i.id === req.id);
    assert.ok(there, 'found from 7822');
    assert.ok(there.distance_km > 0 && there.distance_km <= 20, `distance ${there.distance_km}`);
    assert.equal(Math.round(there.distance_km * 10) / 10, there.distance_km, 'rounded to 0.1 km');
  });

  it('newest first without near, with no distance', async () => {
    const recent = await allPages(anon, `/requests?q=${tag}`);
    const hit = recent.find((i) => i.id === req.id);
    assert.ok(hit);
    assert.equal(hit.distance_km, undefined);
    assert.equal(hit.status, 'open');
  });

  it('filter by category and by words of title and description', async () => {
    assert.ok(ids(await allPages(anon, `/requests?category=shopping&q=${tag}`)).includes(req.id));
    assert.ok(!ids(await allPages(anon, `/requests?category=transport&q=${tag}`)).includes(req.id));
    assert.ok(ids(await allPages(anon, `/requests?near=${DEMO_PC4}&category=shopping&q=${tag}`)).includes(req.id));
    assert.ok(!ids(await allPages(anon, `/requests?near=${DEMO_PC4}&category=garden&q=${tag}`)).includes(req.id));
    // Words: several (all must be there), any case, a prefix, from the description.
    assert.ok(ids(await allPages(anon, `/requests?q=${encodeURIComponent(`SUPERMARKT ${tag}`)}`)).includes(req.id));
    assert.ok(ids(await allPages(anon, `/requests?q=${tag.slice(0, 8)}`)).includes(req.id));
    assert.ok(!ids(await allPages(anon, `/requests?q=${encodeURIComponent(`${tag} tuinhek`)}`)).includes(req.id));
    // Boolean operators typed by a user are only words.
    assert.ok(ids(await allPages(anon, `/requests?q=${encodeURIComponent(`"${tag}" -boodschappen (+)`)}`)).includes(req.id));
  });

  it('strangers see it without the private part; another volunteer too', async () => {
    const a = await anon.get(`/requests/${req.id}`);
    assertStatus(a, 200);
    assert.equal(a.body.request.private, undefined);
    assert.equal(a.body.request.posted_as, undefined);
    const v = await volunteer.get(`/requests/${req.id}`);
    assertStatus(v, 200);
    assert.equal(v.body.request.private, undefined);
    assert.ok(!v.text.includes(secret.care) && !v.text.includes(secret.address));
  });

  it('the owner reads her private part; a moderator reads it too, and that read is audited', async () => {
    const o = await resident.get(`/requests/${req.id}`);
    assertStatus(o, 200);
    assert.equal(o.body.request.private.address, secret.address);
    const before = Number(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'request.private_read' AND target_id = ${q(req.id)}`)[0][0]);
    assert.equal(before, 0, 'the owner\'s own reads are not audited');
    const m = await moderator.get(`/requests/${req.id}`);
    assertStatus(m, 200);
    assert.equal(m.body.request.private.care_situation, secret.care);
    const rows = sql(`SELECT actor_id, detail FROM audit_log WHERE action = 'request.private_read' AND target_id = ${q(req.id)}`);
    assert.equal(rows.length, 1);
    assert.equal(rows[0][0], moderator.user.id);
    assert.equal(rows[0][1], 'moderator');
  });

  it('the volunteer of an accepted match reads the private part (audited); a mere responder does not', async () => {
    const helper = await newUser(['volunteer'], {}, 'helper');
    const responder = await newUser(['volunteer'], {}, 'responder');
    // The matches handler makes these; here the rows are enough.
    for (const [who, status] of [[helper, 'accepted'], [responder, 'responded']])
      sql(`INSERT INTO matches (id, request_id, volunteer_id, initiated_by, status, created_at, updated_at) ` +
        `VALUES (${q(randomTag(22))}, ${q(req.id)}, ${q(who.user.id)}, 'volunteer', '${status}', NOW(3), NOW(3))`);
    const h = await helper.get(`/requests/${req.id}`);
    assertStatus(h, 200);
    assert.equal(h.body.request.private?.address, secret.address);
    assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'request.private_read' ` +
      `AND target_id = ${q(req.id)} AND actor_id = ${q(helper.user.id)} AND detail = 'volunteer'`)[0][0], '1');
    const r = await responder.get(`/requests/${req.id}`);
    assertStatus(r, 200);
    assert.equal(r.body.request.private, undefined);
    sql(`DELETE FROM matches WHERE request_id = ${q(req.id)}`);
  });

  it('the owner edits: new text goes back to review, other changes stay open', async () => {
    let res = await resident.patch(`/requests/${req.id}`, { category: 'transport', postcode: '7822', private: { address: null } });
    assertStatus(res, 200);
    assert.equal(res.body.request.status, 'open');
    assert.equal(res.body.request.category, 'transport');
    assert.equal(res.body.request.area.pc4, '7822');
    assert.deepEqual(res.body.request.private, { care_situation: secret.care, address: null, phone: secret.phone });
    res = await resident.patch(`/requests/${req.id}`, { when: null });
    assertStatus(res, 200);
    assert.equal(res.body.request.when, null);
    res = await resident.patch(`/requests/${req.id}`, { title: `Vervoer naar het ziekenhuis ${tag}` });
    assertStatus(res, 200);
    assert.equal(res.body.request.status, 'pending', 'a changed text is reviewed again (pre-moderation)');
    assertProblem(await anon.get(`/requests/${req.id}`), 404, 'not_found');
    await review(moderator, req.id, 'approve');
    assert.ok(ids(await allPages(anon, `/requests?category=transport&q=ziekenhuis+${tag}`)).includes(req.id));
  });

  it('nobody else edits or cancels it: 403 now that it is visible', async () => {
    assertProblem(await other.patch(`/requests/${req.id}`, { title: 'Overgenomen' }), 403, 'forbidden');
    assertProblem(await other.post(`/requests/${req.id}/cancel`), 403, 'forbidden');
    assertProblem(await moderator.patch(`/requests/${req.id}`, { title: 'Overgenomen' }), 403, 'forbidden');
    assertProblem(await anon.patch(`/requests/${req.id}`, { title: 'Overgenomen' }), 401, 'unauthenticated');
  });

  it('the owner cancels: cancelled, gone from view; again is harmless; no more edits', async () => {
    const res = await resident.post(`/requests/${req.id}/cancel`);
    assertStatus(res, 200);
    assert.equal(res.body.request.status, 'cancelled');
    const again = await resident.post(`/requests/${req.id}/cancel`);
    assertStatus(again, 200);
    assert.equal(again.body.request.status, 'cancelled');
    assertProblem(await resident.patch(`/requests/${req.id}`, { title: 'Toch nog' }), 409, 'invalid_transition');
    assertProblem(await anon.get(`/requests/${req.id}`), 404, 'not_found');
    assert.ok(!ids(await allPages(anon, `/requests?q=${tag}`)).includes(req.id));
    const own = await allPages(resident, '/me/requests?status=cancelled');
    assert.ok(ids(own).includes(req.id));
    assertProblem(await moderator.post(`/requests/${req.id}/review`, { decision: 'approve' }), 409, 'invalid_transition');
  });
});

describe('moderation: rejected and hidden requests, and the reason the owner reads', () => {
  const tag = `zr${randomTag(10)}`;
  let owner, moderator, anon;

  before(async () => {
    owner = await newUser(['resident'], {}, 'owner');
    moderator = await asDemo('moderator');
    anon = new Client('anonymous');
  });

  it('rejected with a reason: the owner reads decision and reason, the public nothing', async () => {
    const r = await post(owner, body(tag));
    const rejected = await review(moderator, r.id, 'reject', 'Geen hulpvraag maar reclame.');
    assert.equal(rejected.status, 'rejected');
    const mine = await owner.get(`/requests/${r.id}`);
    assertStatus(mine, 200);
    assert.deepEqual(mine.body.request.moderation, { decision: 'reject', reason: 'Geen hulpvraag maar reclame.' });
    assertProblem(await anon.get(`/requests/${r.id}`), 404, 'not_found');
    assertProblem(await owner.patch(`/requests/${r.id}`, { title: 'Nieuwe titel' }), 409, 'invalid_transition');
    assertProblem(await owner.post(`/requests/${r.id}/cancel`), 409, 'invalid_transition');
    assertProblem(await moderator.post(`/requests/${r.id}/review`, { decision: 'approve' }), 409, 'invalid_transition');
    const actions = sql(`SELECT action, reason FROM moderation_actions WHERE target_type = 'request' AND target_id = ${q(r.id)}`);
    assert.deepEqual(actions, [['reject', 'Geen hulpvraag maar reclame.']]);
    assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'request.reject' AND target_id = ${q(r.id)}`)[0][0], '1');
  });

  it('hidden and unhidden: gone from the public while hidden, back when approved', async () => {
    const r = await post(owner, body(tag));
    await review(moderator, r.id, 'approve');
    assert.ok(ids(await allPages(anon, `/requests?q=${tag}`)).includes(r.id));
    const hidden = await review(moderator, r.id, 'hide', 'Gemeld als ongepast.');
    assert.equal(hidden.status, 'hidden');
    assert.ok(!ids(await allPages(anon, `/requests?q=${tag}`)).includes(r.id));
    assertProblem(await anon.get(`/requests/${r.id}`), 404, 'not_found');
    const mine = await owner.get(`/requests/${r.id}`);
    assert.deepEqual(mine.body.request.moderation, { decision: 'hide', reason: 'Gemeld als ongepast.' });
    assertProblem(await moderator.post(`/requests/${r.id}/review`, { decision: 'hide', reason: 'nog eens' }), 409, 'invalid_transition');
    const back = await review(moderator, r.id, 'approve');
    assert.equal(back.status, 'open');
    assert.ok(ids(await allPages(anon, `/requests?q=${tag}`)).includes(r.id));
  });
});

describe('who posts: caregivers and professionals on behalf of someone, volunteers not at all', () => {
  it('a caregiver posting for her mother is recorded as caregiver; the first name is shown', async () => {
    const caregiver = await newUser(['caregiver'], {}, 'caregiver');
    const r = await post(caregiver, body(`zc${randomTag(8)}`, { on_behalf_of: { first_name: 'Truus', consent: { how: 'verbal' } } }));
    assert.equal(r.posted_as, 'caregiver');
    assert.equal(r.on_behalf_of.first_name, 'Truus');
    assert.equal(r.on_behalf_of.consent.how, 'verbal');
    const cleared = await caregiver.patch(`/requests/${r.id}`, { on_behalf_of: null });
    assertStatus(cleared, 200);
    assert.equal(cleared.body.request.on_behalf_of, undefined);
    assert.equal(cleared.body.request.posted_as, 'caregiver', 'a caregiver without the resident role');
  });

  it('a professional posting for a client is recorded as professional', async () => {
    const pro = await asDemo('professional');
    const r = await post(pro, body(`zp${randomTag(8)}`, { on_behalf_of: { first_name: 'Henk', consent: { how: 'written' } } }));
    assert.equal(r.posted_as, 'professional');
    await pro.post(`/requests/${r.id}/cancel`);
  });

  it('a volunteer may not post (403); nobody without a session (401); CSRF is required', async () => {
    const volunteer = await newUser(['volunteer'], {}, 'volunteer');
    assertProblem(await volunteer.post('/requests', body('x')), 403, 'forbidden');
    assertProblem(await new Client().post('/requests', body('x')), 401, 'unauthenticated');
    const resident = await newUser(['resident'], {}, 'resident');
    assertProblem(await resident.post('/requests', body('x'), { csrf: false }), 403, 'csrf_failed');
  });
});

describe('lists are paged with keyset cursors', () => {
  const tag = `zk${randomTag(10)}`;
  let owner, anon, made;

  before(async () => {
    owner = await newUser(['resident'], {}, 'owner');
    const moderator = await asDemo('moderator');
    anon = new Client('anonymous');
    made = [];
    for (const pc of ['7811', '7811', '7822', '7824', '7811']) {
      const r = await post(owner, body(tag, { postcode: pc }));
      await review(moderator, r.id, 'approve');
      made.push(r.id);
    }
  });

  for (const [name, path] of [['nearest first', `/requests?near=7811&radius_km=25&q=${tag}`], ['newest first', `/requests?q=${tag}`]]) {
    it(`${name}: two per page, every request once, in order`, async () => {
      const pages = [];
      let cursor = null;
      do {
        const res = await anon.get(`${path}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        assertStatus(res, 200);
        assert.ok(res.body.items.length <= 2);
        pages.push(res.body.items);
        cursor = res.body.next_cursor;
      } while (cursor && pages.length < 10);
      const all = pages.flat();
      assert.deepEqual([...ids(all)].sort(), [...made].sort());
      assert.equal(pages.length, 3);
      const one = await allPages(anon, path);
      assert.deepEqual(ids(all), ids(one), 'the same order paged or not');
      if (name === 'nearest first') {
        for (let i = 1; i < all.length; i++) assert.ok(all[i - 1].distance_km <= all[i].distance_km);
      } else {
        for (let i = 1; i < all.length; i++) assert.ok(all[i - 1].created_at >= all[i].created_at);
      }
    });
  }

  it('a cursor of one list is refused by another (400)', async () => {
    const near = await anon.get(`/requests?near=7811&radius_km=25&q=${tag}&limit=1`);
    assertStatus(near, 200);
    assert.ok(near.body.next_cursor);
    assertProblem(await anon.get(`/requests?q=${tag}&cursor=${near.body.next_cursor}`), 400, 'bad_request');
    assertProblem(await owner.get(`/me/requests?cursor=${near.body.next_cursor}`), 400, 'bad_request');
    const recent = await anon.get(`/requests?q=${tag}&limit=1`);
    assertProblem(await anon.get(`/requests?near=7811&q=${tag}&cursor=${recent.body.next_cursor}`), 400, 'bad_request');
  });

  it('own requests, newest first, paged', async () => {
    const all = await allPages(owner, '/me/requests', 2);
    assert.deepEqual(ids(all), [...made].reverse());
    assert.ok(all.every((i) => 'private' in i));
    assert.deepEqual(ids(await allPages(owner, '/me/requests?status=open', 3)), [...made].reverse());
    assert.deepEqual(await allPages(owner, '/me/requests?status=pending'), []);
  });
});

describe('expiry and blocked owners, without any job', () => {
  let owner, moderator, admin, anon, r;

  before(async () => {
    owner = await newUser(['resident'], {}, 'owner');
    moderator = await asDemo('moderator');
    admin = await asAdmin();
    anon = new Client('anonymous');
  });

  it('an open request past its expiry shows as expired, leaves the lists, and takes no edits', async () => {
    const tag = `ze${randomTag(10)}`;
    r = await post(owner, body(tag));
    await review(moderator, r.id, 'approve');
    sql(`UPDATE requests SET expires_at = NOW(3) - INTERVAL 1 MINUTE WHERE id = ${q(r.id)}`);
    const mine = await owner.get(`/requests/${r.id}`);
    assertStatus(mine, 200);
    assert.equal(mine.body.request.status, 'expired');
    assertProblem(await anon.get(`/requests/${r.id}`), 404, 'not_found');
    assert.ok(!ids(await allPages(anon, `/requests?q=${tag}`)).includes(r.id));
    assert.ok(!ids(await allPages(anon, `/requests?near=${DEMO_PC4}&q=${tag}`)).includes(r.id));
    assertProblem(await owner.patch(`/requests/${r.id}`, { title: 'Nog steeds nodig' }), 409, 'invalid_transition');
    assert.ok(ids(await allPages(owner, '/me/requests?status=expired')).includes(r.id));
    const c = await owner.post(`/requests/${r.id}/cancel`);
    assertStatus(c, 200);
    assert.equal(c.body.request.status, 'cancelled');
  });

  it('a blocked owner\'s open request disappears from public view', async () => {
    const tag = `zb${randomTag(10)}`;
    const victim = await newUser(['resident'], {}, 'to-block');
    const v = await post(victim, body(tag));
    await review(moderator, v.id, 'approve');
    assert.ok(ids(await allPages(anon, `/requests?q=${tag}`)).includes(v.id));
    assertStatus(await admin.patch(`/users/${victim.user.id}`, { status: 'blocked' }), 200);
    assert.ok(!ids(await allPages(anon, `/requests?q=${tag}`)).includes(v.id));
    assert.ok(!ids(await allPages(anon, `/requests?near=${DEMO_PC4}&q=${tag}`)).includes(v.id));
    assertProblem(await anon.get(`/requests/${v.id}`), 404, 'not_found');
    const m = await moderator.get(`/requests/${v.id}`);
    assertStatus(m, 200, 'moderators still see it');
  });
});

describe('bad input: 422 naming the field, 400 for a mangled cursor, 404 and 403 for others\' requests', () => {
  let resident, anon, theirs, theirsOpen;

  before(async () => {
    resident = await newUser(['resident'], {}, 'resident');
    const someone = await newUser(['caregiver'], {}, 'someone');
    const moderator = await asDemo('moderator');
    anon = new Client('anonymous');
    theirs = await post(someone, body(`zx${randomTag(8)}`));
    theirsOpen = await post(someone, body(`zx${randomTag(8)}`));
    await review(moderator, theirsOpen.id, 'approve');
  });

  const past = () => iso(Date.now() - DAY);
  const soon = (h) => iso(Date.now() + h * HOUR);
  const cases = [
    ['unknown category', { category: 'astrology' }, 'category', 'unknown'],
    ['unknown postcode', { postcode: UNKNOWN_POSTCODE }, 'postcode', 'unknown_postcode', 'unknown_postcode'],
    ['unknown postcode and category', { postcode: UNKNOWN_POSTCODE, category: 'astrology' }, 'postcode', 'unknown_postcode'],
    ['malformed postcode', { postcode: '12AB' }, 'postcode', 'invalid'],
    ['title of 121 characters', { title: 'a'.repeat(121) }, 'title', 'too_long'],
    ['empty title', { title: '   ' }, 'title', 'too_short'],
    ['title on two lines', { title: 'een\ntwee' }, 'title', 'invalid'],
    ['description of 4001 characters', { description: 'b'.repeat(4001) }, 'description', 'too_long'],
    ['end before start', { when: { start: soon(5), end: soon(4) } }, 'when.end', 'out_of_range'],
    ['start in the past', { when: { start: past(), end: soon(2) } }, 'when.start', 'out_of_range'],
    ['a time that is no time', { when: { start: 'morgen', end: soon(2) } }, 'when.start', 'invalid'],
    ['when without end', { when: { start: soon(2) } }, 'when.end', 'required'],
    ['care situation of 2001 characters', { private: { care_situation: 'c'.repeat(2001) } }, 'private.care_situation', 'too_long'],
    ['address of 301 characters', { private: { address: 'd'.repeat(301) } }, 'private.address', 'too_long'],
    ['phone of 41 characters', { private: { phone: '0'.repeat(41) } }, 'private.phone', 'too_long'],
    ['first name of 61 characters', { on_behalf_of: { first_name: 'e'.repeat(61), consent: { how: 'verbal' } } }, 'on_behalf_of.first_name', 'too_long'],
    ['title a number', { title: 5 }, 'title', 'wrong_type'],
    ['when a string', { when: 'tomorrow' }, 'when', 'wrong_type'],
    ['private a string', { private: 'geheim' }, 'private', 'wrong_type'],
    ['category an array', { category: ['shopping'] }, 'category', 'wrong_type'],
    ['missing title', { title: undefined }, 'title', 'required'],
  ];
  // API.md: a well-formed postcode that is no known area is the problem
  // code unknown_postcode when that is all that is wrong.
  for (const [name, change, field, code, problem = 'validation_failed'] of cases) {
    it(`POST with ${name}: 422 on ${field}`, async () => {
      const b = { ...body('bad'), ...change };
      for (const k of Object.keys(b)) if (b[k] === undefined) delete b[k];
      assertProblem(await resident.post('/requests', b), 422, problem, field, code);
    });
  }

  it('PATCH checks the same fields', async () => {
    const mine = await post(resident, body(`zx${randomTag(8)}`));
    assertProblem(await resident.patch(`/requests/${mine.id}`, { category: 'astrology' }), 422, 'validation_failed', 'category', 'unknown');
    assertProblem(await resident.patch(`/requests/${mine.id}`, { title: 'a'.repeat(121) }), 422, 'validation_failed', 'title', 'too_long');
    assertProblem(await resident.patch(`/requests/${mine.id}`, { title: null }), 422, 'validation_failed', 'title');
    assertProblem(await resident.patch(`/requests/${mine.id}`, { when: { start: soon(3), end: soon(1) } }), 422, 'validation_failed', 'when.end');
    assertProblem(await resident.patch(`/requests/${mine.id}`, { postcode: UNKNOWN_POSTCODE }), 422, 'unknown_postcode', 'postcode', 'unknown_postcode');
  });

  it('invalid UTF-8 in a body is 400 malformed_json; in q it is 422', async () => {
    const bytes = Buffer.concat([Buffer.from('{"title":"'), Buffer.from([0xc3, 0x28]), Buffer.from('","description":"x","category":"shopping","postcode":"7811"}')]);
    assertProblem(await resident.raw('POST', '/requests', bytes), 400, 'malformed_json');
    assertProblem(await anon.get('/requests?q=%C3%28abc'), 422, 'validation_failed', 'q', 'invalid_utf8');
  });

  it('a body that is not JSON, or not sent as JSON', async () => {
    assertProblem(await resident.raw('POST', '/requests', '{"title":'), 400, 'malformed_json');
    assertProblem(await resident.raw('POST', '/requests', '[1,2]'), 400, 'bad_request');
    assertProblem(await resident.raw('POST', '/requests', 'title=x', 'application/x-www-form-urlencoded'), 415, 'unsupported_media_type');
  });

  const queries = [
    ['radius_km=0', 'radius_km'], ['radius_km=51', 'radius_km'], ['radius_km=ten', 'radius_km'],
    ['limit=0', 'limit'], ['limit=101', 'limit'], ['limit=abc', 'limit'],
    ['category=astrology', 'category'], ['near=1234XYZ', 'near'], ['near=1000', 'near', 'unknown_postcode'],
    ['q=ab', 'q'], ['q=', 'q'],
  ];
  for (const [query, field, problem = 'validation_failed'] of queries) {
    it(`GET /requests?${query}: 422 on ${field}`, async () => {
      const extra = field === 'radius_km' ? `&near=${DEMO_PC4}` : '';
      assertProblem(await anon.get(`/requests?${query}${extra}`), 422, problem, field);
    });
  }
  it('radius_km without near is 422; an unknown area is unknown_postcode', async () => {
    assertProblem(await anon.get('/requests?radius_km=5'), 422, 'validation_failed', 'radius_km');
    assertProblem(await anon.get(`/requests?near=${UNKNOWN_POSTCODE}`), 422, 'unknown_postcode', 'near', 'unknown_postcode');
    assertProblem(await resident.get('/me/requests?status=lost'), 422, 'validation_failed', 'status');
    assertProblem(await resident.get('/me/requests?limit=0'), 422, 'validation_failed', 'limit');
  });

  it('a mangled cursor, or one of another list, is 400', async () => {
    const b64 = (t) => Buffer.from(t).toString('base64url');
    const wrongKey = b64(`1\nt\nyesterday\n${NOBODY}`);	// well-formed, but no time in it
    const tooFew = b64('1\nt\n2026-01-01 00:00:00.000000');	// no id
    for (const c of ['not-a-cursor', 'AAAA', '%FF%FE', wrongKey, tooFew]) {
      assertProblem(await anon.get(`/requests?cursor=${c}`), 400, 'bad_request');
      assertProblem(await anon.get(`/requests?near=${DEMO_PC4}&cursor=${c}`), 400, 'bad_request');
      assertProblem(await resident.get(`/me/requests?cursor=${c}`), 400, 'bad_request');
    }
  });

  it('unknown ids are 404; another user\'s pending request is 404, their open one 403 to change', async () => {
    assertProblem(await anon.get(`/requests/${NOBODY}`), 404, 'not_found');
    assertProblem(await anon.get('/requests/not-an-id'), 404, 'not_found');
    assertProblem(await resident.patch(`/requests/${NOBODY}`, { title: 'x' }), 404, 'not_found');
    assertProblem(await resident.post(`/requests/${NOBODY}/cancel`), 404, 'not_found');
    assertProblem(await resident.get(`/requests/${theirs.id}`), 404, 'not_found');
    assertProblem(await resident.patch(`/requests/${theirs.id}`, { title: 'x' }), 404, 'not_found');
    assertProblem(await resident.patch(`/requests/${theirsOpen.id}`, { title: 'x' }), 403, 'forbidden');
    assertProblem(await resident.post(`/requests/${theirsOpen.id}/cancel`), 403, 'forbidden');
    assertProblem(await anon.get('/me/requests'), 401, 'unauthenticated');
  });
});

describe('GDPR: export holds the requests with their private part; erasure withdraws and destroys', () => {
  it('a caregiver exports, then leaves: her open request is withdrawn and its private part gone', async () => {
    const caregiver = await newUser(['caregiver'], {}, 'leaving');
    const moderator = await asDemo('moderator');
    const care = `beroerte-${randomTag(12)}`;
    const r = await post(caregiver, body(`zg${randomTag(8)}`, {
      on_behalf_of: { first_name: 'Gerrit', consent: { how: 'self_present' } }, private: { care_situation: care, phone: '0591-123456' },
    }));
    await review(moderator, r.id, 'approve');
    const done = await post(caregiver, body(`zg${randomTag(8)}`, { private: { address: 'Dorpsstraat 1' } }));
    await caregiver.post(`/requests/${done.id}/cancel`);
    const exp = await caregiver.get('/me/export');
    assertStatus(exp, 200);
    const mine = exp.body.requests.find((i) => i.id === r.id);
    assert.ok(mine, 'the request is in the export');
    assert.equal(mine.private.care_situation, care);
    assert.equal(mine.on_behalf_of.first_name, 'Gerrit');
    assert.equal(mine.on_behalf_of.consent.how, 'self_present');
    assert.ok(exp.body.requests.some((i) => i.id === done.id && i.private.address === 'Dorpsstraat 1'));

    assertStatus(await caregiver.delete('/me', { password: caregiver.password }), 204);
    const rows = sql(`SELECT id, status, care_situation_ct IS NULL, address_ct IS NULL, phone_ct IS NULL, on_behalf_of IS NULL ` +
      `FROM requests WHERE id IN (${q(r.id)}, ${q(done.id)}) ORDER BY id`);
    assert.equal(rows.length, 2);
    for (const row of rows) assert.deepEqual(row.slice(2), ['1', '1', '1', '1'], `private part of ${row[0]} destroyed`);
    assert.equal(rows.find((x) => x[0] === r.id)[1], 'cancelled');
    assertProblem(await new Client().get(`/requests/${r.id}`), 404, 'not_found');
  });
});

describe('the private part is never stored or logged in plaintext', () => {
  it('markers in care situation, address and phone are nowhere under $VAR/mysql or $VAR/log; the public title is', async () => {
    const resident = await newUser(['caregiver'], {}, 'marker');
    const mark = randomTag(16);
    const secret = { care: `zorg-${mark}-care`, address: `adres-${mark}-addr`, phone: `tel-${mark}-ph` };
    const title = `Openbaar ${randomTag(16)}`;
    const r = await post(resident, { ...body('marker'), title, private: { care_situation: secret.care, address: secret.address, phone: secret.phone } });
    const patched = await resident.patch(`/requests/${r.id}`, { private: { care_situation: `${secret.care}-2` } });
    assertStatus(patched, 200);
    assertStatus(await resident.get(`/requests/${r.id}`), 200);
    assertStatus(await resident.get('/me/requests'), 200);
    await sleep(1500);	// InnoDB flushes its redo log at least once a second
    let found = null;
    for (let i = 0; i < 10 && !(found?.hits.length); i++) {
      if (i) await sleep(1000);
      found = await searchFiles(title, [join(VAR, 'mysql')]);
    }
    assert.ok(found.hits.length > 0, 'the public title is found: the search works');
    const { hits, files } = await searchFiles([mark]);
    assert.ok(files > 3, `searched only ${files} files`);
    assert.deepEqual(hits.map((h) => h.file), [], 'plaintext private data found');
  });
});
