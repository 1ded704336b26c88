// checkins.test.mjs — recurring help and its check-ins (issue 17, part 5;
// API.md "Recurring help and check-ins"): a weekly request, an accepted
// match whose parties say how it goes, someone outside the match who gets
// 404, the moderators' attention list (a not-good answer, a question left
// unanswered for 14 days) with the coordinator's note, notes sealed at rest,
// and hours that add up per occasion.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEMO_POSTCODE, newUser, asDemo, randomTag, assertStatus, assertProblem,
  assertFieldError, ctl,
} from './lib/client.mjs';
import { mariadb } from './lib/explain.mjs';

const q = (s) => `'${String(s).replace(/[^A-Za-z0-9_-]/g, '')}'`;	// ids only

let moderator;

async function openRequest(owner, extra = {}) {
  const res = await owner.post('/requests', {
    title: `Wekelijks boodschappen ${randomTag(6)}`,
    description: 'Elke week samen boodschappen doen.',
    category: 'shopping',
    postcode: DEMO_POSTCODE,
    ...extra,
  });
  assertStatus(res, 201, 'POST /requests');
  const rev = await moderator.post(`/requests/${res.body.request.id}/review`, { decision: 'approve' });
  assertStatus(rev, 200, 'approve');
  return rev.body.request;
}

async function acceptedMatch(owner, volunteer, extra) {
  const request = await openRequest(owner, extra);
  const m = await volunteer.post('/matches', { request_id: request.id, message: 'Ik help graag' });
  assertStatus(m, 201, 'respond');
  assertStatus(await owner.post(`/matches/${m.body.match.id}/accept`), 200, 'accept');
  return { request, match: m.body.match };
}

async function attentionList(params = 'attention=true') {
  const items = [];
  let cursor = null;
  do {
    const res = await moderator.get(`/admin/checkins?${params}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    assertStatus(res, 200, 'GET /admin/checkins');
    items.push(...res.body.items);
    cursor = res.body.next_cursor;
  } while (cursor);
  return items;
}

describe('recurring help and check-ins', () => {
  let resident, volunteer, outsider, request, match;

  before(async () => {
    moderator = await asDemo('moderator');
    resident = await newUser(['resident'], {}, 'resident');
    volunteer = await newUser(['volunteer'], {}, 'volunteer');
    outsider = await newUser(['volunteer'], {}, 'outsider');
    ({ request, match } = await acceptedMatch(resident, volunteer, { recurrence: 'weekly' }));
  });

  it('a request may be weekly, fortnightly or monthly; anything else → 422 on recurrence', async () => {
    assert.equal(request.recurrence, 'weekly');
    for (const recurrence of ['daily', 'Weekly', 7, ''])
      assertFieldError(await resident.post('/requests', {
        title: 'Hulp', description: 'Hulp gevraagd', category: 'shopping',
        postcode: DEMO_POSTCODE, recurrence,
      }), 'recurrence');
    const once = await resident.post('/requests', {
      title: 'Eenmalig', description: 'Eenmalige hulp', category: 'shopping', postcode: DEMO_POSTCODE,
    });
    assertStatus(once, 201);
    assert.equal(once.body.request.recurrence, undefined);
    const monthly = await resident.patch(`/requests/${once.body.request.id}`, { recurrence: 'monthly' });
    assertStatus(monthly, 200);
    assert.equal(monthly.body.request.recurrence, 'monthly');
    const cleared = await resident.patch(`/requests/${once.body.request.id}`, { recurrence: null });
    assertStatus(cleared, 200);
    assert.equal(cleared.body.request.recurrence, undefined);
  });

  it('a check-in by someone not in the match → 404; a wrong answer → 422 on answer', async () => {
    assertProblem(await outsider.post(`/matches/${match.id}/checkin`, { answer: 'good' }), 404, 'not_found');
    assertProblem(await moderator.post(`/matches/${match.id}/checkin`, { answer: 'good' }), 404, 'not_found');
    assertFieldError(await volunteer.post(`/matches/${match.id}/checkin`, { answer: 'great' }), 'answer');
    assertFieldError(await volunteer.post(`/matches/${match.id}/checkin`, {}), 'answer', 'required');
  });

  it('a good answer is recorded and keeps the match off the attention list', async () => {
    const res = await volunteer.post(`/matches/${match.id}/checkin`, { answer: 'good' });
    assertStatus(res, 201);
    assert.equal(res.body.checkin.answer, 'good');
    assert.equal(res.body.offer_end, false);
    assert.ok(!(await attentionList()).some((i) => i.match.id === match.id));
    assert.ok((await attentionList('attention=false')).some((i) => i.match.id === match.id));
  });

  it('"stop" offers to end kindly, tells the other party, and puts the match on the attention list with its note for moderators', async () => {
    const note = `Het klikt niet zo ${randomTag(8)}`;
    const res = await resident.post(`/matches/${match.id}/checkin`, { answer: 'stop', note });
    assertStatus(res, 201);
    assert.equal(res.body.offer_end, true);
    assert.equal(res.body.checkin.has_note, true);
    const item = (await attentionList()).find((i) => i.match.id === match.id);
    assert.ok(item, 'on the attention list');
    assert.equal(item.last_answer, 'stop');
    assert.equal(item.attention, true);
    assert.equal(item.answers[0].note, note);
    assert.equal(item.answers[0].by.id, resident.user.id);
    // sealed at rest
    const rows = mariadb(`SELECT HEX(note_ct) FROM checkins WHERE match_id = ${q(match.id)} AND note_ct IS NOT NULL`);
    assert.equal(rows.length, 1);
    assert.ok(!Buffer.from(rows[0][0], 'hex').toString('latin1').includes(note));
    const n = await volunteer.get('/me/notifications');
    assertStatus(n, 200);
    assert.ok(n.body.items.some((i) => i.kind === 'match.checkin' && i.link.includes(match.id)));
  });

  it('a moderator sets the coordinator\'s note; others may not read the list', async () => {
    const res = await moderator.put(`/admin/checkins/${match.id}/note`, { note: 'Gebeld op dinsdag, gaat in gesprek.' });
    assertStatus(res, 200);
    const item = (await attentionList()).find((i) => i.match.id === match.id);
    assert.equal(item.coordinator_note.text, 'Gebeld op dinsdag, gaat in gesprek.');
    assertProblem(await moderator.put('/admin/checkins/AAAAAAAAAAAAAAAAAAAAAA/note', { note: 'x' }), 404, 'not_found');
    for (const c of [resident, volunteer])
      assertProblem(await c.get('/admin/checkins?attention=true'), 403);
  });

  it('a check-in left unanswered for 14 days needs attention', async () => {
    const other = await acceptedMatch(resident, outsider, { recurrence: 'fortnightly' });
    mariadb(`INSERT INTO checkin_state (match_id, asked_at) VALUES (${q(other.match.id)}, NOW(3) - INTERVAL 15 DAY)`);
    const item = (await attentionList()).find((i) => i.match.id === other.match.id);
    assert.ok(item, 'unanswered match on the list');
    assert.equal(item.unanswered, true);
    assert.equal(item.last_answer, null);
    // answered good: off the list again
    assertStatus(await outsider.post(`/matches/${other.match.id}/checkin`, { answer: 'good' }), 201);
    assert.ok(!(await attentionList()).some((i) => i.match.id === other.match.id));
  });

  it('recurring help counts hours per occasion: they add up', async () => {
    const rec = await acceptedMatch(resident, volunteer, { recurrence: 'monthly' });
    assertStatus(await volunteer.post(`/matches/${rec.match.id}/hours`, { hours: 3 }), 200);
    const res = await volunteer.post(`/matches/${rec.match.id}/hours`, { hours: 4.5 });
    assertStatus(res, 200);
    assert.equal(Number(res.body.match.volunteer_hours), 7.5);
    assertFieldError(await volunteer.post(`/matches/${rec.match.id}/hours`, { hours: 25 }), 'hours');
  });

  it('the mailer asks both parties of accepted recurring help six weeks after acceptance, once per round', async () => {
    const owner = await newUser(['resident']);
    const helper = await newUser(['volunteer']);
    const rec = await acceptedMatch(owner, helper, { recurrence: 'weekly' });
    const once = await acceptedMatch(owner, volunteer);	// asked once: never asked
    for (const id of [rec.match.id, once.match.id])
      mariadb(`UPDATE matches SET accepted_at = NOW(3) - INTERVAL 43 DAY, reminded_at = NOW(3) WHERE id = ${q(id)}`);
    const deadline = Date.now() + 90_000;
    let asked = [];
    while (Date.now() < deadline) {
      asked = mariadb(`SELECT match_id FROM checkin_state WHERE match_id IN (${q(rec.match.id)}, ${q(once.match.id)})`);
      if (asked.length) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    assert.deepEqual(asked.map((r) => r[0]), [rec.match.id], 'the recurring match is asked, the one-off is not');
    for (const c of [owner, helper]) {
      const n = await c.get('/me/notifications');
      assertStatus(n, 200);
      assert.equal(n.body.items.filter((i) => i.kind === 'match.checkin' && i.link.includes(rec.match.id)).length, 1,
        'each party is asked once');
    }
  });

  it('the own check-ins are in the export, and their notes are destroyed on erasure', async () => {
    const owner = await newUser(['resident']);
    const helper = await newUser(['volunteer']);
    const rec = await acceptedMatch(owner, helper, { recurrence: 'weekly' });
    const note = `Mijn eigen woorden ${randomTag(6)}`;
    assertStatus(await helper.post(`/matches/${rec.match.id}/checkin`, { answer: 'could_be_better', note }), 201);
    const exp = await helper.get('/me/export');
    assertStatus(exp, 200);
    assert.deepEqual(exp.body.checkins.map((c) => [c.answer, c.note]), [['could_be_better', note]]);
    assertStatus(await helper.delete('/me', { password: helper.password }), 204);
    const rows = mariadb(`SELECT COUNT(*) FROM checkins WHERE user_id = ${q(helper.user.id)} AND note_ct IS NOT NULL`);
    assert.equal(rows[0][0], '0');
  });
});

// A double click, a retried request, a second thought: one answer per
// person per check-in period (from when the mailer asked, checkin_state).
// The first answer is 201; another in the same period is 200 with the same
// check-in, its answer and note replaced (same content: nothing changes);
// never a second row. A new period (asked again) takes a new answer.
describe('check-in answers are idempotent within a period', () => {
  let owner, helper, match;

  before(async () => {
    moderator = moderator || await asDemo('moderator');
    owner = await newUser(['resident'], {}, 'idem-owner');
    helper = await newUser(['volunteer'], {}, 'idem-helper');
    ({ match } = await acceptedMatch(owner, helper, { recurrence: 'weekly' }));
  });

  const rows = () => mariadb(`SELECT user_id, answer, note_ct IS NOT NULL FROM checkins WHERE match_id = ${q(match.id)} ORDER BY created_at, id`);

  it('the same answer twice in a row: 201, then 200 with the first; one row', async () => {
    const first = await helper.post(`/matches/${match.id}/checkin`, { answer: 'good' });
    assertStatus(first, 201);
    const second = await helper.post(`/matches/${match.id}/checkin`, { answer: 'good' });
    assertStatus(second, 200);
    assert.equal(second.body.checkin.id, first.body.checkin.id);
    assert.equal(rows().length, 1);
  });

  it('two at once (a double click): one row, both answered with it', async () => {
    const [a, b] = await Promise.all([
      owner.post(`/matches/${match.id}/checkin`, { answer: 'could_be_better' }),
      owner.post(`/matches/${match.id}/checkin`, { answer: 'could_be_better' }),
    ]);
    assert.deepEqual([a.status, b.status].sort(), [200, 201]);
    assert.equal(a.body.checkin.id, b.body.checkin.id);
    assert.equal(rows().filter((r) => r[1] === 'could_be_better').length, 1);
  });

  it('a second thought in the same period replaces the answer: still one row per person, the state follows', async () => {
    const res = await owner.post(`/matches/${match.id}/checkin`, { answer: 'stop', note: 'Toch liever stoppen.' });
    assertStatus(res, 200);
    assert.equal(res.body.offer_end, true);
    assert.equal(res.body.checkin.has_note, true);
    assert.deepEqual(rows().map((r) => r.slice(1)).sort(), [['good', '0'], ['stop', '1']]);
    const [state] = mariadb(`SELECT last_answer, attention FROM checkin_state WHERE match_id = ${q(match.id)}`);
    assert.deepEqual(state, ['stop', '1']);
    // "stop" again: the other party was told once.
    assertStatus(await owner.post(`/matches/${match.id}/checkin`, { answer: 'stop', note: 'Toch liever stoppen.' }), 200);
    const told = (await helper.get('/me/notifications')).body.items.filter((i) => i.kind === 'match.checkin' && i.link.includes(match.id));
    assert.equal(told.length, 1, 'told once');
    assert.ok(!told[0].count || told[0].count === 1, 'one event');
  });

  it('a new period takes a new answer (201, a second row for that person)', async () => {
    mariadb(`UPDATE checkins SET created_at = created_at - INTERVAL 50 DAY WHERE match_id = ${q(match.id)}`);
    mariadb(`UPDATE checkin_state SET asked_at = NOW(3) - INTERVAL 1 DAY WHERE match_id = ${q(match.id)}`);
    assertStatus(await helper.post(`/matches/${match.id}/checkin`, { answer: 'good' }), 201);
    assert.equal(rows().length, 3);
  });
});

// GET /requests?recurrence=weekly|fortnightly|monthly|none (issue 17): only
// recurring help of that rhythm, or help asked once; newest first and near a
// postcode alike; anything else is 422 on recurrence.
describe('GET /requests?recurrence=', () => {
  let owner;
  const made = {};
  const tag = randomTag(8);

  before(async () => {
    moderator = moderator || await asDemo('moderator');
    owner = await newUser(['resident'], {}, 'rec-owner');
    for (const rec of ['weekly', 'fortnightly', 'monthly', null])
      made[rec ?? 'none'] = (await openRequest(owner, {
        title: `Ritme ${tag} ${rec ?? 'eenmalig'}`, ...(rec ? { recurrence: rec } : {}),
      })).id;
  });

  // Every item of the list with the query, all pages; only this test's.
  async function mine(query) {
    const ids = [];
    let cursor = null;
    do {
      const res = await owner.get(`/requests?${query}&q=${tag}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      assertStatus(res, 200, query);
      for (const it of res.body.items) {
        if (query.includes('recurrence=') && !query.includes('recurrence=none'))
          assert.equal(it.recurrence, query.match(/recurrence=(\w+)/)[1], 'only that rhythm');
        ids.push(it.id);
      }
      cursor = res.body.next_cursor;
    } while (cursor);
    return ids.filter((id) => Object.values(made).includes(id)).sort();
  }

  it('each rhythm, and none for help asked once; without it, all', async () => {
    for (const rec of ['weekly', 'fortnightly', 'monthly', 'none'])
      assert.deepEqual(await mine(`recurrence=${rec}`), [made[rec]], rec);
    assert.deepEqual(await mine('x=1'), Object.values(made).sort());
  });

  it('near a postcode too, with a category, and across pages without q', async () => {
    const res = await owner.get(`/requests?near=${encodeURIComponent(DEMO_POSTCODE)}&radius_km=5&category=shopping&recurrence=fortnightly&limit=100`);
    assertStatus(res, 200);
    assert.ok(res.body.items.some((i) => i.id === made.fortnightly));
    assert.ok(res.body.items.every((i) => i.recurrence === 'fortnightly'));
    const once = await owner.get(`/requests?near=${encodeURIComponent(DEMO_POSTCODE)}&recurrence=none&limit=100`);
    assertStatus(once, 200);
    assert.ok(once.body.items.every((i) => !i.recurrence), 'none: help asked once only');
    const page = await owner.get('/requests?recurrence=weekly&limit=1');
    assertStatus(page, 200);
    assert.ok(page.body.items.every((i) => i.recurrence === 'weekly'));
    if (page.body.next_cursor) {
      const next = await owner.get(`/requests?recurrence=weekly&limit=1&cursor=${encodeURIComponent(page.body.next_cursor)}`);
      assertStatus(next, 200);
      assert.ok(next.body.items.every((i) => i.recurrence === 'weekly'));
    }
  });

  it('an unknown value is 422 on recurrence', async () => {
    for (const bad of ['daily', '', 'WEEKLY', 'weekly,monthly'])
      assertFieldError(await owner.get(`/requests?recurrence=${encodeURIComponent(bad)}`), 'recurrence', 'not_allowed');
  });

  // Open requests in 7811 crowd the suggestions of the browser stories
  // (candidates are read area by area up to a limit): leave none behind.
  after(async () => {
    for (const id of Object.values(made))
      assertStatus(await owner.post(`/requests/${id}/cancel`), 200);
  });
});

// Retention (burenhulpctl purge, ctl/purge.c): the parties' notes, which only
// moderators read, go after the retention period the other purges use
// (retention_days, 90; --days N), like the private part and the messages;
// the answers stay (the figures and the attention list count them). The
// coordinator's note of a match whose request closed that long ago goes too.
describe('check-in notes are purged after the retention period', () => {
  it('an old note is destroyed, a recent one kept; the coordinator note of a long-closed request too', async () => {
    moderator = moderator || await asDemo('moderator');
    const owner = await newUser(['resident'], {}, 'purge-owner');
    const helper = await newUser(['volunteer'], {}, 'purge-helper');
    const old = await acceptedMatch(owner, helper, { recurrence: 'weekly' });
    const recent = await acceptedMatch(owner, helper, { recurrence: 'monthly' });
    assertStatus(await helper.post(`/matches/${old.match.id}/checkin`, { answer: 'could_be_better', note: 'Oude zorgen.' }), 201);
    assertStatus(await helper.post(`/matches/${recent.match.id}/checkin`, { answer: 'could_be_better', note: 'Nieuwe zorgen.' }), 201);
    assertStatus(await moderator.put(`/admin/checkins/${old.match.id}/note`, { note: 'Gebeld met beiden.' }), 200);
    assertStatus(await moderator.put(`/admin/checkins/${recent.match.id}/note`, { note: 'Volgende week bellen.' }), 200);
    // The old one: answered 100 days ago, its request completed 95 days ago.
    mariadb(`UPDATE checkins SET created_at = NOW(3) - INTERVAL 100 DAY WHERE match_id = ${q(old.match.id)}`);
    mariadb(`UPDATE requests SET status = 'completed', closed_at = NOW(3) - INTERVAL 95 DAY WHERE id = ${q(old.request.id)}`);

    const res = ctl(['purge', '--days', '90']);
    assert.equal(res.status, 0, res.stderr);
    assert.match(res.stdout, /purge: \d+ check-in notes/);
    assert.match(res.stdout, /purge: \d+ coordinator notes of closed requests/);
    assert.deepEqual(mariadb(`SELECT answer, note_ct IS NULL FROM checkins WHERE match_id = ${q(old.match.id)}`),
      [['could_be_better', '1']], 'the old note is gone, the answer stays');
    assert.deepEqual(mariadb(`SELECT answer, note_ct IS NULL FROM checkins WHERE match_id = ${q(recent.match.id)}`),
      [['could_be_better', '0']], 'a recent note stays');
    assert.deepEqual(mariadb(`SELECT note IS NULL, note_by IS NULL FROM checkin_state WHERE match_id = ${q(old.match.id)}`), [['1', '1']]);
    assert.deepEqual(mariadb(`SELECT note FROM checkin_state WHERE match_id = ${q(recent.match.id)}`), [['Volgende week bellen.']]);
    // Again: nothing left to purge of these, and no failure.
    const again = ctl(['purge', '--days', '90']);
    assert.equal(again.status, 0, again.stderr);
  });
});
