// The caregiver's own check (issue 17, part 6; API.md "Caregiver check"):
// the Caregiver Strain Index (Robinson 1983), 13 yes/no answers, sealed,
// seen by its owner only, in the export and gone after erasure; the
// monthly reminder for those who ask for it, sent once a month by the mailer.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  Client, newUser, asDemo, assertStatus, assertProblem, assertFieldError,
} from './lib/client.mjs';
import { mariadb } from './lib/explain.mjs';

const yes = (n) => Array.from({ length: 13 }, (_, i) => i < n);

describe('caregiver check', () => {
  let carer;
  before(async () => { carer = await newUser(['caregiver'], {}, 'carer'); });

  it('a caregiver takes the check: 6 yes is low strain, 7 yes is high, with support near them', async () => {
    const low = await carer.post('/me/caregiver-check', { answers: yes(6) });
    assertStatus(low, 201);
    assert.equal(low.body.score, 6);
    assert.equal(low.body.level, 'low');
    assert.ok(Array.isArray(low.body.suggested_organisations));
    const high = await carer.post('/me/caregiver-check', { answers: yes(7) });
    assertStatus(high, 201);
    assert.equal(high.body.score, 7);
    assert.equal(high.body.level, 'high');
    for (const o of high.body.suggested_organisations)
      assert.ok(o.categories.some((c) => c === 'respite' || c === 'caregiver-support'), JSON.stringify(o));
  });

  it('GET /me/caregiver-check is the own history, newest first, with the answers', async () => {
    const res = await carer.get('/me/caregiver-check');
    assertStatus(res, 200);
    assert.equal(res.body.items.length, 2);
    assert.equal(res.body.items[0].score, 7);
    assert.deepEqual(res.body.items[0].answers, yes(7));
    assert.equal(res.body.items[1].level, 'low');
    const page = await carer.get('/me/caregiver-check?limit=1');
    assertStatus(page, 200);
    assert.equal(page.body.items.length, 1);
    assert.ok(page.body.next_cursor);
    const next = await carer.get(`/me/caregiver-check?limit=1&cursor=${encodeURIComponent(page.body.next_cursor)}`);
    assertStatus(next, 200);
    assert.equal(next.body.items[0].score, 6);
    assert.equal(next.body.next_cursor, null);
  });

  it('answers of the wrong length or type → 422 on answers', async () => {
    for (const answers of [yes(13).slice(0, 12), [...yes(3), false], 'yes', null,
      [...yes(12), 'ja'], [...yes(12), 1]]) {
      const res = await carer.post('/me/caregiver-check', { answers });
      assertProblem(res, 422, 'validation_failed');
      assert.ok(res.body.errors.some((e) => e.field.startsWith('answers')), JSON.stringify(res.body));
    }
    assertFieldError(await carer.post('/me/caregiver-check', {}), 'answers', 'invalid');
  });

  it('only a caregiver takes it: a volunteer gets 403; without a session 401', async () => {
    const vol = await newUser(['volunteer']);
    assertProblem(await vol.post('/me/caregiver-check', { answers: yes(1) }), 403, 'forbidden');
    assertProblem(await new Client().get('/me/caregiver-check'), 401, 'unauthenticated');
  });

  it('nobody else sees a check: not another user, a moderator or an admin, in no answer', async () => {
    const other = await newUser(['caregiver']);
    const mine = await carer.get('/me/caregiver-check');
    const ids = mine.body.items.map((i) => i.id);
    for (const c of [other, await asDemo('moderator'), await asDemo('admin')]) {
      const res = await c.get('/me/caregiver-check');
      assertStatus(res, 200);
      for (const i of res.body.items) assert.ok(!ids.includes(i.id));
      const exp = await c.get('/me/export');
      assertStatus(exp, 200);
      const text = JSON.stringify(exp.body);
      for (const id of ids) assert.ok(!text.includes(id), 'another export holds the check');
    }
    const admin = await asDemo('admin');
    const u = await admin.get(`/users/${carer.user.id}`);
    if (u.status === 200) {
      assert.ok(!JSON.stringify(u.body).includes('caregiver_check'));
      for (const id of ids) assert.ok(!JSON.stringify(u.body).includes(id));
    }
  });

  it('the checks are in the own export and gone after erasure', async () => {
    const c = await newUser(['caregiver']);
    assertStatus(await c.post('/me/caregiver-check', { answers: yes(9) }), 201);
    const exp = await c.get('/me/export');
    assertStatus(exp, 200);
    assert.equal(exp.body.caregiver_checks.length, 1);
    assert.equal(exp.body.caregiver_checks[0].score, 9);
    assert.deepEqual(exp.body.caregiver_checks[0].answers, yes(9));
    assertStatus(await c.delete('/me', { password: c.password }), 204);
    const { mariadb } = await import('./lib/explain.mjs');
    const left = mariadb(`SELECT COUNT(*) FROM caregiver_checks WHERE user_id = '${c.user.id}'`);
    assert.equal(String(left).trim(), '0');
  });

  it('the figures show only a count of checks taken, null below 5', async () => {
    const c = await newUser(['caregiver']);
    for (let i = 0; i < 5; i++) assertStatus(await c.post('/me/caregiver-check', { answers: yes(i) }), 201);
    const res = await (await asDemo('moderator')).get('/admin/stats');
    assertStatus(res, 200);
    assert.equal(typeof res.body.caregiver_checks, 'number');
    assert.ok(res.body.caregiver_checks >= 5);
    assert.ok(!/"(score|level|answers)"/.test(JSON.stringify(res.body)), 'no content of a check in the figures');
  });
});

// The monthly reminder (migration 096, mailer/caregiver_check.c). The mailer
// runs its jobs every BURENHULP_FOLLOWUPS_PERIOD_S (1 s under scripts/test);
// the test moves the dates back in the database instead of waiting a month.
describe('the monthly reminder of the own check', () => {
  const q = (s) => `'${String(s).replace(/[^A-Za-z0-9_-]/g, '')}'`;	// ids only
  const reminders = (id) => Number(mariadb(
    `SELECT COUNT(*) FROM notifications WHERE user_id = ${q(id)} AND kind = 'caregiver_check.reminder'`)[0][0]);
  // Waits until the mailer has run its jobs at least twice more (a marker
  // row of the VOG job would be slower to arrange): 3 periods of the fast pace.
  const settle = () => new Promise((r) => setTimeout(r, 3500));
  async function waitFor(fn, ms = 60_000) {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      if (fn()) return true;
      await new Promise((r) => setTimeout(r, 500));
    }
    return fn();
  }

  it('a caregiver opts in and out; a volunteer may not; it is in the export', async () => {
    const c = await newUser(['caregiver'], {}, 'reminder');
    const off = await c.get('/me/caregiver-check/reminder');
    assertStatus(off, 200);
    assert.deepEqual(off.body, { monthly: false, since: null, last_sent_at: null });
    const on = await c.put('/me/caregiver-check/reminder', { monthly: true });
    assertStatus(on, 200);
    assert.equal(on.body.monthly, true);
    assert.match(on.body.since, /^\d{4}-\d\d-\d\dT/);
    const again = await c.put('/me/caregiver-check/reminder', { monthly: true });
    assert.equal(again.body.since, on.body.since, 'asking again keeps the first date');
    assert.deepEqual((await c.get('/me/export')).body.caregiver_check_reminder, on.body);
    assertFieldError(await c.put('/me/caregiver-check/reminder', { monthly: 'yes' }), 'monthly');
    assertFieldError(await c.put('/me/caregiver-check/reminder', {}), 'monthly');
    assert.deepEqual((await c.put('/me/caregiver-check/reminder', { monthly: false })).body,
      { monthly: false, since: null, last_sent_at: null });
    const v = await newUser(['volunteer'], {}, 'reminder-vol');
    assertProblem(await v.put('/me/caregiver-check/reminder', { monthly: true }), 403, 'forbidden');
    assertProblem(await new Client().get('/me/caregiver-check/reminder'), 401, 'unauthenticated');
  });

  it('the mailer reminds once a month: once, not twice; not while a check was taken in the last month', async () => {
    const due = await newUser(['caregiver'], {}, 'reminder-due');
    const recent = await newUser(['caregiver'], {}, 'reminder-recent');
    const fresh = await newUser(['caregiver'], {}, 'reminder-fresh');
    const ids = {};
    for (const [k, c] of Object.entries({ due, recent, fresh })) {
      ids[k] = (await c.get('/me')).body.user.id;
      assertStatus(await c.put('/me/caregiver-check/reminder', { monthly: true }), 200);
    }
    // recent took a check 10 days ago, due one 40 days ago; fresh asked just now.
    assertStatus(await due.post('/me/caregiver-check', { answers: yes(3) }), 201);
    assertStatus(await recent.post('/me/caregiver-check', { answers: yes(9) }), 201);
    mariadb(`UPDATE caregiver_checks SET created_at = NOW(3) - INTERVAL 40 DAY WHERE user_id = ${q(ids.due)}`);
    mariadb(`UPDATE caregiver_checks SET created_at = NOW(3) - INTERVAL 10 DAY WHERE user_id = ${q(ids.recent)}`);
    mariadb(`UPDATE caregiver_check_reminders SET created_at = NOW(3) - INTERVAL 45 DAY WHERE user_id IN (${q(ids.due)}, ${q(ids.recent)})`);

    assert.ok(await waitFor(() => reminders(ids.due) >= 1), 'the due caregiver is reminded');
    await settle();
    assert.equal(reminders(ids.due), 1, 'once, not twice');
    assert.equal(reminders(ids.recent), 0, 'a check in the last month: no reminder');
    assert.equal(reminders(ids.fresh), 0, 'asked just now: the first reminder comes in a month');
    const n = await due.get('/me/notifications');
    assertStatus(n, 200);
    const item = n.body.items.find((i) => i.kind === 'caregiver_check.reminder');
    assert.equal(item.link, '/mantelzorgcheck.html');
    assert.match(item.title, /mantelzorgcheck/);
    const r = await due.get('/me/caregiver-check/reminder');
    assert.match(r.body.last_sent_at, /^\d{4}-\d\d-\d\dT/);

    // A month later it comes again, once; after opting out, never.
    mariadb(`UPDATE caregiver_check_reminders SET last_sent_at = last_sent_at - INTERVAL 32 DAY WHERE user_id = ${q(ids.due)}`);
    assert.ok(await waitFor(() => reminders(ids.due) >= 2), 'a month later: the next one');
    await settle();
    assert.equal(reminders(ids.due), 2);
    // Off: the wish is gone, so nothing is due again, whatever the dates.
    assertStatus(await due.put('/me/caregiver-check/reminder', { monthly: false }), 200);
    assert.deepEqual(mariadb(`SELECT COUNT(*) FROM caregiver_check_reminders WHERE user_id = ${q(ids.due)}`), [['0']]);
    await settle();
    assert.equal(reminders(ids.due), 2, 'off: no more');
  });

  it('erasure takes the wish with the account', async () => {
    const c = await newUser(['caregiver'], {}, 'reminder-erase');
    const id = (await c.get('/me')).body.user.id;
    assertStatus(await c.put('/me/caregiver-check/reminder', { monthly: true }), 200);
    assertStatus(await c.delete('/me', { password: c.password }), 204);
    assert.deepEqual(mariadb(`SELECT COUNT(*) FROM caregiver_check_reminders WHERE user_id = ${q(id)}`), [['0']]);
  });
});

// A double click or a retried request: the same answers again within a few
// seconds (CHECK_REPEAT_S, 10) are the same check, answered 200 with the
// first one; other answers, or the same ones later, are a new check (201).
describe('the own check is taken once per click', () => {
  const q = (s) => `'${String(s).replace(/[^A-Za-z0-9_-]/g, '')}'`;	// ids only
  const count = (id) => Number(mariadb(`SELECT COUNT(*) FROM caregiver_checks WHERE user_id = ${q(id)}`)[0][0]);

  it('the same answers twice in a row: 201, then 200 with the same check; one row', async () => {
    const c = await newUser(['caregiver'], {}, 'cg-twice');
    const id = (await c.get('/me')).body.user.id;
    const first = await c.post('/me/caregiver-check', { answers: yes(8) });
    assertStatus(first, 201);
    const second = await c.post('/me/caregiver-check', { answers: yes(8) });
    assertStatus(second, 200);
    assert.equal(second.body.id, first.body.id);
    assert.equal(second.body.score, 8);
    assert.equal(second.body.level, 'high');
    assert.ok(Array.isArray(second.body.suggested_organisations));
    assert.equal(count(id), 1);
  });

  it('two at once (a double click): one row', async () => {
    const c = await newUser(['caregiver'], {}, 'cg-double');
    const id = (await c.get('/me')).body.user.id;
    const [a, b] = await Promise.all([
      c.post('/me/caregiver-check', { answers: yes(4) }),
      c.post('/me/caregiver-check', { answers: yes(4) }),
    ]);
    assert.deepEqual([a.status, b.status].sort(), [200, 201]);
    assert.equal(a.body.id, b.body.id);
    assert.equal(count(id), 1);
  });

  it('other answers at once, or the same ones later, are a new check', async () => {
    const c = await newUser(['caregiver'], {}, 'cg-new');
    const id = (await c.get('/me')).body.user.id;
    assertStatus(await c.post('/me/caregiver-check', { answers: yes(2) }), 201);
    assertStatus(await c.post('/me/caregiver-check', { answers: yes(3) }), 201);
    assert.equal(count(id), 2);
    mariadb(`UPDATE caregiver_checks SET created_at = created_at - INTERVAL 1 MINUTE WHERE user_id = ${q(id)}`);
    assertStatus(await c.post('/me/caregiver-check', { answers: yes(3) }), 201);
    assert.equal(count(id), 3);
  });
});
