// caseload.test.mjs — the desk (issue 18 part 4), by role.
//
// A professional of the WMO desk takes a request by telephone for a client
// without internet: consent is recorded as given by telephone, the
// client's phone number (to call back) is sealed like any private phone.
// The professional's caseload lists what they posted for whom, with the
// next step of each, what needs doing first first; the step moves as the
// request does (posted → response → accepted → help given → completed),
// and a request left without response calls for a phone call. The letter
// (print view) of an accepted match tells the client who comes, when, what
// for and how to reach the desk; only the professional who posted it may
// open it. Nobody else reads a caseload: residents, caregivers,
// volunteers, moderators 403; another professional sees only their own.
//
// Needs the stack in pre-moderation with the demo data, and BURENHULP_VAR
// for the database checks (the sealed phone, ageing a request, EXPLAIN).

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  Client, DEMO_POSTCODE, newUser, asDemo, randomTag, assertStatus, assertProblem, assertFieldError,
} from './lib/client.mjs';
import { mariadb, handlerStatements, bind, explain, assertIndexed } from './lib/explain.mjs';

const q = (s) => `'${String(s).replace(/[^A-Za-z0-9_-]/g, '')}'`;	// ids only

let admin, moderator, pro, pro2, proId;

async function professional(name) {
  const c = await newUser(['resident'], {}, name);
  const me = await c.get('/me');
  assertStatus(await admin.patch(`/users/${me.body.user.id}`, { roles: ['professional'] }), 200, 'grant professional');
  c.id = me.body.user.id;
  return c;
}

function intake(tag, extra = {}) {
  return {
    title: `Boodschappen voor mevrouw ${tag}`,
    description: `Wie doet er eens per week boodschappen? ${tag}`,
    category: 'shopping',
    postcode: DEMO_POSTCODE,
    on_behalf_of: { first_name: 'Truus', consent: { how: 'telephone' } },
    private: { phone: '0591-612345' },
    ...extra,
  };
}

async function post(client, b) {
  const res = await client.post('/requests', b);
  assertStatus(res, 201, 'POST /requests');
  return res.body.request;
}

async function approve(id) {
  assertStatus(await moderator.post(`/requests/${id}/review`, { decision: 'approve' }), 200, 'approve');
}

// The caseload item of request id (walking every page), or undefined.
async function itemOf(client, id) {
  let cursor = null;
  do {
    const res = await client.get(`/me/caseload?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    assertStatus(res, 200, 'GET /me/caseload');
    const it = res.body.items.find((x) => x.id === id);
    if (it) return it;
    cursor = res.body.next_cursor;
  } while (cursor);
  return undefined;
}

async function stepOf(client, id) {
  return (await itemOf(client, id))?.next_step.code;
}

before(async () => {
  admin = await asDemo('admin');
  moderator = await asDemo('moderator');
  pro = await professional('desk-pro');
  proId = pro.id;
  pro2 = await professional('desk-pro2');
});

describe('the caseload is a professional\'s own', () => {
  it('residents, caregivers, volunteers, moderators and admins get 403; anonymous 401', async () => {
    for (const role of ['resident', 'caregiver', 'volunteer', 'moderator', 'admin']) {
      const c = role === 'moderator' ? moderator : role === 'admin' ? admin : await asDemo(role);
      assertProblem(await c.get('/me/caseload'), 403, 'forbidden');
    }
    assertProblem(await new Client('anon').get('/me/caseload'), 401, 'unauthenticated');
    assertStatus(await pro.get('/me/caseload'), 200);
  });

  it('another professional does not see this caseload, and this one holds only what was posted for a client', async () => {
    const r = await post(pro, intake(randomTag(6)));
    const own = await post(pro, { ...intake(randomTag(6)), on_behalf_of: undefined, private: undefined });
    assert.ok(await itemOf(pro, r.id), 'on the caseload of who posted it');
    assert.equal(await itemOf(pro, own.id), undefined, 'a request for oneself is not a client\'s');
    assert.equal(await itemOf(pro2, r.id), undefined, 'not on a colleague\'s caseload');
    const page = await pro2.get('/me/caseload?limit=100');
    assert.ok(page.body.items.every((x) => x.id !== r.id));
  });

  it('an item names the client by first name only: no phone, address or care situation', async () => {
    const r = await post(pro, intake(randomTag(6), {
      private: { phone: '0591-998877', address: 'Hoofdstraat 9', care_situation: 'Slecht ter been' },
    }));
    const it = await itemOf(pro, r.id);
    assert.deepEqual(it.client, { first_name: 'Truus' });
    const text = JSON.stringify(it);
    for (const secret of ['0591-998877', 'Hoofdstraat', 'Slecht ter been'])
      assert.ok(!text.includes(secret), `${secret} in ${text}`);
    assert.equal(it.private, undefined);
  });
});

describe('telephone intake', () => {
  it('consent is recorded as given by telephone, and the number to call back is sealed at rest', async () => {
    const r = await post(pro, intake(randomTag(6), { private: { phone: '0591-554433' } }));
    assert.equal(r.on_behalf_of.consent.how, 'telephone');
    assert.equal(r.on_behalf_of.consent.recorded_by.id, proId);
    assert.equal(r.private.phone, '0591-554433');
    const row = mariadb(`SELECT INSTR(phone_ct, '554433'), consent_how FROM requests WHERE id = ${q(r.id)}`);
    assert.deepEqual(row, [['0', 'telephone']], 'the phone is not in the row as text');
    const it = await itemOf(pro, r.id);
    assert.equal(it.consent.how, 'telephone');
    assert.equal(it.consent.revoked, false);
  });

  it('an unknown way of consent is still 422 on on_behalf_of.consent.how', async () => {
    const res = await pro.post('/requests', intake('x', { on_behalf_of: { first_name: 'Truus', consent: { how: 'fax' } } }));
    assertProblem(res, 422, 'validation_failed');
    assert.ok(res.body.errors.some((e) => e.field === 'on_behalf_of.consent.how'), JSON.stringify(res.body));
  });
});

describe('the next step moves with the request', () => {
  let r, volunteer, other, match;

  before(async () => {
    volunteer = await newUser(['volunteer'], { display_name: 'Henk de Vries' }, 'desk-volunteer');
    other = await newUser(['volunteer'], {}, 'desk-volunteer2');
    r = await post(pro, intake(randomTag(6), { when: { start: '2027-03-01T10:00:00Z', end: '2027-03-01T12:00:00Z' }, recurrence: 'weekly' }));
  });

  it('posted: waiting for a moderator; approved: waiting for responses', async () => {
    assert.equal(await stepOf(pro, r.id), 'await_review');
    await approve(r.id);
    const it = await itemOf(pro, r.id);
    assert.equal(it.next_step.code, 'await_responses');
    assert.equal(it.status, 'open');
    assert.equal(it.responses_waiting, 0);
  });

  it('a volunteer responds: review the response, and it comes before requests that wait', async () => {
    const waiting = await post(pro, intake(randomTag(6)));
    await approve(waiting.id);
    const res = await volunteer.post('/matches', { request_id: r.id, message: 'Ik kan op maandag.' });
    assertStatus(res, 201);
    match = res.body.match;
    const it = await itemOf(pro, r.id);
    assert.equal(it.next_step.code, 'review_response');
    assert.equal(it.responses_waiting, 1);
    const list = (await pro.get('/me/caseload?limit=100')).body.items.map((x) => x.id);
    assert.ok(list.indexOf(r.id) < list.indexOf(waiting.id), 'what needs doing comes first');
  });

  it('the letter cannot be opened before a match is accepted (409)', async () => {
    assertProblem(await pro.get(`/requests/${r.id}/letter`), 409, 'conflict');
  });

  it('accepted: pass the appointment on to the client; the letter says who comes, when, what for, and how to reach the desk', async () => {
    assertStatus(await pro.post(`/matches/${match.id}/accept`), 200);
    const it = await itemOf(pro, r.id);
    assert.equal(it.next_step.code, 'tell_client');
    assert.equal(it.match_id, match.id);
    assert.equal(it.status, 'matched');
    const res = await pro.get(`/requests/${r.id}/letter`);
    assertStatus(res, 200);
    const l = res.body.letter;
    assert.equal(l.volunteer.first_name, 'Henk', 'the first name only');
    assert.ok(!JSON.stringify(l).includes('Vries'), 'not the rest of the name');
    assert.equal(l.client.first_name, 'Truus');
    assert.equal(l.request.title, r.title);
    assert.deepEqual(l.request.when, { start: '2027-03-01T10:00:00Z', end: '2027-03-01T12:00:00Z' });
    assert.equal(l.request.recurrence, 'weekly');
    assert.equal(l.match.id, match.id);
    assert.ok(l.desk.name && l.desk.phone && l.desk.hours && l.desk.hours_en, JSON.stringify(l.desk));
    assert.ok(!JSON.stringify(l).includes('0591-612345'), 'the client\'s phone is not in the letter');
  });

  it('nobody else opens the letter: the volunteer, another professional, a resident, a moderator 404; anonymous 401', async () => {
    for (const c of [volunteer, other, pro2, await asDemo('resident'), moderator, admin])
      assertProblem(await c.get(`/requests/${r.id}/letter`), 404, 'not_found');
    assertProblem(await new Client('anon').get(`/requests/${r.id}/letter`), 401, 'unauthenticated');
    assertProblem(await pro.get('/requests/AAAAAAAAAAAAAAAAAAAAAA/letter'), 404, 'not_found');
  });

  it('the agreed time has passed: record the hours; completed: done, the letter still opens', async () => {
    mariadb(`UPDATE requests SET when_start = NOW() - INTERVAL 2 DAY, when_end = NOW() - INTERVAL 2 DAY + INTERVAL 2 HOUR WHERE id = ${q(r.id)}`);
    assert.equal(await stepOf(pro, r.id), 'record_hours');
    assertStatus(await pro.post(`/matches/${match.id}/complete`, { hours: 2 }), 200);
    const it = await itemOf(pro, r.id);
    assert.equal(it.next_step.code, 'done');
    assert.equal(it.status, 'completed');
    const l = await pro.get(`/requests/${r.id}/letter`);
    assertStatus(l, 200);
    assert.equal(l.body.letter.match.status, 'completed');
  });
});

describe('steps that need the desk to act, and the end of consent', () => {
  it('open for a week without a response: call the client', async () => {
    const r = await post(pro, intake(randomTag(6)));
    await approve(r.id);
    assert.equal(await stepOf(pro, r.id), 'await_responses');
    mariadb(`UPDATE requests SET created_at = created_at - INTERVAL 10 DAY WHERE id = ${q(r.id)}`);
    const it = await itemOf(pro, r.id);
    assert.equal(it.next_step.code, 'call_client');
    assert.ok(it.next_step.days_open >= 10, JSON.stringify(it.next_step));
  });

  it('rejected: revise it; expired: post it again', async () => {
    const a = await post(pro, intake(randomTag(6)));
    assertStatus(await moderator.post(`/requests/${a.id}/review`, { decision: 'reject', reason: 'Te vaag.' }), 200);
    assert.equal(await stepOf(pro, a.id), 'revise');
    const b = await post(pro, intake(randomTag(6)));
    await approve(b.id);
    mariadb(`UPDATE requests SET expires_at = NOW(3) - INTERVAL 1 MINUTE WHERE id = ${q(b.id)}`);
    const it = await itemOf(pro, b.id);
    assert.equal(it.next_step.code, 'repost');
    assert.equal(it.status, 'expired');
  });

  it('consent revoked: nothing left to do, the first name is gone, the letter is 409', async () => {
    const r = await post(pro, intake(randomTag(6)));
    await approve(r.id);
    const v = await newUser(['volunteer'], {}, 'desk-volunteer3');
    const m = (await v.post('/matches', { request_id: r.id, message: 'Graag.' })).body.match;
    assertStatus(await pro.post(`/matches/${m.id}/accept`), 200);
    assertStatus(await pro.get(`/requests/${r.id}/letter`), 200);
    assertStatus(await pro.post(`/requests/${r.id}/consent/revoke`, {}), 200);
    const it = await itemOf(pro, r.id);
    assert.equal(it.next_step.code, 'consent_revoked');
    assert.equal(it.client.first_name, null);
    assert.equal(it.consent.revoked, true);
    assertProblem(await pro.get(`/requests/${r.id}/letter`), 409, 'conflict');
  });
});

describe('filters and paging', () => {
  let fresh;

  before(async () => {
    fresh = await professional('desk-pro3');
    const a = await post(fresh, intake(randomTag(6)));
    const b = await post(fresh, intake(randomTag(6)));
    await approve(b.id);
    const c = await post(fresh, intake(randomTag(6)));
    await approve(c.id);
    await post(fresh, intake(randomTag(6)));
    void a;
  });

  it('next_step and status filter; unknown values are 422 naming the field', async () => {
    const waiting = await fresh.get('/me/caseload?next_step=await_review');
    assertStatus(waiting, 200);
    assert.equal(waiting.body.items.length, 2);
    assert.ok(waiting.body.items.every((x) => x.next_step.code === 'await_review'));
    const open = await fresh.get('/me/caseload?status=open');
    assert.equal(open.body.items.length, 2);
    assert.ok(open.body.items.every((x) => x.status === 'open'));
    assertFieldError(await fresh.get('/me/caseload?next_step=dance'), 'next_step', 'not_allowed');
    assertFieldError(await fresh.get('/me/caseload?status=lost'), 'status', 'not_allowed');
    assertFieldError(await fresh.get('/me/caseload?limit=0'), 'limit', 'out_of_range');
  });

  it('pages of one walk the whole caseload in order of what needs doing, each item once; a mangled cursor is 400', async () => {
    const all = (await fresh.get('/me/caseload?limit=100')).body.items;
    assert.equal(all.length, 4);
    const ranks = all.map((x) => x.next_step.rank);
    assert.deepEqual(ranks, [...ranks].sort((a, b) => a - b));
    const seen = [];
    let cursor = null;
    do {
      const res = await fresh.get(`/me/caseload?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      assertStatus(res, 200);
      seen.push(...res.body.items.map((x) => x.id));
      cursor = res.body.next_cursor;
    } while (cursor && seen.length < 10);
    assert.deepEqual(seen, all.map((x) => x.id));
    assertProblem(await fresh.get('/me/caseload?cursor=bm9wZQ'), 400, 'bad_request');
  });
});

describe('EXPLAIN: the caseload reads only the professional\'s own rows, on an index', () => {
  const tag = randomTag(6);
  const owner = `xc${tag}${'0'.repeat(14)}`;
  const others = `xd${tag}${'0'.repeat(14)}`;

  before(() => {
    // Blocked owners: none of the fixture is public while it exists.
    for (const [id, name] of [[owner, 'Caseload fixture'], [others, 'Caseload colleague fixture']])
      mariadb(`INSERT INTO users (id, email_ct, email_bidx, display_name, pc4, roles, status, created_at, updated_at)
        VALUES ('${id}', 'x', UNHEX(SHA2('${id}', 256)), '${name}', '7811', 'professional', 'blocked', NOW(3), NOW(3))`);
    // Many requests; the professional EXPLAINed has a tenth of them.
    mariadb(`INSERT INTO requests (id, owner_id, posted_as, title, description, category_id, pc4, lat, lon,
        status, response_count, created_at, updated_at, expires_at, on_behalf_of, consent_how)
      SELECT CONCAT('xc${tag}', LPAD(s.seq, 14, '0')), IF(s.seq % 10 = 0, '${owner}', '${others}'), 'professional',
        CONCAT('Hulp ', s.seq), 'Vaste tekst', 'shopping', '7811', 52.78, 6.9,
        ELT(1 + s.seq % 4, 'open', 'pending', 'matched', 'completed'), 0,
        NOW(3) - INTERVAL s.seq MINUTE, NOW(3), NOW(3) + INTERVAL 30 DAY, 'Truus', 'telephone'
      FROM seq_1_to_3000 s`);
    mariadb('ANALYZE TABLE requests, matches');
  });

  after(() => {
    mariadb(`DELETE FROM requests WHERE id LIKE 'xc${tag}%'`);
    mariadb(`DELETE FROM users WHERE id IN ('${owner}', '${others}')`);
  });

  it('requests on requests_owner, matches on matches_request', (t) => {
    const sql = handlerStatements('requests').STMT_CASELOAD;
    const plan = explain(bind(sql, [7, owner, null, null, 0, 0, '0', '0',
      '1970-01-01 00:00:00.000000', '1970-01-01 00:00:00.000000', '', 21]), t);
    assertIndexed(plan, { r: 'requests', m: 'matches' });
    const r = plan.find((p) => p.table === 'r');
    assert.equal(r.key, 'requests_owner');
    assert.ok(Number(r.rows) < 1000, `reads ${r.rows} rows of requests, not the table`);
  });
});
