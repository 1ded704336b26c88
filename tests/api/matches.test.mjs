// matches.test.mjs — the "Matches and messages" table of API.md as the
// stories of the people who use it: two volunteers respond to a resident's
// request, she accepts one and the other is declined — and can no longer
// read the address or the conversation; a resident invites a volunteer she
// found among the offers, who accepts, cancels with a reason (the request is
// open again), and the next one completes it with hours and a thank-you;
// nobody answers their own request, nobody answers twice, and two accepts at
// the same moment have exactly one winner. Suggestions put the near, fitting,
// available volunteer first and say why. A message's text is never on disk
// in plaintext; export and erasure take matches and messages along. Every
// answer is checked against docs/openapi.yaml (client.mjs).
//
// Needs a stack in pre-moderation (the default) and its state folder
// (BURENHULP_VAR): some checks read or bend the database as its
// administrator over the stack's socket.

import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import {
  Client, VAR, DEMO_POSTCODE, newUser, asDemo, randomTag, searchFiles,
  assertStatus, assertProblem,
} from './lib/client.mjs';

const NOBODY = 'AAAAAAAAAAAAAAAAAAAAAA';	// a well-formed id that names nothing
const DAY = 24 * 3600e3;

// SQL as the database's administrator; rows of tab-separated cells.
function sql(text) {
  const r = spawnSync('mariadb', ['--no-defaults', `--socket=${join(VAR, 'run', 'mysqld.sock')}`,
    '-u', userInfo().username, '-N', '-B', 'burenhulp', '-e', text], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(r.status, 0, `mariadb: ${r.stderr || r.error}`);
  return r.stdout.split('\n').filter((l) => l.length).map((l) => l.split('\t'));
}
const q = (s) => `'${String(s).replace(/[^A-Za-z0-9_-]/g, '')}'`;	// ids only

// RFC 3339 without milliseconds, as the API answers.
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

// 09:00–10:00 UTC on a Saturday at least two days ahead: 10–11 (winter) or
// 11–12 (summer) in the Netherlands, inside a Saturday 09:00–13:00 slot.
function saturdayWindow() {
  const d = new Date();
  d.setUTCHours(9, 0, 0, 0);
  d.setUTCDate(d.getUTCDate() + ((6 - d.getUTCDay() + 7) % 7));
  if (d.getTime() - Date.now() < 2 * DAY) d.setUTCDate(d.getUTCDate() + 7);
  return { start: iso(d.getTime()), end: iso(d.getTime() + 3600e3) };
}

let moderator;

// A request, approved by the moderator: open.
async function openRequest(owner, tag, extra = {}) {
  const res = await owner.post('/requests', {
    title: `Boodschappen ${tag}`,
    description: `Wie helpt mij met de boodschappen? ${tag}`,
    category: 'shopping',
    postcode: DEMO_POSTCODE,
    ...extra,
  });
  assertStatus(res, 201, 'POST /requests');
  const rev = await moderator.post(`/requests/${res.body.request.id}/review`, { decision: 'approve' });
  assertStatus(rev, 200, 'approve request');
  assert.equal(rev.body.request.status, 'open');
  return rev.body.request;
}

// An offer, approved by the moderator: active.
async function activeOffer(volunteer, fields = {}) {
  const res = await volunteer.post('/offers', {
    title: `Hulp ${randomTag(6)}`,
    description: 'Ik help graag in de buurt.',
    categories: ['shopping'],
    postcode: DEMO_POSTCODE,
    radius_km: 10,
    availability: [{ day: 'sat', from: '09:00', to: '13:00' }],
    ...fields,
  });
  assertStatus(res, 201, 'POST /offers');
  const rev = await moderator.post(`/offers/${res.body.offer.id}/review`, { decision: 'approve' });
  assertStatus(rev, 200, 'approve offer');
  assert.equal(rev.body.offer.status, 'active');
  return rev.body.offer;
}

async function respond(volunteer, requestId, message = 'Ik kan helpen!') {
  const res = await volunteer.post('/matches', { request_id: requestId, message });
  assertStatus(res, 201, 'respond');
  return res.body.match;
}

async function step(client, matchId, what, body, status = 200) {
  const res = await client.post(`/matches/${matchId}/${what}`, body);
  assertStatus(res, status, `${what} ${matchId}`);
  return res;
}

async function requestAs(client, id) {
  const res = await client.get(`/requests/${id}`);
  return res;
}

async function allPages(client, path, limit) {
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

before(async () => {
  moderator = await asDemo('moderator');
});

describe('a volunteer responds, the resident accepts, the other volunteer is declined', () => {
  let resident, anna, bram, request, annaMatch, bramMatch;
  const address = `Hoofdstraat ${randomTag(4)}`;

  before(async () => {
    resident = await newUser(['resident'], {}, 'resident');
    anna = await newUser(['volunteer'], {}, 'anna');
    bram = await newUser(['volunteer'], {}, 'bram');
    request = await openRequest(resident, randomTag(6), { private: { address, phone: '0591 123456' } });
  });

  it('two volunteers respond; each response counts and carries the first message', async () => {
    annaMatch = await respond(anna, request.id, 'Hallo, ik ben Anna en ik kan zaterdag.');
    assert.equal(annaMatch.status, 'responded');
    assert.equal(annaMatch.initiated_by, 'volunteer');
    assert.equal(annaMatch.volunteer.id, anna.user.id);
    assert.equal(annaMatch.request.id, request.id);
    assert.equal(annaMatch.request.status, 'open');
    assert.equal(annaMatch.accepted_at, null);
    bramMatch = await respond(bram, request.id, 'Bram hier, ik heb een auto.');

    const seen = await requestAs(resident, request.id);
    assertStatus(seen, 200);
    assert.equal(seen.body.request.response_count, 2);

    const msgs = await anna.get(`/matches/${annaMatch.id}/messages`);
    assertStatus(msgs, 200);
    assert.equal(msgs.body.items.length, 1);
    assert.equal(msgs.body.items[0].body, 'Hallo, ik ben Anna en ik kan zaterdag.');
    assert.equal(msgs.body.items[0].sender.id, anna.user.id);
  });

  it('a second response by the same volunteer is a conflict', async () => {
    const res = await anna.post('/matches', { request_id: request.id, message: 'Nog een keer' });
    assertProblem(res, 409, 'conflict');
    const seen = await requestAs(resident, request.id);
    assert.equal(seen.body.request.response_count, 2, 'the refused response is not counted');
  });

  it('before the accept no volunteer sees the private part', async () => {
    for (const v of [anna, bram]) {
      const res = await requestAs(v, request.id);
      assertStatus(res, 200);
      assert.ok(res.body.request.private == null, 'no private part for a mere responder');
    }
  });

  it('the resident sees both responses among her matches', async () => {
    const mine = await allPages(resident, '/matches?as=requester', 1);
    const ids = mine.map((m) => m.id);
    assert.ok(ids.includes(annaMatch.id) && ids.includes(bramMatch.id));
    const annas = await anna.get('/matches?as=volunteer&status=responded');
    assertStatus(annas, 200);
    assert.deepEqual(annas.body.items.map((m) => m.id), [annaMatch.id]);
    const none = await anna.get('/matches?as=requester');
    assert.deepEqual(none.body.items, []);
    const either = await allPages(anna, '/matches', 1);
    assert.deepEqual(either.map((m) => m.id), [annaMatch.id]);
  });

  it('a volunteer cannot accept their own response', async () => {
    assertProblem(await anna.post(`/matches/${annaMatch.id}/accept`), 403, 'forbidden');
  });

  it('the resident accepts Anna: the request is matched, Bram is declined', async () => {
    const res = await step(resident, annaMatch.id, 'accept');
    assert.equal(res.body.match.status, 'accepted');
    assert.ok(res.body.match.accepted_at);
    assert.equal(res.body.match.request.status, 'matched');

    const b = await bram.get(`/matches/${bramMatch.id}`);
    assertStatus(b, 200);
    assert.equal(b.body.match.status, 'declined');
  });

  it('the accepted volunteer now sees the address, the declined one does not', async () => {
    const a = await requestAs(anna, request.id);
    assertStatus(a, 200);
    assert.equal(a.body.request.private?.address, address);

    const b = await requestAs(bram, request.id);
    assert.ok(b.status === 404 || (b.status === 200 && b.body.request.private == null),
      `the declined volunteer must not see the private part: ${b.status}`);
    assert.ok(!b.text.includes(address));
  });

  it('the declined volunteer can no longer read or write the messages', async () => {
    assertProblem(await bram.get(`/matches/${bramMatch.id}/messages`), 403, 'forbidden');
    assertProblem(await bram.post(`/matches/${bramMatch.id}/messages`, { body: 'Hallo?' }), 403, 'forbidden');
    // The resident still has the conversation, but it takes no new messages.
    const r = await resident.get(`/matches/${bramMatch.id}/messages`);
    assertStatus(r, 200);
    assert.equal(r.body.items.length, 1);
    assertProblem(await resident.post(`/matches/${bramMatch.id}/messages`, { body: 'Sorry!' }), 409, 'conflict');
  });

  it('the parties talk, oldest message first, paged', async () => {
    const m = await resident.post(`/matches/${annaMatch.id}/messages`, { body: 'Fijn! De sleutel ligt onder de mat.' });
    assertStatus(m, 201);
    assert.equal(m.body.message.sender.id, resident.user.id);
    assert.equal(m.body.message.sender.display_name, resident.user.display_name);
    assert.equal(m.body.message.body, 'Fijn! De sleutel ligt onder de mat.');
    const n = await anna.post(`/matches/${annaMatch.id}/messages`, { body: 'Tot zaterdag.' });
    assertStatus(n, 201);
    const all = await allPages(anna, `/matches/${annaMatch.id}/messages`, 1);
    assert.deepEqual(all.map((x) => x.body),
      ['Hallo, ik ben Anna en ik kan zaterdag.', 'Fijn! De sleutel ligt onder de mat.', 'Tot zaterdag.']);
  });

  it('any other step is an invalid transition', async () => {
    assertProblem(await resident.post(`/matches/${annaMatch.id}/accept`), 409, 'invalid_transition');
    assertProblem(await resident.post(`/matches/${annaMatch.id}/decline`), 409, 'invalid_transition');
    assertProblem(await resident.post(`/matches/${bramMatch.id}/accept`), 409, 'invalid_transition');
    assertProblem(await resident.post(`/matches/${bramMatch.id}/complete`, { hours: 1 }), 409, 'invalid_transition');
    assertProblem(await bram.post(`/matches/${bramMatch.id}/cancel`, { reason: 'toch niet' }), 409, 'invalid_transition');
  });

  it('a response to a matched request is not possible', async () => {
    const carla = await newUser(['volunteer'], {}, 'carla');
    const res = await carla.post('/matches', { request_id: request.id, message: 'Ik ook' });
    assert.ok([404, 409].includes(res.status), `got ${res.status}`);
  });
});

describe('an invitation, a cancel that reopens, a completion with thanks', () => {
  let resident, dirk, eva, request, invite, evaMatch;

  before(async () => {
    resident = await newUser(['resident'], {}, 'resident2');
    dirk = await newUser(['volunteer'], {}, 'dirk');
    eva = await newUser(['volunteer'], {}, 'eva');
    request = await openRequest(resident, randomTag(6));
  });

  it('the owner invites a volunteer; only the volunteer can accept the invitation', async () => {
    const res = await resident.post('/matches', { request_id: request.id, volunteer_id: dirk.user.id, message: 'Wil je helpen?' });
    assertStatus(res, 201);
    invite = res.body.match;
    assert.equal(invite.status, 'invited');
    assert.equal(invite.initiated_by, 'requester');
    assert.equal(invite.volunteer.id, dirk.user.id);
    const seen = await requestAs(resident, request.id);
    assert.equal(seen.body.request.response_count, 0, 'an invitation is not a response');

    assertProblem(await resident.post(`/matches/${invite.id}/accept`), 403, 'forbidden');
    const again = await resident.post('/matches', { request_id: request.id, volunteer_id: dirk.user.id, message: 'Nog eens?' });
    assertProblem(again, 409, 'conflict');
    const d = await dirk.get(`/matches/${invite.id}/messages`);
    assertStatus(d, 200);
    assert.equal(d.body.items[0].body, 'Wil je helpen?');

    const acc = await step(dirk, invite.id, 'accept');
    assert.equal(acc.body.match.status, 'accepted');
    assert.equal(acc.body.match.request.status, 'matched');
  });

  it('the volunteer cancels with a reason: the request is open again', async () => {
    assertProblem(await dirk.post(`/matches/${invite.id}/cancel`, {}), 422, 'validation_failed', 'reason');
    assertProblem(await dirk.post(`/matches/${invite.id}/cancel`, { reason: '' }), 422, 'validation_failed', 'reason');
    assertProblem(await dirk.post(`/matches/${invite.id}/cancel`, { reason: 'x'.repeat(501) }), 422, 'validation_failed', 'reason');
    const res = await step(dirk, invite.id, 'cancel', { reason: 'Ik ben ziek geworden.' });
    assert.equal(res.body.match.status, 'cancelled');
    assert.equal(res.body.match.request.status, 'open');
    const seen = await requestAs(resident, request.id);
    assert.equal(seen.body.request.status, 'open');
    const dirkSees = await requestAs(dirk, request.id);
    assert.ok(dirkSees.body.request.private == null, 'a cancelled volunteer sees nothing private');
  });

  it('the cancelled pair cannot start again; another volunteer can', async () => {
    assertProblem(await dirk.post('/matches', { request_id: request.id, message: 'Toch wel' }), 409, 'conflict');
    evaMatch = await respond(eva, request.id);
    await step(resident, evaMatch.id, 'accept');
  });

  it('only the owner completes, with hours and an optional thank-you', async () => {
    assertProblem(await eva.post(`/matches/${evaMatch.id}/complete`, { hours: 2 }), 403, 'forbidden');
    for (const hours of [0, -1, 24 * 14 + 1, '2', null, 0.001]) {
      const res = await resident.post(`/matches/${evaMatch.id}/complete`, { hours });
      assertProblem(res, 422, 'validation_failed', 'hours');
    }
    assertProblem(await resident.post(`/matches/${evaMatch.id}/complete`, {}), 422, 'validation_failed', 'hours');
    assertProblem(await resident.post(`/matches/${evaMatch.id}/complete`, { hours: 1, thanks: 'x'.repeat(1001) }),
      422, 'validation_failed', 'thanks');

    const res = await step(resident, evaMatch.id, 'complete', { hours: 2.5, thanks: 'Dank je wel, Eva!' });
    const m = res.body.match;
    assert.equal(m.status, 'completed');
    assert.equal(m.hours, 2.5);
    assert.equal(m.thanks, 'Dank je wel, Eva!');
    assert.ok(m.completed_at);
    assert.equal(m.request.status, 'completed');
    assert.equal(res.text.includes('"hours":2.5'), true, 'hours is a plain number');

    const seen = await requestAs(resident, request.id);
    assert.equal(seen.body.request.status, 'completed');
    const evas = await eva.get(`/matches/${evaMatch.id}`);
    assert.equal(evas.body.match.thanks, 'Dank je wel, Eva!');
  });

  it('a completed match takes no further step', async () => {
    assertProblem(await resident.post(`/matches/${evaMatch.id}/complete`, { hours: 1 }), 409, 'invalid_transition');
    assertProblem(await eva.post(`/matches/${evaMatch.id}/cancel`, { reason: 'oeps' }), 409, 'invalid_transition');
    assertProblem(await resident.post(`/matches/${evaMatch.id}/decline`), 409, 'invalid_transition');
  });

  it('invitations name an active volunteer, not oneself', async () => {
    const r2 = await openRequest(resident, randomTag(6));
    const other = await newUser(['resident'], {}, 'not-a-volunteer');
    assertProblem(await resident.post('/matches', { request_id: r2.id, volunteer_id: other.user.id, message: 'Hoi' }),
      422, 'validation_failed', 'volunteer_id');
    assertProblem(await resident.post('/matches', { request_id: r2.id, volunteer_id: NOBODY, message: 'Hoi' }),
      422, 'validation_failed', 'volunteer_id');
    assertProblem(await resident.post('/matches', { request_id: r2.id, volunteer_id: resident.user.id, message: 'Hoi' }),
      422, 'validation_failed', 'volunteer_id');
    assertProblem(await eva.post('/matches', { request_id: r2.id, volunteer_id: dirk.user.id, message: 'Hoi' }),
      403, 'forbidden');
  });
});

describe('decline and withdraw', () => {
  let resident, fleur, request, match;

  before(async () => {
    resident = await newUser(['resident'], {}, 'resident3');
    fleur = await newUser(['volunteer'], {}, 'fleur');
    request = await openRequest(resident, randomTag(6));
  });

  it('the owner declines a response; it cannot be accepted afterwards', async () => {
    match = await respond(fleur, request.id);
    assertProblem(await fleur.post(`/matches/${match.id}/decline`), 403, 'forbidden');
    const res = await step(resident, match.id, 'decline');
    assert.equal(res.body.match.status, 'declined');
    assert.equal(res.body.match.request.status, 'open');
    assertProblem(await resident.post(`/matches/${match.id}/accept`), 409, 'invalid_transition');
    assertProblem(await resident.post(`/matches/${match.id}/decline`), 409, 'invalid_transition');
  });

  it('a volunteer withdraws their response; the owner declines rather than cancels', async () => {
    const r2 = await openRequest(resident, randomTag(6));
    const m = await respond(fleur, r2.id);
    assert.equal((await requestAs(resident, r2.id)).body.request.response_count, 1);
    assertProblem(await resident.post(`/matches/${m.id}/cancel`, { reason: 'nee' }), 409, 'invalid_transition');
    const res = await step(fleur, m.id, 'cancel', { reason: 'Het lukt me toch niet.' });
    assert.equal(res.body.match.status, 'cancelled');
    assert.equal((await requestAs(resident, r2.id)).body.request.response_count, 0,
      'a withdrawn response no longer counts');
    assertProblem(await fleur.post(`/matches/${m.id}/messages`, { body: 'hoi' }), 409, 'conflict');
  });

  it('a request its owner cancelled cannot be completed', async () => {
    const r4 = await openRequest(resident, randomTag(6), { private: { address: 'Hoofdstraat 1' } });
    const m = await respond(fleur, r4.id);
    await step(resident, m.id, 'accept');
    assert.ok((await requestAs(fleur, r4.id)).body.request.private, 'accepted volunteer sees the private part');
    assertStatus(await resident.post(`/requests/${r4.id}/cancel`), 200);
    assertProblem(await resident.post(`/matches/${m.id}/complete`, { hours: 1 }), 409);
    // The cancelled request takes its accepted match with it: the volunteer
    // no longer holds the address of a request that is not going ahead.
    const after = await fleur.get(`/matches/${m.id}`);
    assertStatus(after, 200);
    assert.equal(after.body.match.status, 'cancelled');
    const seen = await requestAs(fleur, r4.id);
    assert.ok(seen.status === 404 || !seen.body.request.private,
      'the volunteer of a cancelled match does not see the private part');
  });

  it('the owner withdraws an invitation', async () => {
    const r3 = await openRequest(resident, randomTag(6));
    const inv = await resident.post('/matches', { request_id: r3.id, volunteer_id: fleur.user.id, message: 'Zin?' });
    assertStatus(inv, 201);
    assertProblem(await fleur.post(`/matches/${inv.body.match.id}/cancel`, { reason: 'nee' }), 409, 'invalid_transition');
    const res = await step(resident, inv.body.match.id, 'cancel', { reason: 'Al geregeld.' });
    assert.equal(res.body.match.status, 'cancelled');
  });
});

describe('who may respond to what', () => {
  let both, resident, volunteer;

  before(async () => {
    both = await newUser(['resident', 'volunteer'], {}, 'both');
    resident = await newUser(['resident'], {}, 'resident4');
    volunteer = await newUser(['volunteer'], {}, 'volunteer4');
  });

  it('nobody responds to their own request', async () => {
    const own = await openRequest(both, randomTag(6));
    assertProblem(await both.post('/matches', { request_id: own.id, message: 'Ik help mezelf' }), 403, 'forbidden');
  });

  it('a resident without the volunteer role cannot respond', async () => {
    const r = await openRequest(both, randomTag(6));
    assertProblem(await resident.post('/matches', { request_id: r.id, message: 'Hoi' }), 403, 'forbidden');
  });

  it('unknown, pending and cancelled requests are not found; expired ones are not open', async () => {
    assertProblem(await volunteer.post('/matches', { request_id: NOBODY, message: 'Hoi' }), 404, 'not_found');
    assertProblem(await volunteer.post('/matches', { request_id: 'nope', message: 'Hoi' }), 422, 'validation_failed', 'request_id');

    const pending = await both.post('/requests', { title: 'Wacht', description: 'Nog niet beoordeeld', category: 'shopping', postcode: DEMO_POSTCODE });
    assertStatus(pending, 201);
    assertProblem(await volunteer.post('/matches', { request_id: pending.body.request.id, message: 'Hoi' }), 404, 'not_found');

    const gone = await openRequest(both, randomTag(6));
    assertStatus(await both.post(`/requests/${gone.id}/cancel`), 200);
    assertProblem(await volunteer.post('/matches', { request_id: gone.id, message: 'Hoi' }), 404, 'not_found');

    const late = await openRequest(both, randomTag(6));
    sql(`UPDATE requests SET expires_at = NOW(3) - INTERVAL 1 MINUTE WHERE id = ${q(late.id)}`);
    const res = await volunteer.post('/matches', { request_id: late.id, message: 'Hoi' });
    assert.ok([404, 409].includes(res.status), `expired: ${res.status}`);
    if (res.status === 409) assertProblem(res, 409, 'conflict');
  });

  it('an accept on an expired request is a conflict', async () => {
    const r = await openRequest(both, randomTag(6));
    const m = await respond(volunteer, r.id);
    sql(`UPDATE requests SET expires_at = NOW(3) - INTERVAL 1 MINUTE WHERE id = ${q(r.id)}`);
    assertProblem(await both.post(`/matches/${m.id}/accept`), 409, 'conflict');
  });

  it('GET /matches pages through both sides, newest first, and filters by status', async () => {
    const mine = await openRequest(both, randomTag(6));
    const theirs = await openRequest(resident, randomTag(6));
    const first = await respond(volunteer, mine.id);	// both as requester
    const second = await respond(both, theirs.id);	// both as volunteer
    await step(both, first.id, 'decline');
    const all = await allPages(both, '/matches', 1);
    const ids = all.map((m) => m.id);
    assert.ok(ids.indexOf(second.id) >= 0 && ids.indexOf(first.id) > ids.indexOf(second.id), 'newest first');
    assert.equal(new Set(ids).size, ids.length, 'no match twice');
    const declined = await allPages(both, '/matches?status=declined', 1);
    assert.ok(declined.some((m) => m.id === first.id));
    assert.ok(declined.every((m) => m.status === 'declined'));
    const asVolunteer = await allPages(both, '/matches?as=volunteer', 2);
    assert.deepEqual(asVolunteer.map((m) => m.id), [second.id]);
  });

  it('bad bodies and queries name the field', async () => {
    const r = await openRequest(both, randomTag(6));
    assertProblem(await volunteer.post('/matches', { request_id: r.id }), 422, 'validation_failed', 'message');
    assertProblem(await volunteer.post('/matches', { request_id: r.id, message: '' }), 422, 'validation_failed', 'message');
    assertProblem(await volunteer.post('/matches', { request_id: r.id, message: 'x'.repeat(4001) }), 422, 'validation_failed', 'message');
    assertProblem(await volunteer.get('/matches?as=owner'), 422, 'validation_failed', 'as');
    assertProblem(await volunteer.get('/matches?status=open'), 422, 'validation_failed', 'status');
    assertProblem(await volunteer.get('/matches?limit=0'), 422, 'validation_failed', 'limit');
    assertProblem(await volunteer.get('/matches?cursor=bogus!'), 400, 'bad_request');
    const m = await respond(volunteer, r.id);
    assertProblem(await volunteer.post(`/matches/${m.id}/messages`, { body: '' }), 422, 'validation_failed', 'body');
    assertProblem(await volunteer.post(`/matches/${m.id}/messages`, { body: 'x'.repeat(4001) }), 422, 'validation_failed', 'body');
    assertProblem(await volunteer.get(`/matches/${m.id}/messages?limit=101`), 422, 'validation_failed', 'limit');
    assertProblem(await volunteer.get(`/matches/${m.id}/messages?cursor=AAAA`), 400, 'bad_request');
    assertProblem(await volunteer.post('/matches', { request_id: r.id, message: 'hoi' }, { csrf: false }), 403, 'csrf_failed');
  });
});

describe('an outsider gets 403 or 404 on every match endpoint', () => {
  let resident, volunteer, outsider, request, match;

  before(async () => {
    resident = await newUser(['resident'], {}, 'resident5');
    volunteer = await newUser(['volunteer'], {}, 'volunteer5');
    outsider = await newUser(['volunteer', 'resident'], {}, 'outsider');
    request = await openRequest(resident, randomTag(6));
    match = await respond(volunteer, request.id, 'Geheim bericht');
  });

  it('another user', async () => {
    const id = match.id;
    assertProblem(await outsider.get(`/matches/${id}`), 404, 'not_found');
    for (const what of ['accept', 'decline'])
      assertProblem(await outsider.post(`/matches/${id}/${what}`), 404, 'not_found');
    assertProblem(await outsider.post(`/matches/${id}/complete`, { hours: 1 }), 404, 'not_found');
    assertProblem(await outsider.post(`/matches/${id}/cancel`, { reason: 'weg' }), 404, 'not_found');
    assertProblem(await outsider.get(`/matches/${id}/messages`), 404, 'not_found');
    assertProblem(await outsider.post(`/matches/${id}/messages`, { body: 'hoi' }), 404, 'not_found');
    const list = await outsider.get('/matches');
    assertStatus(list, 200);
    assert.ok(!list.body.items.some((m) => m.id === id));
    assertProblem(await outsider.get(`/requests/${request.id}/suggestions`), 403, 'forbidden');
    assertProblem(await outsider.post('/matches', { request_id: request.id, volunteer_id: volunteer.user.id, message: 'x' }),
      403, 'forbidden');
  });

  it('a moderator sees the match but not the conversation, and cannot answer for a party', async () => {
    const res = await moderator.get(`/matches/${match.id}`);
    assertStatus(res, 200);
    assert.equal(res.body.match.id, match.id);
    assertProblem(await moderator.get(`/matches/${match.id}/messages`), 403, 'forbidden');
    assertProblem(await moderator.post(`/matches/${match.id}/messages`, { body: 'hoi' }), 403, 'forbidden');
    assertProblem(await moderator.post(`/matches/${match.id}/accept`), 404, 'not_found');
    const audit = sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'match.view' AND target_id = ${q(match.id)}`);
    assert.equal(Number(audit[0][0]), 1, 'the moderator read is audited');
  });

  it('nobody logged in', async () => {
    const anon = new Client('anonymous');
    const id = match.id;
    assertProblem(await anon.get(`/matches/${id}`), 401, 'unauthenticated');
    assertProblem(await anon.get('/matches'), 401, 'unauthenticated');
    assertProblem(await anon.post('/matches', { request_id: request.id, message: 'x' }), 401, 'unauthenticated');
    assertProblem(await anon.post(`/matches/${id}/accept`), 401, 'unauthenticated');
    assertProblem(await anon.get(`/matches/${id}/messages`), 401, 'unauthenticated');
    assertProblem(await anon.get(`/requests/${request.id}/suggestions`), 401, 'unauthenticated');
    assertProblem(await anon.get('/me/suggestions'), 401, 'unauthenticated');
  });

  it('ids that are not ids, or name nothing', async () => {
    assertProblem(await volunteer.get(`/matches/${NOBODY}`), 404, 'not_found');
    assertProblem(await volunteer.post(`/matches/${NOBODY}/accept`), 404, 'not_found');
    assertProblem(await volunteer.get(`/matches/${NOBODY}/messages`), 404, 'not_found');
    assertProblem(await volunteer.get('/matches/not-an-id', { skipSpec: true }), 404, 'not_found');
    assertProblem(await resident.get(`/requests/${NOBODY}/suggestions`), 404, 'not_found');
  });
});

describe('two accepts at the same moment: exactly one wins', () => {
  let resident;

  before(async () => {
    resident = await newUser(['resident'], {}, 'resident6');
  });

  it('two different responses accepted at once', async () => {
    for (let round = 0; round < 3; round++) {
      const request = await openRequest(resident, randomTag(6));
      const [g, h] = await Promise.all([newUser(['volunteer'], {}, 'g'), newUser(['volunteer'], {}, 'h')]);
      const mg = await respond(g, request.id);
      const mh = await respond(h, request.id);
      const results = await Promise.all([
        resident.post(`/matches/${mg.id}/accept`),
        resident.post(`/matches/${mh.id}/accept`),
      ]);
      const statuses = results.map((r) => r.status).sort();
      assert.deepEqual(statuses, [200, 409], `round ${round}: ${statuses}`);
      const loser = results.find((r) => r.status === 409);
      assert.ok(['conflict', 'invalid_transition'].includes(loser.body.code));
      const rows = sql(`SELECT status, COUNT(*) FROM matches WHERE request_id = ${q(request.id)} GROUP BY status ORDER BY status`);
      assert.deepEqual(rows, [['accepted', '1'], ['declined', '1']]);
      assert.equal(sql(`SELECT status FROM requests WHERE id = ${q(request.id)}`)[0][0], 'matched');
    }
  });

  it('the same match accepted twice at once', async () => {
    for (let round = 0; round < 3; round++) {
      const request = await openRequest(resident, randomTag(6));
      const v = await newUser(['volunteer'], {}, 'v');
      const m = await respond(v, request.id);
      const results = await Promise.all([
        resident.post(`/matches/${m.id}/accept`),
        resident.post(`/matches/${m.id}/accept`),
      ]);
      assert.deepEqual(results.map((r) => r.status).sort(), [200, 409], `round ${round}`);
      assert.equal(results.find((r) => r.status === 409).body.code, 'invalid_transition');
    }
  });

  it('an accept and a late response at once: the response is refused or declined', async () => {
    const request = await openRequest(resident, randomTag(6));
    const [a, b] = await Promise.all([newUser(['volunteer'], {}, 'a'), newUser(['volunteer'], {}, 'b')]);
    const ma = await respond(a, request.id);
    const [acc, late] = await Promise.all([
      resident.post(`/matches/${ma.id}/accept`),
      b.post('/matches', { request_id: request.id, message: 'Ik ook!' }),
    ]);
    assertStatus(acc, 200);
    if (late.status === 201) {
      // It came first: then the accept declined it.
      const seen = await b.get(`/matches/${late.body.match.id}`);
      assert.equal(seen.body.match.status, 'declined');
    } else {
      assert.ok([404, 409].includes(late.status), `late response: ${late.status}`);
    }
    const live = sql(`SELECT COUNT(*) FROM matches WHERE request_id = ${q(request.id)} AND status IN ('responded', 'invited')`);
    assert.equal(live[0][0], '0', 'no response is left waiting on a matched request');
  });
});

describe('suggestions: who fits a request, and what fits a volunteer', () => {
  let resident, near, far, busy, narrow, gardener, request, nearOffer;

  before(async () => {
    resident = await newUser(['resident'], {}, 'resident7');
    [near, far, busy, narrow, gardener] = await Promise.all([
      newUser(['volunteer'], {}, 'near'), newUser(['volunteer'], {}, 'far'),
      newUser(['volunteer'], {}, 'busy'), newUser(['volunteer'], {}, 'narrow'),
      newUser(['volunteer'], {}, 'gardener'),
    ]);
    // 2.1 km from 7811, Saturday mornings.
    nearOffer = await activeOffer(near, { postcode: '7814', radius_km: 10 });
    // 12.1 km away (Oosterhesselen), travels far, Saturday mornings.
    await activeOffer(far, { postcode: '7861', radius_km: 25 });
    // 1.1 km away, but only on Monday.
    await activeOffer(busy, { postcode: '7822', availability: [{ day: 'mon', from: '09:00', to: '12:00' }] });
    // 11.1 km away (Zweeloo) but goes no further than 5 km.
    await activeOffer(narrow, { postcode: '7851', radius_km: 5 });
    // Next door, but gardens only.
    await activeOffer(gardener, { postcode: '7811', categories: ['garden'] });

    // The near volunteer has helped once before.
    const earlier = await openRequest(resident, randomTag(6));
    const m = await respond(near, earlier.id);
    await step(resident, m.id, 'accept');
    await step(resident, m.id, 'complete', { hours: 1 });

    request = await openRequest(resident, randomTag(6), { when: saturdayWindow() });
  });

  it('ranks the near, fitting, available volunteer above the far and the unavailable one, and says why', async () => {
    const res = await resident.get(`/requests/${request.id}/suggestions?limit=50`);
    assertStatus(res, 200);
    const list = res.body;
    const pos = (u) => list.findIndex((s) => s.volunteer.id === u.user.id);
    const at = (u) => list[pos(u)];
    for (const u of [near, far, busy]) assert.ok(pos(u) >= 0, `${u.name} is suggested`);
    assert.ok(pos(near) < pos(far), 'near before far');
    assert.ok(pos(near) < pos(busy), 'available before unavailable');
    assert.equal(pos(narrow), -1, 'beyond the offer\'s own radius: not suggested');
    assert.equal(pos(gardener), -1, 'another category: not suggested');
    assert.equal(pos(resident), -1, 'the owner is never suggested');

    const n = at(near);
    assert.equal(n.offer_id, nearOffer.id);
    assert.equal(n.volunteer.display_name, near.user.display_name);
    assert.deepEqual(n.reasons, ['boodschappen', '2,1 km', 'zaterdag beschikbaar', '1 keer geholpen']);
    assert.ok(n.score > at(far).score && n.score > at(busy).score);
    assert.ok(at(far).reasons.includes('12,1 km'));
    assert.ok(at(far).reasons.includes('zaterdag beschikbaar'));
    assert.ok(!at(busy).reasons.some((r) => r.includes('beschikbaar')), 'no availability claimed for Monday-only');
    for (let i = 1; i < list.length; i++) assert.ok(list[i - 1].score >= list[i].score, 'best first');
  });

  it('in English on request', async () => {
    const res = await resident.get(`/requests/${request.id}/suggestions?lang=en`);
    assertStatus(res, 200);
    const n = res.body.find((s) => s.volunteer.id === near.user.id);
    assert.deepEqual(n.reasons, ['shopping', '2.1 km', 'available on Saturday', 'helped once']);
  });

  it('limit and lang are checked; only owner, professional and moderator may ask', async () => {
    const one = await resident.get(`/requests/${request.id}/suggestions?limit=1`);
    assert.equal(one.body.length, 1);
    assertProblem(await resident.get(`/requests/${request.id}/suggestions?limit=51`), 422, 'validation_failed', 'limit');
    assertProblem(await resident.get(`/requests/${request.id}/suggestions?lang=de`), 422, 'validation_failed', 'lang');
    assertProblem(await far.get(`/requests/${request.id}/suggestions`), 403, 'forbidden');
    assertStatus(await moderator.get(`/requests/${request.id}/suggestions`), 200);
    assertStatus(await (await asDemo('professional')).get(`/requests/${request.id}/suggestions`), 200);
  });

  it('a volunteer is shown the open requests that fit their offers', async () => {
    const res = await near.get('/me/suggestions?limit=50');
    assertStatus(res, 200);
    const hit = res.body.find((s) => s.request.id === request.id);
    assert.ok(hit, 'the Saturday request is suggested');
    assert.equal(hit.offer_id, nearOffer.id);
    assert.equal(hit.request.distance_km, 2.1);
    assert.equal(hit.request.owner.id, resident.user.id);
    assert.ok(hit.request.private === undefined, 'never the private part');
    assert.deepEqual(hit.reasons, ['boodschappen', '2,1 km', 'zaterdag beschikbaar']);

    const narrowSees = await narrow.get('/me/suggestions');
    assertStatus(narrowSees, 200);
    assert.ok(!narrowSees.body.some((s) => s.request.id === request.id), 'too far for the narrow offer');
    const gardenerSees = await gardener.get('/me/suggestions');
    assert.ok(!gardenerSees.body.some((s) => s.request.id === request.id), 'another category');

    // Once answered, a request is no longer suggested to that volunteer.
    await respond(near, request.id);
    const after = await near.get('/me/suggestions?limit=50');
    assert.ok(!after.body.some((s) => s.request.id === request.id));
    const ranked = await resident.get(`/requests/${request.id}/suggestions?limit=50`);
    assert.ok(!ranked.body.some((s) => s.volunteer.id === near.user.id), 'already on it: not suggested');

    assertProblem(await resident.get('/me/suggestions'), 403, 'forbidden');
    assertProblem(await near.get('/me/suggestions?limit=51'), 422, 'validation_failed', 'limit');
  });
});

describe('message bodies are private', () => {
  it('a marker in a message is never in plaintext under $VAR/mysql or $VAR/log', async () => {
    const resident = await newUser(['resident'], {}, 'resident8');
    const vol = await newUser(['volunteer'], {}, 'volunteer8');
    const request = await openRequest(resident, randomTag(6));
    const first = `MARKFIRST${randomTag(16)}`;
    const later = `MARKLATER${randomTag(16)}`;
    const m = await respond(vol, request.id, `Eerste bericht ${first}`);
    assertStatus(await resident.post(`/matches/${m.id}/messages`, { body: `Antwoord ${later}` }), 201);
    const msgs = await vol.get(`/matches/${m.id}/messages`);
    assert.deepEqual(msgs.body.items.map((x) => x.body), [`Eerste bericht ${first}`, `Antwoord ${later}`]);

    const stored = sql(`SELECT HEX(body_ct) FROM messages WHERE match_id = ${q(m.id)}`);
    assert.equal(stored.length, 2);
    for (const [hex] of stored)
      assert.ok(!Buffer.from(hex, 'hex').toString('latin1').includes('MARK'), 'sealed in the row');
    // Moving a ciphertext to another message's row does not open it.
    const ids = sql(`SELECT id FROM messages WHERE match_id = ${q(m.id)} ORDER BY created_at, id`).map((r) => r[0]);
    sql(`UPDATE messages a JOIN messages b ON b.id = ${q(ids[1])} SET a.body_ct = b.body_ct WHERE a.id = ${q(ids[0])}`);
    const moved = await vol.get(`/matches/${m.id}/messages`);
    assertProblem(moved, 500, 'internal');
    assert.ok(!moved.text.includes(later));
    sql(`DELETE FROM messages WHERE id = ${q(ids[0])}`);

    sql('FLUSH TABLES');
    const found = await searchFiles([first, later]);
    assert.ok(found.files > 0, 'something was searched');
    assert.deepEqual(found.hits, [], `plaintext found: ${JSON.stringify(found.hits)}`);
  });
});

describe('export and erasure take matches and messages along', () => {
  it('a volunteer downloads their matches and conversations, then leaves', async () => {
    const r1owner = await newUser(['resident'], {}, 'r1owner');
    const r2owner = await newUser(['resident'], {}, 'r2owner');
    const vol = await newUser(['volunteer'], {}, 'leaver');
    const r1 = await openRequest(r1owner, randomTag(6));
    const r2 = await openRequest(r2owner, randomTag(6));
    const tag = randomTag(8);
    const m1 = await respond(vol, r1.id, `Ik help graag ${tag}`);
    assertStatus(await r1owner.post(`/matches/${m1.id}/messages`, { body: `Fijn ${tag}` }), 201);
    const m2 = await respond(vol, r2.id, `Ook hier ${tag}`);
    await step(r2owner, m2.id, 'accept');

    const exp = await vol.get('/me/export');
    assertStatus(exp, 200);
    assert.deepEqual(exp.body.matches.map((m) => m.id).sort(), [m1.id, m2.id].sort());
    const bodies = exp.body.messages.map((m) => m.body);
    for (const b of [`Ik help graag ${tag}`, `Fijn ${tag}`, `Ook hier ${tag}`]) assert.ok(bodies.includes(b), b);
    assert.ok(exp.body.messages.every((m) => [m1.id, m2.id].includes(m.match_id)));
    const ownerExp = await r1owner.get('/me/export');
    assert.deepEqual(ownerExp.body.matches.map((m) => m.id), [m1.id]);
    assert.equal(ownerExp.body.messages.length, 2);

    assertStatus(await vol.delete('/me', { password: vol.password }), 204);
    assert.equal(sql(`SELECT COUNT(*) FROM messages WHERE sender_id = ${q(vol.user.id)}`)[0][0], '0',
      'what they wrote is destroyed');
    const one = await r1owner.get(`/matches/${m1.id}`);
    assert.equal(one.body.match.status, 'cancelled', 'the open response is withdrawn');
    assert.equal((await requestAs(r1owner, r1.id)).body.request.response_count, 0);
    const convo = await r1owner.get(`/matches/${m1.id}/messages`);
    assert.deepEqual(convo.body.items.map((m) => m.body), [`Fijn ${tag}`], 'the other party keeps their own');
    const two = await r2owner.get(`/requests/${r2.id}`);
    assert.equal(two.body.request.status, 'open', 'the request they were accepted on is open again');
  });
});
