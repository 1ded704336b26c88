// vacancies.test.mjs — vacancies of organisations and the talents of the
// Talentenbank (issue 18 part 2, API.md "Organisations, vacancies and the
// circle around a person"), per role. A coordinator of A posts a vacancy
// for A (never for B), a moderator publishes it, anyone (also anonymous)
// finds it near a postcode, by talent, category and words; a hidden one is
// listed nowhere; a volunteer responds once (a second click gives the
// first back), the coordinators of A are notified and mailed, read the
// response and answer in a private conversation that nobody else reads —
// not the coordinator of B, not another volunteer, not a moderator.
// Every answer is checked against docs/openapi.yaml (client.mjs).

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  Client, DEMO_POSTCODE, UNKNOWN_POSTCODE, newUser, asDemo, asAdmin, randomTag,
  assertStatus, assertProblem, searchFiles, ctl,
} from './lib/client.mjs';
import { waitForMail } from './lib/mail.mjs';
import { mariadb } from './lib/explain.mjs';

const NOBODY = 'AAAAAAAAAAAAAAAAAAAAAA';

describe('vacancies', () => {
  let admin, moderator, coordA, coordA2, coordB, volunteer, volunteer2, resident, anon;
  let orgA, orgB, vacancy, response;
  const tag = randomTag(6).toLowerCase().replace(/[^a-z]/g, 'x');
  const words = `Tuinvrijwilliger${tag}`;

  async function makeOrg(name) {
    const res = await admin.post('/organisations', {
      name, description: 'Een organisatie ' + name, categories: ['respite'], postcode: DEMO_POSTCODE,
    });
    assertStatus(res, 201);
    return res.body.organisation;
  }

  async function grant(org, user) {
    assertStatus(await admin.post(`/organisations/${org.id}/coordinators`, { user_id: user.user.id }), 201);
  }

  function body(over = {}) {
    return {
      organisation_id: orgA.id, title: `${words} gezocht`,
      description: 'Wie helpt mee in de buurttuin? Een paar uur per maand.',
      talents: ['gardening', 'company'], categories: ['garden'], postcode: DEMO_POSTCODE,
      hours_per_month: 8, needs_vog: false, ...over,
    };
  }

  before(async () => {
    admin = await asAdmin();
    moderator = await asDemo('moderator');
    anon = new Client('anonymous');
    [coordA, coordA2, coordB, volunteer, volunteer2, resident] = await Promise.all([
      newUser(['volunteer']), newUser(['resident']), newUser(['volunteer']),
      newUser(['volunteer']), newUser(['volunteer']), newUser(['resident']),
    ]);
    orgA = await makeOrg('Tuingroep A ' + tag);
    orgB = await makeOrg('Buurthuis B ' + tag);
    await grant(orgA, coordA);
    await grant(orgA, coordA2);
    await grant(orgB, coordB);
  });

  after(async () => {
    for (const o of [orgA, orgB]) if (o) await admin.delete(`/organisations/${o.id}`);
  });

  it('GET /talents: anyone gets the list; only an admin adds, renames and deactivates', async () => {
    const list = await anon.get('/talents');
    assertStatus(list, 200);
    assert.ok(list.body.length >= 16, 'about sixteen talents are seeded');
    const cooking = list.body.find((t) => t.id === 'cooking');
    assert.deepEqual(cooking, { id: 'cooking', name_nl: 'Koken', name_en: 'Cooking' });

    const id = `t-${tag}`;
    const t = { id, name_nl: 'Breien', name_en: 'Knitting' };
    assertProblem(await anon.post('/talents', t), 401, 'unauthenticated');
    assertProblem(await moderator.post('/talents', t), 403, 'forbidden');
    assertProblem(await coordA.post('/talents', t), 403, 'forbidden');
    assertProblem(await admin.post('/talents', { ...t, id: 'Not A Slug' }), 422, 'validation_failed', 'id');
    const made = await admin.post('/talents', t);
    assertStatus(made, 201);
    assertProblem(await admin.post('/talents', t), 409, 'conflict');
    assert.ok((await anon.get('/talents')).body.some((x) => x.id === id));
    const renamed = await admin.patch(`/talents/${id}`, { name_nl: 'Breien en haken' });
    assertStatus(renamed, 200);
    assert.equal(renamed.body.talent.name_nl, 'Breien en haken');
    assertProblem(await moderator.patch(`/talents/${id}`, { active: false }), 403, 'forbidden');
    assertProblem(await admin.patch('/talents/nope-nope', { active: false }), 404, 'not_found');
    assertStatus(await admin.patch(`/talents/${id}`, { active: false }), 200);
    assert.ok(!(await anon.get('/talents')).body.some((x) => x.id === id), 'deactivated: offered no more');
    const all = await admin.get('/talents?all=1');
    assert.equal(all.body.find((x) => x.id === id).active, false, 'the admin still sees it');
    assert.ok(!(await anon.get('/talents?all=1')).body.some((x) => x.id === id), 'anyone else does not');
    // An inactive talent cannot be chosen.
    assertProblem(await volunteer.patch('/me', { talents: [id] }), 422, 'validation_failed', 'talents');
  });

  it('a volunteer records their talents (PATCH /me), GET /me returns them; unknown → 422; not a volunteer → 403', async () => {
    const set = await volunteer.patch('/me', { talents: ['gardening', 'cooking'] });
    assertStatus(set, 200);
    assert.deepEqual([...set.body.user.talents].sort(), ['cooking', 'gardening']);
    const me = await volunteer.get('/me');
    assert.deepEqual([...me.body.user.talents].sort(), ['cooking', 'gardening']);
    assertStatus(await volunteer.patch('/me', { talents: ['music'] }), 200);
    assert.deepEqual((await volunteer.get('/me')).body.user.talents, ['music'], 'the set is replaced');
    assertProblem(await volunteer.patch('/me', { talents: ['no-such-talent'] }), 422, 'validation_failed', 'talents');
    assertProblem(await volunteer.patch('/me', { talents: 'cooking' }), 422, 'validation_failed', 'talents');
    assert.deepEqual((await volunteer.get('/me')).body.user.talents, ['music'], 'a refused change changes nothing');
    assertProblem(await resident.patch('/me', { talents: ['cooking'] }), 403, 'forbidden');
    assert.deepEqual((await resident.get('/me')).body.user.talents, []);
  });

  it('only a coordinator of the organisation posts: 401, 403 for B\'s coordinator, a volunteer, a moderator and an admin, 404 unknown organisation, 422 per field', async () => {
    assertProblem(await anon.post('/vacancies', body()), 401, 'unauthenticated');
    assertProblem(await coordB.post('/vacancies', body()), 403, 'forbidden');
    assertProblem(await volunteer.post('/vacancies', body()), 403, 'forbidden');
    assertProblem(await moderator.post('/vacancies', body()), 403, 'forbidden');
    assertProblem(await admin.post('/vacancies', body()), 403, 'forbidden');
    assertProblem(await coordA.post('/vacancies', body({ organisation_id: NOBODY })), 404, 'not_found');
    assertProblem(await coordA.post('/vacancies', body({ title: '' })), 422, 'validation_failed', 'title');
    assertProblem(await coordA.post('/vacancies', body({ talents: ['no-such'] })), 422, 'validation_failed', 'talents');
    assertProblem(await coordA.post('/vacancies', body({ categories: ['no-such'] })), 422, 'validation_failed', 'categories');
    assertProblem(await coordA.post('/vacancies', body({ postcode: UNKNOWN_POSTCODE })), 422, 'unknown_postcode', 'postcode');
    assertProblem(await coordA.post('/vacancies', body({ postcode: '1011' })), 422, 'outside_service_area', 'postcode', 'outside_service_area');
    assertProblem(await coordA.post('/vacancies', body({ hours_per_month: 0 })), 422, 'validation_failed', 'hours_per_month');
    assertProblem(await coordA.post('/vacancies', body({ needs_vog: 'ja' })), 422, 'validation_failed', 'needs_vog');

    const res = await coordA.post('/vacancies', body());
    assertStatus(res, 201);
    vacancy = res.body.vacancy;
    assert.equal(vacancy.status, 'pending', 'waits for a moderator');
    assert.equal(vacancy.organisation.id, orgA.id);
    assert.deepEqual(vacancy.talents, ['company', 'gardening']);
    assert.equal(vacancy.hours_per_month, 8);
  });

  it('a pending vacancy is seen by its coordinators and moderators only, and listed nowhere until approved', async () => {
    assertProblem(await anon.get(`/vacancies/${vacancy.id}`), 404, 'not_found');
    assertProblem(await volunteer.get(`/vacancies/${vacancy.id}`), 404, 'not_found');
    assertProblem(await coordB.get(`/vacancies/${vacancy.id}`), 404, 'not_found');
    const own = await coordA2.get(`/vacancies/${vacancy.id}`);
    assertStatus(own, 200);
    assert.equal(own.body.coordinator, true);
    assertStatus(await moderator.get(`/vacancies/${vacancy.id}`), 200);
    const q = await anon.get(`/vacancies?q=${words}`);
    assert.equal(q.body.items.length, 0);
    // A vacancy that is not open takes no response.
    assertProblem(await volunteer.post(`/vacancies/${vacancy.id}/responses`, { message: 'Hoi' }), 404, 'not_found');

    // It waits in the moderators' queue, with its organisation.
    let queued = null;
    for (let cursor = null, i = 0; !queued && i < 50; i++) {
      const q = await moderator.get(`/admin/queue?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      assertStatus(q, 200);
      queued = q.body.items.find((x) => x.id === vacancy.id);
      cursor = q.body.next_cursor;
      if (!cursor) break;
    }
    assert.ok(queued, 'the pending vacancy is in the moderation queue');
    assert.equal(queued.type, 'vacancy');
    assert.equal(queued.organisation.id, orgA.id);
    assertProblem(await coordA.get('/admin/queue'), 403, 'forbidden');
    assertProblem(await coordA.post(`/vacancies/${vacancy.id}/review`, { decision: 'approve' }), 403, 'forbidden');
    assertProblem(await moderator.post(`/vacancies/${vacancy.id}/review`, { decision: 'hide' }), 422, 'validation_failed', 'reason');
    const ok = await moderator.post(`/vacancies/${vacancy.id}/review`, { decision: 'approve' });
    assertStatus(ok, 200);
    assert.equal(ok.body.vacancy.status, 'open');
    assertProblem(await moderator.post(`/vacancies/${vacancy.id}/review`, { decision: 'approve' }), 409, 'invalid_transition');
  });

  it('anyone finds open vacancies: near a postcode (nearest first, with distance), by talent, category and words', async () => {
    const near = await anon.get(`/vacancies?near=${encodeURIComponent(DEMO_POSTCODE)}&radius_km=10&q=${words}`);
    assertStatus(near, 200);
    assert.deepEqual(near.body.items.map((v) => v.id), [vacancy.id]);
    assert.equal(near.body.items[0].distance_km, 0);
    assert.equal(near.body.items[0].organisation.name, orgA.name);
    const talent = await anon.get(`/vacancies?near=7811&talent=gardening&q=${words}`);
    assert.deepEqual(talent.body.items.map((v) => v.id), [vacancy.id]);
    const otherTalent = await anon.get(`/vacancies?near=7811&talent=music&q=${words}`);
    assert.equal(otherTalent.body.items.length, 0, 'a talent the vacancy does not ask');
    const cat = await anon.get(`/vacancies?category=garden&q=${words}`);
    assert.deepEqual(cat.body.items.map((v) => v.id), [vacancy.id]);
    assert.equal((await anon.get(`/vacancies?category=shopping&q=${words}`)).body.items.length, 0);
    assertProblem(await anon.get('/vacancies?talent=nope'), 422, 'validation_failed', 'talent');
    assertProblem(await anon.get('/vacancies?category=nope'), 422, 'validation_failed', 'category');
    assertProblem(await anon.get(`/vacancies?near=${UNKNOWN_POSTCODE}`), 422, 'unknown_postcode', 'near');
    assertProblem(await anon.get('/vacancies?near=7811&radius_km=0'), 422, 'validation_failed', 'radius_km');
    assertProblem(await anon.get('/vacancies?cursor=bogus'), 400, 'bad_request');
    assertStatus(await anon.get(`/vacancies/${vacancy.id}`), 200);
  });

  it('paging near a postcode gives every vacancy once, nearest first', async () => {
    const ids = [vacancy.id];
    for (const pc of ['7812', '7813']) {
      const res = await coordA.post('/vacancies', body({ postcode: pc, title: `${words} ${pc}` }));
      assertStatus(res, 201);
      assertStatus(await moderator.post(`/vacancies/${res.body.vacancy.id}/review`, { decision: 'approve' }), 200);
      ids.push(res.body.vacancy.id);
    }
    const seen = [];
    let cursor = null;
    let last = -1;
    do {
      const res = await anon.get(`/vacancies?near=7811&radius_km=30&q=${words}&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      assertStatus(res, 200);
      for (const v of res.body.items) {
        assert.ok(v.distance_km >= last, 'nearest first');
        last = v.distance_km;
        seen.push(v.id);
      }
      cursor = res.body.next_cursor;
    } while (cursor);
    assert.deepEqual([...seen].sort(), [...ids].sort());
    // Close the two extra ones: a closed vacancy is not listed.
    for (const id of ids.slice(1)) {
      const c = await coordA2.post(`/vacancies/${id}/close`);
      assertStatus(c, 200);
      assert.equal(c.body.vacancy.status, 'closed');
      assertStatus(await coordA2.post(`/vacancies/${id}/close`), 200, 'closing twice does no harm');
    }
    const after = await anon.get(`/vacancies?near=7811&radius_km=30&q=${words}`);
    assert.deepEqual(after.body.items.map((v) => v.id), [vacancy.id]);
    assertProblem(await anon.get(`/vacancies/${ids[1]}`), 404, 'not_found');
  });

  it('a coordinator of B cannot edit, close or list A\'s vacancies; A\'s coordinators can', async () => {
    assertProblem(await coordB.patch(`/vacancies/${vacancy.id}`, { hours_per_month: 2 }), 403, 'forbidden');
    assertProblem(await coordB.post(`/vacancies/${vacancy.id}/close`), 403, 'forbidden');
    assertProblem(await volunteer.patch(`/vacancies/${vacancy.id}`, { hours_per_month: 2 }), 403, 'forbidden');
    assertProblem(await moderator.patch(`/vacancies/${vacancy.id}`, { hours_per_month: 2 }), 403, 'forbidden');
    assertProblem(await anon.patch(`/vacancies/${vacancy.id}`, { hours_per_month: 2 }), 401, 'unauthenticated');
    assertProblem(await coordB.get(`/organisations/${orgA.id}/vacancies`), 403, 'forbidden');
    assertProblem(await volunteer.get(`/organisations/${orgA.id}/vacancies`), 403, 'forbidden');
    assertProblem(await coordA.get(`/organisations/${NOBODY}/vacancies`), 404, 'not_found');

    const p = await coordA2.patch(`/vacancies/${vacancy.id}`, { hours_per_month: null, needs_vog: true, talents: ['gardening'] });
    assertStatus(p, 200);
    assert.equal(p.body.vacancy.hours_per_month, null);
    assert.equal(p.body.vacancy.needs_vog, true);
    assert.deepEqual(p.body.vacancy.talents, ['gardening']);
    assert.equal(p.body.vacancy.status, 'open', 'no new text: stays published');
    assertProblem(await coordA.patch(`/vacancies/${vacancy.id}`, { talents: ['nope'] }), 422, 'validation_failed', 'talents');
    const list = await coordA.get(`/organisations/${orgA.id}/vacancies`);
    assertStatus(list, 200);
    assert.equal(list.body.items.length, 3, 'every status, the closed ones too');
    const bList = await coordB.get(`/organisations/${orgB.id}/vacancies`);
    assert.equal(bList.body.items.length, 0);
  });

  it('a volunteer responds once; the coordinators are notified and mailed; a second click gives the first back', async () => {
    assertProblem(await anon.post(`/vacancies/${vacancy.id}/responses`, { message: 'Hoi' }), 401, 'unauthenticated');
    assertProblem(await resident.post(`/vacancies/${vacancy.id}/responses`, { message: 'Hoi' }), 403, 'forbidden');
    assertProblem(await coordA.post(`/vacancies/${vacancy.id}/responses`, { message: 'Hoi' }), 403, 'forbidden');
    assertProblem(await volunteer.post(`/vacancies/${vacancy.id}/responses`, { message: '' }), 422, 'validation_failed', 'message');
    assertProblem(await volunteer.post(`/vacancies/${NOBODY}/responses`, { message: 'Hoi' }), 404, 'not_found');
    const secret = `Ik woon om de hoek ${tag}, bel me op 0612345678`;
    const res = await volunteer.post(`/vacancies/${vacancy.id}/responses`, { message: secret });
    assertStatus(res, 201);
    response = res.body.response;
    assert.equal(response.message, secret);
    assert.equal(response.volunteer.id, volunteer.user.id);
    const again = await volunteer.post(`/vacancies/${vacancy.id}/responses`, { message: 'nog een keer' });
    assertStatus(again, 200);
    assert.equal(again.body.response.id, response.id);
    assert.equal(again.body.response.message, secret, 'the first stays as it was');

    for (const c of [coordA, coordA2]) {
      const n = await c.get('/me/notifications');
      const item = n.body.items.find((i) => i.kind === 'vacancy.response');
      assert.ok(item, 'each coordinator is notified');
      assert.ok(item.title.includes(vacancy.title));
      assert.ok(!item.title.includes(tag + ','), 'never the message');
      await waitForMail({ to: c.email, kind: 'vacancy.response' });
    }
    const nb = await coordB.get('/me/notifications');
    assert.ok(!nb.body.items.some((i) => i.kind === 'vacancy.response'), 'not B\'s coordinator');
    // The body is sealed: the plain text is nowhere in the database files or logs.
    assert.deepEqual((await searchFiles([`om de hoek ${tag}`])).hits, []);
  });

  it('the responses are read by A\'s coordinators only: not B\'s, not the volunteer, not a moderator', async () => {
    const list = await coordA2.get(`/vacancies/${vacancy.id}/responses`);
    assertStatus(list, 200);
    assert.deepEqual(list.body.items.map((x) => x.id), [response.id]);
    assert.ok(list.body.items[0].message.includes(tag));
    assertProblem(await coordB.get(`/vacancies/${vacancy.id}/responses`), 403, 'forbidden');
    assertProblem(await volunteer.get(`/vacancies/${vacancy.id}/responses`), 403, 'forbidden');
    assertProblem(await moderator.get(`/vacancies/${vacancy.id}/responses`), 403, 'forbidden');
    assertProblem(await admin.get(`/vacancies/${vacancy.id}/responses`), 403, 'forbidden');
    assertProblem(await anon.get(`/vacancies/${vacancy.id}/responses`), 401, 'unauthenticated');
  });

  it('the conversation is the volunteer\'s and the coordinators\': others 404, moderators 403', async () => {
    const reply = await coordA.post(`/vacancy-responses/${response.id}/messages`, { body: 'Welkom! Kom je zaterdag langs?' });
    assertStatus(reply, 201);
    assert.equal(reply.body.message.from_volunteer, false);
    const back = await volunteer.post(`/vacancy-responses/${response.id}/messages`, { body: 'Ja, graag.' });
    assertStatus(back, 201);
    assert.equal(back.body.message.from_volunteer, true);
    const mine = await volunteer.get(`/vacancy-responses/${response.id}/messages`);
    assertStatus(mine, 200);
    assert.equal(mine.body.items.length, 3);
    assert.ok(mine.body.items[0].body.includes(tag), 'the response is the first message');
    assert.deepEqual(mine.body.items.slice(1).map((m) => m.body), ['Welkom! Kom je zaterdag langs?', 'Ja, graag.']);
    const theirs = await coordA2.get(`/vacancy-responses/${response.id}/messages`);
    assert.equal(theirs.body.items.length, 3, 'every coordinator of A reads it');
    const n = await volunteer.get('/me/notifications');
    assert.ok(n.body.items.some((i) => i.kind === 'message.new' && i.link.includes(response.id)), 'the volunteer is told of the answer');

    for (const [who, status, code] of [[coordB, 404, 'not_found'], [volunteer2, 404, 'not_found'],
      [resident, 404, 'not_found'], [moderator, 403, 'forbidden'], [anon, 401, 'unauthenticated']]) {
      assertProblem(await who.get(`/vacancy-responses/${response.id}/messages`), status, code);
      assertProblem(await who.post(`/vacancy-responses/${response.id}/messages`, { body: 'Ik lees mee' }), status, code);
      assertProblem(await who.get(`/vacancy-responses/${response.id}`), status, code);
    }
    assertProblem(await volunteer.get(`/vacancy-responses/${NOBODY}/messages`), 404, 'not_found');
    const own = await volunteer.get('/me/vacancy-responses');
    assertStatus(own, 200);
    assert.deepEqual(own.body.items.map((x) => x.id), [response.id]);
    assert.equal((await volunteer2.get('/me/vacancy-responses')).body.items.length, 0);
  });

  it('burenhulpctl rotate-key --reseal reaches the conversations, and they still open', async () => {
    const out = ctl(['rotate-key', '--reseal']);
    assert.equal(out.status, 0, out.stderr);
    assert.match(out.stdout, / 0 could not be opened/, `${out.stdout}${out.stderr}`);
    const mine = await volunteer.get(`/vacancy-responses/${response.id}/messages`);
    assert.equal(mine.body.items.length, 3);
  });

  it('a hidden vacancy is listed nowhere and shown to no one but its coordinators and moderators, with the reason', async () => {
    const hide = await moderator.post(`/vacancies/${vacancy.id}/review`, { decision: 'hide', reason: 'Klopt niet.' });
    assertStatus(hide, 200);
    assert.equal(hide.body.vacancy.status, 'hidden');
    assert.equal((await anon.get(`/vacancies?q=${words}`)).body.items.length, 0);
    assert.equal((await anon.get(`/vacancies?near=7811&q=${words}`)).body.items.length, 0);
    assertProblem(await anon.get(`/vacancies/${vacancy.id}`), 404, 'not_found');
    assertProblem(await volunteer2.get(`/vacancies/${vacancy.id}`), 404, 'not_found');
    assertProblem(await coordB.get(`/vacancies/${vacancy.id}`), 404, 'not_found');
    assertProblem(await volunteer2.post(`/vacancies/${vacancy.id}/responses`, { message: 'Hoi' }), 404, 'not_found');
    const own = await coordA.get(`/vacancies/${vacancy.id}`);
    assertStatus(own, 200);
    assert.deepEqual(own.body.vacancy.moderation, { decision: 'hide', reason: 'Klopt niet.' });
    // A coordinator of B does not learn that it exists.
    assertProblem(await coordB.get(`/vacancies/${vacancy.id}/responses`), 404, 'not_found');
  });

  it('burenhulpctl purge: the conversation of a vacancy taken down longer ago than the retention goes; the response stays', async () => {
    mariadb(`UPDATE vacancies SET updated_at = NOW(3) - INTERVAL 200 DAY WHERE id = '${vacancy.id}'`);
    const out = ctl(['purge']);
    assert.equal(out.status, 0, out.stderr);
    assert.match(out.stdout, /purge: [1-9][0-9]* conversations about closed vacancies/, out.stdout);
    const list = await coordA.get(`/vacancies/${vacancy.id}/responses`);
    assert.deepEqual(list.body.items.map((x) => x.id), [response.id], 'the response is still counted');
    assert.equal(list.body.items[0].message, null, 'what was said is gone');
    assert.equal((await volunteer.get(`/vacancy-responses/${response.id}/messages`)).body.items.length, 0);
  });

  it('the volunteer\'s talents and responses are in their export, and gone after erasure', async () => {
    const v = await newUser(['volunteer']);
    assertStatus(await v.patch('/me', { talents: ['cooking'] }), 200);
    const open = await coordA.post('/vacancies', body({ title: `${words} export` }));
    assertStatus(await moderator.post(`/vacancies/${open.body.vacancy.id}/review`, { decision: 'approve' }), 200);
    const r = await v.post(`/vacancies/${open.body.vacancy.id}/responses`, { message: `Export ${tag}` });
    assertStatus(r, 201);
    const exp = await v.get('/me/export');
    assertStatus(exp, 200);
    assert.deepEqual(exp.body.talents, ['cooking']);
    assert.equal(exp.body.vacancy_responses.length, 1);
    assert.equal(exp.body.vacancy_responses[0].messages[0].body, `Export ${tag}`);
    assertStatus(await v.delete('/me', { password: v.password }), 204);
    const list = await coordA.get(`/vacancies/${open.body.vacancy.id}/responses`);
    assert.equal(list.body.items.length, 0, 'the response and its conversation are gone');
  });

  it('least privilege: the conversations are only the matches and accounts handlers\' (sealed); the offers handler holds no key and reads none of it', () => {
    const grants = (u) => mariadb(`SHOW GRANTS FOR '${u}'@'localhost'`).map(([g]) => g);
    const on = (u, table) => grants(u).filter((g) => new RegExp(`\`${table}\``).test(g));
    for (const t of ['vacancy_messages', 'vacancy_responses', 'user_talents'])
      assert.deepEqual(on('bh_offers', t), [], `bh_offers has nothing on ${t}`);
    for (const t of ['vacancy_messages', 'user_talents'])
      assert.deepEqual(on('bh_admin', t), [], `bh_admin has nothing on ${t}`);
    // The figures count responses per organisation (branch talent,
    // handlers/admin/stats_vacancies.c): three columns, no message, no write.
    const adminResponses = on('bh_admin', 'vacancy_responses');
    assert.equal(adminResponses.length, 1, adminResponses.join(' | '));
    for (const col of ['vacancy_id', 'volunteer_id', 'created_at'])
      assert.match(adminResponses[0], new RegExp(`\`${col}\``));
    assert.ok(on('bh_admin', 'vacancy_responses').every((g) => /^GRANT SELECT \(/.test(g) && !/INSERT|UPDATE|DELETE/.test(g)),
      'bh_admin reads only some columns of vacancy_responses, for the figures');
    assert.deepEqual(on('bh_requests', 'vacancy_messages'), []);
    assert.ok(on('bh_matches', 'vacancy_messages').every((g) => !/DELETE|UPDATE/.test(g)), 'matches writes messages, never rewrites them');
    assert.ok(on('bh_matches', 'vacancies').every((g) => /^GRANT SELECT \(/.test(g)), 'matches reads a few columns of vacancies, no more');
  });

  it('no 500 for anything a client sends: duplicates, wrong types, odd queries', async () => {
    assertProblem(await coordA.post('/vacancies', body({ talents: ['cooking', 'cooking'] })), 422, 'validation_failed', 'talents');
    assertProblem(await coordA.post('/vacancies', body({ categories: 'garden' })), 422, 'validation_failed', 'categories');
    assertProblem(await coordA.post('/vacancies', body({ hours_per_month: 'veel' })), 422, 'validation_failed', 'hours_per_month');
    assertProblem(await coordA.post('/vacancies', body({ organisation_id: 'nope' })), 422, 'validation_failed', 'organisation_id');
    assertProblem(await volunteer.patch('/me', { talents: ['cooking', 'cooking'] }), 422, 'validation_failed', 'talents');
    assertProblem(await anon.get('/vacancies?limit=abc'), 422, 'validation_failed', 'limit');
    assertProblem(await anon.get('/vacancies?radius_km=abc&near=7811'), 422, 'validation_failed', 'radius_km');
    assertProblem(await anon.get('/vacancies?q=a'), 422, 'validation_failed', 'q');
    assertProblem(await anon.get('/vacancies/not-an-id'), 404, 'not_found');
    assertProblem(await anon.get(`/vacancies/${NOBODY}`), 404, 'not_found');
    assertProblem(await coordA.get(`/organisations/${orgA.id}/vacancies?cursor=xyz`), 400, 'bad_request');
    assertProblem(await coordA.get(`/vacancies/${vacancy.id}/responses?limit=0`), 422, 'validation_failed', 'limit');
    assertProblem(await volunteer.get(`/vacancy-responses/${response.id}/messages?cursor=xyz`), 400, 'bad_request');
    assertProblem(await volunteer.post(`/vacancy-responses/${response.id}/messages`, { body: '' }), 422, 'validation_failed', 'body');
    assertProblem(await admin.post('/talents', { id: 'x', name_nl: '', name_en: 'X' }), 422, 'validation_failed', 'name_nl');
    assertStatus(await coordA.patch(`/vacancies/${vacancy.id}`, {}), 200, 'an empty PATCH changes nothing');
  });

  it('a coordinator\'s export holds the vacancies they posted and what they wrote; erasure keeps the vacancy and the volunteer\'s side only', async () => {
    const c2 = await newUser(['resident']);
    await grant(orgA, c2);
    const posted = await c2.post('/vacancies', body({ title: `${words} van c2` }));
    assertStatus(posted, 201);
    const vid = posted.body.vacancy.id;
    assertStatus(await moderator.post(`/vacancies/${vid}/review`, { decision: 'approve' }), 200);
    const r = await volunteer2.post(`/vacancies/${vid}/responses`, { message: `Vraag van v2 ${tag}` });
    assertStatus(r, 201);
    assertStatus(await c2.post(`/vacancy-responses/${r.body.response.id}/messages`, { body: `Antwoord van c2 ${tag}` }), 201);
    const exp = await c2.get('/me/export');
    assert.ok(exp.body.vacancies_posted.some((x) => x.id === vid));
    assert.deepEqual(exp.body.vacancy_messages_sent.map((m) => m.body), [`Antwoord van c2 ${tag}`]);
    assert.equal(exp.body.vacancy_responses.length, 0, 'a coordinator has no responses of their own');
    assertStatus(await c2.delete('/me', { password: c2.password }), 204);
    assertStatus(await anon.get(`/vacancies/${vid}`), 200, 'the vacancy is the organisation\'s and stays');
    const msgs = await volunteer2.get(`/vacancy-responses/${r.body.response.id}/messages`);
    assert.deepEqual(msgs.body.items.map((m) => m.body), [`Vraag van v2 ${tag}`], 'what the erased coordinator wrote is gone');
  });
});
