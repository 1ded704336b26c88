// admin.test.mjs — the "Directory, moderation and figures" table of API.md
// as the stories of the people who use it: a neighbour reports an abusive
// post, a moderator reads it in the reports list and blocks its author,
// whose session dies at once and whose posts vanish from every list, while
// an admin's unblocking later brings back only what was not hidden by
// hand; a moderator works through the queue of pending posts; an admin
// keeps the categories and the directory of local support, where anyone
// finds help near a postcode; the municipality reads its figures, exactly,
// as JSON and as CSV, with small cells suppressed; an admin reads in the
// audit log who read whose private message. And nobody without the role
// gets anywhere in /admin.
//
// Posts, matches and users that the story needs but no API of this handler
// makes are put in place with SQL as the database's administrator over the
// stack's socket (BURENHULP_VAR), and removed again afterwards. The figures
// are built in a day far in the past, so nothing else in the stack can
// touch them. Every answer is checked against docs/openapi.yaml (client.mjs).

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import {
  Client, BASE_URL, VAR, DEMO_POSTCODE, UNKNOWN_POSTCODE,
  newUser, asDemo, asAdmin, randomTag,
  assertStatus, assertProblem, assertFieldError,
} from './lib/client.mjs';

const NOBODY = 'AAAAAAAAAAAAAAAAAAAAAA';
// Far from Emmen and from every other test: Terschelling.
const FAR_PC4 = '8881';

// ---------------------------------------------------------------- SQL

function sql(text) {
  const r = spawnSync('mariadb', ['--no-defaults', `--socket=${join(VAR, 'run', 'mysqld.sock')}`,
    '-u', userInfo().username, '-N', '-B', 'burenhulp', '-e', text], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(r.status, 0, `mariadb: ${r.stderr || r.error}`);
  return r.stdout.split('\n').filter((l) => l.length).map((l) => l.split('\t'));
}
// Quotes a value we made ourselves (ids, tags, times, numbers).
const q = (s) => (s === null || s === undefined ? 'NULL' : `'${String(s).replace(/[^A-Za-z0-9_:. -]/g, '')}'`);
const newId = () => randomBytes(16).toString('base64url');

// What this file put in the database, removed in the end.
const made = { users: [], requests: [], offers: [], matches: [], messages: [], reports: [], categories: [] };

function cleanup() {
  const list = (a) => a.map(q).join(',');
  if (made.messages.length) sql(`DELETE FROM messages WHERE id IN (${list(made.messages)})`);
  if (made.matches.length) sql(`DELETE FROM messages WHERE match_id IN (${list(made.matches)});
    DELETE FROM matches WHERE id IN (${list(made.matches)})`);
  if (made.requests.length) sql(`DELETE FROM messages WHERE match_id IN (SELECT id FROM matches WHERE request_id IN (${list(made.requests)}));
    DELETE FROM matches WHERE request_id IN (${list(made.requests)});
    DELETE FROM reports WHERE target_id IN (${list(made.requests)});
    DELETE FROM requests WHERE id IN (${list(made.requests)})`);
  if (made.offers.length) sql(`DELETE FROM reports WHERE target_id IN (${list(made.offers)});
    DELETE FROM offers WHERE id IN (${list(made.offers)})`);
  if (made.reports.length) sql(`DELETE FROM reports WHERE id IN (${list(made.reports)})`);
  if (made.categories.length) sql(`DELETE FROM categories WHERE id IN (${list(made.categories)})`);
  if (made.users.length) sql(`DELETE FROM sessions WHERE user_id IN (${list(made.users)});
    DELETE FROM users WHERE id IN (${list(made.users)})`);
}

// A user that exists only in the database (cannot log in): for figures.
function sqlUser(roles = 'resident', pc4 = '7811') {
  const id = newId();
  sql(`INSERT INTO users (id, email_ct, email_bidx, display_name, pc4, roles, status, created_at, updated_at)
       VALUES (${q(id)}, X'00', UNHEX(SHA2(${q(id + '-bidx')}, 256)), ${q('Fixture ' + id.slice(0, 6))},
               ${q(pc4)}, ${q(roles)}, 'active', NOW(3), NOW(3))`);
  made.users.push(id);
  return id;
}

// A request straight into the table. created: 'YYYY-MM-DD HH:MM:SS' or null (now).
function sqlRequest({ owner, status = 'open', category = 'shopping', pc4 = '7811', created = null, title }) {
  const id = newId();
  const at = created ? q(created) : 'NOW(3)';
  sql(`INSERT INTO requests (id, owner_id, posted_as, title, description, category_id, pc4, lat, lon,
         status, created_at, updated_at, expires_at)
       SELECT ${q(id)}, ${q(owner)}, 'resident', ${q(title ?? 'Hulp gevraagd ' + id.slice(0, 6))},
         'Een beschrijving van wat er nodig is.', ${q(category)}, p.pc4, p.lat, p.lon,
         ${q(status)}, ${at}, ${at}, '9999-12-31 00:00:00' FROM postcodes p WHERE p.pc4 = ${q(pc4)}`);
  made.requests.push(id);
  return id;
}

function sqlOffer({ volunteer, status = 'active', pc4 = '7811', created = null, categories = ['shopping'] }) {
  const id = newId();
  const at = created ? q(created) : 'NOW(3)';
  sql(`INSERT INTO offers (id, volunteer_id, title, description, pc4, lat, lon, radius_km, status, created_at, updated_at)
       SELECT ${q(id)}, ${q(volunteer)}, ${q('Ik help graag ' + id.slice(0, 6))}, 'Boodschappen en vervoer.',
         p.pc4, p.lat, p.lon, 5, ${q(status)}, ${at}, ${at} FROM postcodes p WHERE p.pc4 = ${q(pc4)};
       INSERT INTO offer_categories (offer_id, category_id) VALUES
         ${categories.map((c) => `(${q(id)}, ${q(c)})`).join(', ')}`);
  made.offers.push(id);
  return id;
}

function sqlMatch({ request, volunteer, status, created, accepted = null, completed = null, hours = null }) {
  const id = newId();
  sql(`INSERT INTO matches (id, request_id, volunteer_id, initiated_by, status, hours, created_at,
         accepted_at, completed_at, updated_at)
       VALUES (${q(id)}, ${q(request)}, ${q(volunteer)}, 'volunteer', ${q(status)}, ${q(hours)},
         ${q(created)}, ${q(accepted)}, ${q(completed)}, ${q(created)})`);
  made.matches.push(id);
  return id;
}

const status = (table, id) => sql(`SELECT status FROM ${table} WHERE id = ${q(id)}`)[0]?.[0];

// Every page of GET path, as one list.
async function allPages(client, path, limit = 100) {
  const items = [];
  let cursor = null;
  for (let i = 0; i < 100; i++) {
    const sep = path.includes('?') ? '&' : '?';
    const res = await client.get(`${path}${sep}limit=${limit}${cursor ? '&cursor=' + encodeURIComponent(cursor) : ''}`);
    assertStatus(res, 200, path);
    items.push(...res.body.items);
    cursor = res.body.next_cursor;
    if (!cursor) return items;
  }
  throw new Error(`${path}: more than 100 pages`);
}

// A handler of another engineer may not be running in this stack: then the
// checks through it are skipped (and say so), the SQL checks still run.
async function answers(path) {
  const res = await new Client().get(path, { skipSpec: true });
  return res.status === 200;
}

let admin, moderator;
before(async () => {
  admin = await asAdmin();
  moderator = await asDemo('moderator');
});
after(() => cleanup());

// ------------------------------------------------------------- access

describe('nobody without the role gets anywhere in /admin', () => {
  const body = { action: 'dismiss' };
  const routes = [
    ['GET', '/admin/queue', 'moderator'],
    ['GET', '/admin/reports', 'moderator'],
    ['GET', '/admin/reports?status=resolved', 'moderator'],
    ['POST', `/admin/reports/${NOBODY}/resolve`, 'moderator'],
    ['GET', '/admin/stats', 'moderator'],
    ['GET', '/admin/stats?format=csv', 'moderator'],
    ['GET', '/admin/audit', 'admin'],
  ];
  const send = (c, [method, path]) => (method === 'GET' ? c.get(path) : c.post(path, body));

  it('anonymous callers get 401 on every /admin route', async () => {
    for (const r of routes) assertProblem(await send(new Client(), r), 401, 'unauthenticated');
  });

  for (const role of ['resident', 'caregiver', 'volunteer']) {
    it(`a ${role} gets 403 on every /admin route`, async () => {
      const c = await newUser([role]);
      for (const r of routes) assertProblem(await send(c, r), 403, 'forbidden');
    });
  }

  it('a professional gets 403 on every /admin route', async () => {
    const c = await asDemo('professional');
    for (const r of routes) assertProblem(await send(c, r), 403, 'forbidden');
  });

  it('a moderator moderates and reads figures but not the audit log; an admin does all', async () => {
    for (const r of routes) {
      const res = await send(moderator, r);
      if (r[2] === 'admin') assertProblem(res, 403, 'forbidden');
      else assertStatus(res, r[0] === 'POST' ? 404 : 200, `moderator ${r[0]} ${r[1]}`);
      assertStatus(await send(admin, r), r[0] === 'POST' ? 404 : 200, `admin ${r[0]} ${r[1]}`);
    }
  });

  it('categories and organisations are changed by admins only', async () => {
    const resident = await newUser(['resident']);
    const calls = [
      (c) => c.post('/categories', { id: 'x-' + randomTag(6), name_nl: 'X', name_en: 'X' }),
      (c) => c.patch('/categories/shopping', { sort_order: 10 }),
      (c) => c.delete('/categories/shopping'),
      (c) => c.post('/organisations', { name: 'X', description: 'X', categories: ['respite'], postcode: DEMO_POSTCODE }),
      (c) => c.patch('/organisations/demoOrgHumanitas000004', { name: 'X' }),
      (c) => c.delete('/organisations/demoOrgHumanitas000004'),
    ];
    for (const call of calls) {
      assertProblem(await call(new Client()), 401, 'unauthenticated');
      assertProblem(await call(resident), 403, 'forbidden');
      assertProblem(await call(moderator), 403, 'forbidden');
    }
  });

  it('unsafe calls need the CSRF token', async () => {
    assertProblem(await moderator.post(`/admin/reports/${NOBODY}/resolve`, body, { csrf: false }), 403, 'csrf_failed');
    assertProblem(await admin.delete('/categories/shopping', undefined, { csrf: false }), 403, 'csrf_failed');
  });
});

// ------------------------------------------------------------- least privilege

// SHOW GRANTS of a database user as {table: {PRIVILEGE: Set(columns) | '*'}}.
function grantsOf(user) {
  const out = {};
  for (const [line] of sql(`SHOW GRANTS FOR '${user}'@'localhost'`)) {
    const m = /^GRANT (.+) ON [`"]?([^`". ]+)[`"]?\.[`"]?([^`" ]+)[`"]? TO /.exec(line);
    if (!m || m[3] === '*') continue;
    const table = (out[m[3]] ??= {});
    let depth = 0, cur = '';
    const privs = [];
    for (const ch of m[1]) {
      if (ch === '(') depth++;
      if (ch === ')') depth--;
      if (ch === ',' && depth === 0) { privs.push(cur.trim()); cur = ''; } else cur += ch;
    }
    privs.push(cur.trim());
    for (const p of privs) {
      const pm = /^([A-Z ]+?)\s*(?:\((.*)\))?$/.exec(p);
      table[pm[1]] = pm[2] ? new Set(pm[2].split(',').map((c) => c.trim().replace(/[`"]/g, ''))) : '*';
    }
  }
  return out;
}

describe('least privilege: what bh_admin may read and change', () => {
  const g = () => grantsOf('bh_admin');

  it('no credentials, resets, mail or login attempts; nothing beyond the tables it needs', () => {
    const tables = Object.keys(g()).sort();
    for (const t of ['credentials', 'password_resets', 'login_attempts', 'offer_slots', 'schema_migrations'])
      assert.ok(!tables.includes(t), `no grant on ${t}`);
    // Of the mail queue only when a mail is due and its state (GET /health:
    // is mail stuck?), never to whom or what.
    const { outbox } = g();
    assert.deepEqual(Object.keys(outbox ?? {}), ['SELECT'], 'only SELECT on outbox');
    assert.deepEqual([...outbox.SELECT].sort(), ['due_at', 'state'], 'outbox: state and due_at only');
    assert.ok(sql("SHOW GRANTS FOR 'bh_admin'@'localhost'").every(([l]) => !/ALL PRIVILEGES|GRANT OPTION/.test(l)));
  });

  it("others' tables: status columns only; no e-mail, phone or private ciphertext", () => {
    const { users, requests, offers, matches, messages, sessions } = g();
    assert.deepEqual([...users.UPDATE].sort(), ['status', 'updated_at']);
    assert.deepEqual([...requests.UPDATE].sort(), ['moderation_decision', 'moderation_reason', 'status', 'updated_at']);
    assert.deepEqual([...offers.UPDATE].sort(), ['moderation_reason', 'status', 'updated_at']);
    for (const [name, t] of Object.entries({ users, requests, offers, matches }))
      for (const p of ['INSERT', 'DELETE']) assert.equal(t[p], undefined, `${p} on ${name}`);
    assert.equal(matches.UPDATE, undefined);
    assert.ok(users.SELECT instanceof Set && ![...users.SELECT].some((c) => /email_ct|email_bidx|phone/.test(c)), 'no e-mail or phone of users');
    assert.ok(requests.SELECT instanceof Set && ![...requests.SELECT].some((c) => c.endsWith('_ct')), 'no private part of requests');
    assert.ok(![...matches.SELECT].some((c) => c === 'thanks' || c === 'cancel_reason'));
    // The one private column: the body of a reported message, read for the
    // moderator (audited), and deleted by hide_target.
    assert.deepEqual([...messages.SELECT].sort(), ['body_ct', 'created_at', 'id', 'match_id', 'sender_id']);
    assert.equal(messages.DELETE, '*');
    // Sessions: lib's look-up, and DELETE to end a blocked user's sessions.
    assert.equal(sessions.DELETE, '*');
    assert.equal(sessions.INSERT, undefined);
    assert.deepEqual([...sessions.UPDATE], ['last_seen_at']);
  });
});

// ------------------------------------------------------------- categories

describe('categories: kept by admins, deactivated when in use', () => {
  it('an admin adds a category; it is listed in its order, a second with the same id is 409', async () => {
    const id = 'test-' + randomTag(8);
    const res = await admin.post('/categories', { id, name_nl: 'Voorlezen', name_en: 'Reading aloud', sort_order: 995 });
    assertStatus(res, 201);
    assert.deepEqual(res.body.category, { id, name_nl: 'Voorlezen', name_en: 'Reading aloud', sort_order: 995, active: true, needs_vog: false });
    const list = await new Client().get('/categories');
    assertStatus(list, 200);
    assert.ok(list.body.some((c) => c.id === id));
    const orders = list.body.map((c) => c.sort_order);
    assert.deepEqual(orders, [...orders].sort((a, b) => a - b), 'in sort_order');
    assertProblem(await admin.post('/categories', { id, name_nl: 'A', name_en: 'A' }), 409, 'conflict');
    assertStatus(await admin.delete(`/categories/${id}`), 204);
  });

  it('without sort_order a new category goes last', async () => {
    const id = 'test-' + randomTag(8);
    const res = await admin.post('/categories', { id, name_nl: 'Laatste', name_en: 'Last' });
    assertStatus(res, 201);
    const all = (await admin.get('/categories?all=1')).body;
    assert.equal(all.at(-1).id, id);
    assertStatus(await admin.delete(`/categories/${id}`), 204);
  });

  it('bad input is 422 naming the field', async () => {
    for (const bad of ['Shopping', '-lead', 'with space', 'a'.repeat(33), 'é']) {
      assertProblem(await admin.post('/categories', { id: bad, name_nl: 'X', name_en: 'X' }), 422, 'validation_failed', 'id');
    }
    assertProblem(await admin.post('/categories', { id: 'ok-' + randomTag(4), name_nl: '', name_en: 'X' }), 422, 'validation_failed', 'name_nl');
    assertProblem(await admin.post('/categories', { id: 'ok-' + randomTag(4), name_en: 'X' }), 422, 'validation_failed', 'name_nl', 'required');
    assertProblem(await admin.patch('/categories/shopping', { active: 'no' }), 422, 'validation_failed', 'active', 'wrong_type');
    assertProblem(await admin.patch('/categories/shopping', { sort_order: 1.5 }), 422, 'validation_failed', 'sort_order');
  });

  it('a deactivated category leaves the public list; admins still see it with ?all=1; it comes back', async () => {
    const id = 'test-' + randomTag(8);
    assertStatus(await admin.post('/categories', { id, name_nl: 'Tijdelijk', name_en: 'Temporary' }), 201);
    const off = await admin.patch(`/categories/${id}`, { active: false, name_en: 'Temporary (off)' });
    assertStatus(off, 200);
    assert.equal(off.body.category.active, false);
    assert.equal(off.body.category.name_en, 'Temporary (off)');
    assert.equal(off.body.category.name_nl, 'Tijdelijk', 'what is not sent is kept');
    assert.ok(!(await new Client().get('/categories')).body.some((c) => c.id === id));
    assert.ok(!(await new Client().get('/categories?all=1')).body.some((c) => c.id === id), 'not for anonymous callers');
    assert.ok(!(await moderator.get('/categories?all=1')).body.some((c) => c.id === id), 'not for moderators');
    const all = await admin.get('/categories?all=1');
    assert.equal(all.body.find((c) => c.id === id)?.active, false);
    assertStatus(await admin.patch(`/categories/${id}`, { active: true }), 200);
    assert.ok((await new Client().get('/categories')).body.some((c) => c.id === id));
    assertStatus(await admin.delete(`/categories/${id}`), 204);
  });

  it('a category in use by an organisation or a request cannot be deleted (409), only deactivated', async () => {
    const byOrg = 'test-' + randomTag(8);
    assertStatus(await admin.post('/categories', { id: byOrg, name_nl: 'In gebruik', name_en: 'In use' }), 201);
    const org = await admin.post('/organisations', {
      name: 'Testorganisatie ' + randomTag(4), description: 'Voor de test.', categories: [byOrg], postcode: DEMO_POSTCODE,
    });
    assertStatus(org, 201);
    assertProblem(await admin.delete(`/categories/${byOrg}`), 409, 'conflict');
    assertStatus(await admin.patch(`/categories/${byOrg}`, { active: false }), 200);
    assertStatus(await admin.delete(`/organisations/${org.body.organisation.id}`), 204);
    assertStatus(await admin.delete(`/categories/${byOrg}`), 204, 'free again once nothing uses it');

    const byRequest = 'test-' + randomTag(8);
    assertStatus(await admin.post('/categories', { id: byRequest, name_nl: 'Gevraagd', name_en: 'Asked' }), 201);
    const owner = sqlUser();
    sqlRequest({ owner, category: byRequest, status: 'completed' });
    assertProblem(await admin.delete(`/categories/${byRequest}`), 409, 'conflict');
    assertStatus(await admin.patch(`/categories/${byRequest}`, { active: false }), 200);
    made.categories.push(byRequest);
  });

  it('unknown categories are 404', async () => {
    assertProblem(await admin.patch('/categories/no-such-thing', { active: false }), 404, 'not_found');
    assertProblem(await admin.delete('/categories/no-such-thing'), 404, 'not_found');
    assertProblem(await admin.delete('/categories/NOT_A_SLUG'), 404, 'not_found');
  });
});

// ------------------------------------------------------------- directory

describe('the directory of local support', () => {
  it('the demo directory of Emmen holds at least 8 organisations, respite care among them', async () => {
    const all = await allPages(new Client(), '/organisations');
    const demo = all.filter((o) => o.id.startsWith('demoOrg'));
    assert.ok(demo.length >= 8, `${demo.length} demo organisations`);
    for (const o of demo) {
      assert.equal(o.area.municipality, 'Emmen');
      assert.ok(Number(o.area.pc4) >= 7811 && Number(o.area.pc4) <= 7891);
      if (o.website) assert.match(o.website, /^https:\/\/example\.org\//);
      if (o.email) assert.match(o.email, /example\.org$/);
    }
    assert.ok(demo.filter((o) => o.categories.includes('respite')).length >= 3, 'respite care');
    const names = all.map((o) => o.name);
    assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b, 'nl', { sensitivity: 'base' })), 'by name without near');
  });

  it('anyone searches near a postcode: nearest first, with distance_km, within the radius', async () => {
    const res = await new Client().get('/organisations?near=7891%20AB&radius_km=3&limit=100');
    assertStatus(res, 200);
    const items = res.body.items;
    assert.ok(items.length >= 1);
    assert.equal(items[0].distance_km, 0, 'Klazienaveen itself comes first');
    assert.ok(items.some((o) => o.id === 'demoOrgVervoer00000012' && o.distance_km === 0));
    const d = items.map((o) => o.distance_km);
    assert.deepEqual(d, [...d].sort((a, b) => a - b));
    assert.ok(d.every((x) => x <= 3), 'within 3 km');
    assert.ok(d.every((x) => Math.round(x * 10) / 10 === x), 'rounded to 0.1');
    const wide = await new Client().get('/organisations?near=7891&radius_km=100&limit=100');
    assert.ok(wide.body.items.length > items.length, 'a wider radius finds more');
  });

  it('near, by category and by words; pages follow one another without gaps or repeats', async () => {
    const respite = await allPages(new Client(), '/organisations?near=7811&category=respite', 2);
    assert.ok(respite.length >= 3);
    assert.ok(respite.every((o) => o.categories.includes('respite')));
    const one = (await new Client().get('/organisations?near=7811&category=respite&limit=100')).body.items;
    assert.deepEqual(respite.map((o) => o.id), one.map((o) => o.id));
    const byName = await allPages(new Client(), '/organisations', 3);
    assert.equal(new Set(byName.map((o) => o.id)).size, byName.length, 'no repeats');
    const words = (await new Client().get('/organisations?q=mantelzorg')).body.items;
    assert.ok(words.some((o) => o.id === 'demoOrgMantelzorgMak11'));
    assert.ok(words.every((o) => /mantelzorg/i.test(o.name + o.description)));
    const none = await new Client().get('/organisations?q=%25%25%25');
    assertStatus(none, 200);
    assert.equal(none.body.items.length, 0, 'LIKE wildcards are taken literally');
  });

  it('bad search input: 422 naming the parameter, 400 for a cursor that is not ours', async () => {
    const c = new Client();
    assertProblem(await c.get('/organisations?radius_km=5'), 422, 'validation_failed', 'radius_km');
    assertProblem(await c.get('/organisations?near=7811&radius_km=0'), 422, 'validation_failed', 'radius_km');
    assertProblem(await c.get('/organisations?near=7811&radius_km=abc'), 422, 'validation_failed', 'radius_km');
    assertProblem(await c.get(`/organisations?near=${UNKNOWN_POSTCODE}`), 422, undefined, 'near');
    assertProblem(await c.get('/organisations?near=12'), 422, 'validation_failed', 'near');
    assertProblem(await c.get('/organisations?category=nope'), 422, 'validation_failed', 'category', 'unknown');
    assertProblem(await c.get('/organisations?limit=0'), 422, 'validation_failed', 'limit');
    assertProblem(await c.get('/organisations?limit=101'), 422, 'validation_failed', 'limit');
    assertProblem(await c.get('/organisations?cursor=bm9wZQ'), 400, 'bad_request');
    const byName = await c.get('/organisations?limit=1');
    assertProblem(await c.get(`/organisations?near=7811&cursor=${byName.body.next_cursor}`), 400, 'bad_request');
  });

  it('an admin adds, changes and removes an organisation; each change is in the audit log', async () => {
    const name = 'Buurtkring Test ' + randomTag(6);
    const made = await admin.post('/organisations', {
      name, description: 'Een test.', categories: ['respite', 'company'], postcode: '7822 AB',
      website: 'https://example.org/buurtkring', phone: '0591 000 099', email: 'info@example.org',
    });
    assertStatus(made, 201);
    const org = made.body.organisation;
    assert.equal(org.name, name);
    assert.deepEqual(org.categories, ['company', 'respite']);
    assert.deepEqual(org.area, { pc4: '7822', place: 'Emmen', municipality: 'Emmen' });
    assert.equal(org.phone, '0591 000 099');
    const got = await new Client().get(`/organisations/${org.id}`);
    assertStatus(got, 200);
    assert.deepEqual(got.body.organisation, org);

    const changed = await admin.patch(`/organisations/${org.id}`, { phone: null, postcode: '7891', categories: ['transport'] });
    assertStatus(changed, 200);
    assert.equal(changed.body.organisation.phone, null, 'null clears');
    assert.equal(changed.body.organisation.website, 'https://example.org/buurtkring', 'absent keeps');
    assert.equal(changed.body.organisation.area.place, 'Klazienaveen');
    assert.deepEqual(changed.body.organisation.categories, ['transport']);
    const near = await new Client().get('/organisations?near=7891&radius_km=1');
    assert.ok(near.body.items.some((o) => o.id === org.id), 'found at its new place');

    assertStatus(await admin.delete(`/organisations/${org.id}`), 204);
    assertProblem(await new Client().get(`/organisations/${org.id}`), 404, 'not_found');
    assertProblem(await admin.delete(`/organisations/${org.id}`), 404, 'not_found');
    assertProblem(await admin.patch(`/organisations/${org.id}`, { name: 'x' }), 404, 'not_found');

    const log = await admin.get(`/admin/audit?target=${org.id}`);
    assert.deepEqual(log.body.items.map((e) => e.action), ['organisation.delete', 'organisation.update', 'organisation.create']);
    assert.ok(log.body.items.every((e) => e.actor_id === admin.user.id));
  });

  it('bad organisations are 422 naming each field', async () => {
    const ok = { name: 'X', description: 'Y', categories: ['respite'], postcode: DEMO_POSTCODE };
    assertProblem(await admin.post('/organisations', { ...ok, categories: ['nope'] }), 422, 'validation_failed', 'categories[0]', 'unknown');
    assertProblem(await admin.post('/organisations', { ...ok, categories: [] }), 422, 'validation_failed', 'categories');
    assertProblem(await admin.post('/organisations', { ...ok, postcode: UNKNOWN_POSTCODE }), 422, undefined, 'postcode');
    assertProblem(await admin.post('/organisations', { ...ok, website: 'javascript:alert(1)' }), 422, 'validation_failed', 'website', 'invalid');
    assertProblem(await admin.post('/organisations', { ...ok, phone: 'call me' }), 422, 'validation_failed', 'phone', 'invalid');
    assertProblem(await admin.post('/organisations', { ...ok, email: 'not-an-address' }), 422, 'validation_failed', 'email');
    assertProblem(await admin.post('/organisations', { ...ok, name: '' }), 422, 'validation_failed', 'name');
    assertProblem(await admin.post('/organisations', { description: 'Y' }), 422, 'validation_failed', 'name', 'required');
    assertProblem(await new Client().get('/organisations/not-an-id'), 404, 'not_found');
    assertProblem(await new Client().get(`/organisations/${NOBODY}`), 404, 'not_found');
  });
});

// ------------------------------------------------------------- reports

describe('reports: anyone logged in flags what they can see', () => {
  let reporter, owner, request;
  before(async () => {
    reporter = await newUser(['volunteer']);
    owner = sqlUser('resident');
    request = sqlRequest({ owner });
  });

  it('a volunteer reports an open request: 201 with the report, open', async () => {
    const res = await reporter.post('/reports', { target: { type: 'request', id: request }, reason: 'Dit lijkt op reclame.' });
    assertStatus(res, 201);
    const r = res.body.report;
    made.reports.push(r.id);
    assert.deepEqual(r.target, { type: 'request', id: request });
    assert.equal(r.reason, 'Dit lijkt op reclame.');
    assert.equal(r.status, 'open');
    assert.equal(r.resolution, null);
    assert.equal(r.reporter, undefined, 'the reporter is not told about people');
    const row = sql(`SELECT reporter_id, target_user_id FROM reports WHERE id = ${q(r.id)}`)[0];
    assert.deepEqual(row, [reporter.user.id, owner]);
  });

  it('what the caller cannot see cannot be reported: 404', async () => {
    const pending = sqlRequest({ owner, status: 'pending' });
    for (const target of [
      { type: 'request', id: NOBODY }, { type: 'offer', id: NOBODY }, { type: 'message', id: NOBODY },
      { type: 'user', id: NOBODY }, { type: 'request', id: pending }, { type: 'offer', id: request },
    ]) {
      assertProblem(await reporter.post('/reports', { target, reason: 'x' }), 404, 'not_found');
    }
  });

  it('a user can be reported, but not by themself', async () => {
    const res = await reporter.post('/reports', { target: { type: 'user', id: owner }, reason: 'Stuurt ongevraagd berichten.' });
    assertStatus(res, 201);
    made.reports.push(res.body.report.id);
    assertProblem(await reporter.post('/reports', { target: { type: 'user', id: reporter.user.id }, reason: 'x' }),
      422, 'validation_failed', 'target.id', 'not_allowed');
  });

  it('bad input is 422 naming the field; anonymous is 401', async () => {
    const t = { type: 'request', id: request };
    assertProblem(await reporter.post('/reports', { target: t, reason: '' }), 422, 'validation_failed', 'reason');
    assertProblem(await reporter.post('/reports', { target: t, reason: 'x'.repeat(1001) }), 422, 'validation_failed', 'reason', 'too_long');
    assertProblem(await reporter.post('/reports', { target: t }), 422, 'validation_failed', 'reason', 'required');
    assertProblem(await reporter.post('/reports', { target: { type: 'post', id: request }, reason: 'x' }), 422, 'validation_failed', 'target.type', 'not_allowed');
    assertProblem(await reporter.post('/reports', { target: { type: 'request', id: 'short' }, reason: 'x' }), 422, 'validation_failed', 'target.id');
    assertProblem(await reporter.post('/reports', { target: 'request', reason: 'x' }), 422, 'validation_failed', 'target', 'wrong_type');
    assertProblem(await new Client().post('/reports', { target: t, reason: 'x' }), 401, 'unauthenticated');
  });
});

describe('a report resolved by blocking: the session dies, the posts vanish, unblocking restores only what was not hidden by hand', () => {
  let offender, reporter, kept, hidden, offer, tag;
  const hasRequests = { v: false };
  const hasOffers = { v: false };
  before(async () => {
    hasRequests.v = await answers('/api/v1/requests');
    hasOffers.v = (await new Client().get('/offers', { skipSpec: true })).status === 401;
    offender = await newUser(['resident', 'volunteer']);
    reporter = await newUser(['resident']);
    tag = randomTag(8);
    kept = sqlRequest({ owner: offender.user.id, pc4: FAR_PC4, title: `Klusje ${tag}` });
    hidden = sqlRequest({ owner: offender.user.id, pc4: FAR_PC4, title: `Reclame ${tag}` });
    offer = sqlOffer({ volunteer: offender.user.id, pc4: FAR_PC4 });
  });

  const publicRequests = async () => (await new Client().get(`/requests?near=${FAR_PC4}&radius_km=1&limit=100`)).body.items.map((r) => r.id);
  const publicOffers = async () => (await reporter.get(`/offers?near=${FAR_PC4}&radius_km=1&limit=100`)).body.items.map((o) => o.id);

  it('before: the posts are public', async (t) => {
    if (!hasRequests.v) return t.skip('requests handler not running in this stack');
    const ids = await publicRequests();
    assert.ok(ids.includes(kept) && ids.includes(hidden));
    if (hasOffers.v) assert.ok((await publicOffers()).includes(offer));
  });

  it('a moderator hides one request by hand (hide_target): hidden, recorded with who and why', async () => {
    const rep = await reporter.post('/reports', { target: { type: 'request', id: hidden }, reason: 'Verkoopt iets.' });
    assertStatus(rep, 201);
    made.reports.push(rep.body.report.id);
    const listed = await allPages(moderator, '/admin/reports?status=open');
    const item = listed.find((r) => r.id === rep.body.report.id);
    assert.ok(item, 'in the open reports');
    assert.equal(item.content.type, 'request');
    assert.equal(item.content.title, `Reclame ${tag}`);
    assert.equal(item.content.status, 'open');
    assert.deepEqual(item.reporter, { id: reporter.user.id, display_name: reporter.user.display_name });
    assert.equal(item.target_user.id, offender.user.id);
    assert.equal(item.content.private, undefined, 'no private part');

    const res = await moderator.post(`/admin/reports/${rep.body.report.id}/resolve`, { action: 'hide_target', note: 'Commercieel aanbod.' });
    assertStatus(res, 200);
    assert.equal(res.body.report.status, 'resolved');
    assert.equal(res.body.report.resolution, 'hide_target');
    assert.equal(res.body.report.note, 'Commercieel aanbod.');
    assert.equal(res.body.report.resolved_by.id, moderator.user.id);
    assert.equal(status('requests', hidden), 'hidden');
    const acts = sql(`SELECT moderator_id, target_type, action, reason FROM moderation_actions
                      WHERE target_id IN (${q(hidden)}, ${q(rep.body.report.id)}) ORDER BY id`);
    assert.deepEqual(acts, [
      [moderator.user.id, 'request', 'hide', 'Commercieel aanbod.'],
      [moderator.user.id, 'report', 'hide_target', 'Commercieel aanbod.'],
    ]);
    if (hasRequests.v) assert.ok(!(await publicRequests()).includes(hidden));
  });

  it('another report is resolved by blocking the author: their session dies at once and their posts vanish', async () => {
    const rep = await reporter.post('/reports', { target: { type: 'request', id: kept }, reason: 'Scheldt mensen uit.' });
    assertStatus(rep, 201);
    made.reports.push(rep.body.report.id);
    const session = offender.clone('offender-session');
    assertStatus(await session.get('/session'), 200);

    const res = await moderator.post(`/admin/reports/${rep.body.report.id}/resolve`, { action: 'block_user', note: 'Herhaald grof.' });
    assertStatus(res, 200);
    assert.equal(res.body.report.resolution, 'block_user');
    assert.equal(res.body.report.target_user.status, 'blocked');

    assertProblem(await session.get('/session'), 401, 'unauthenticated');
    assert.equal(sql(`SELECT COUNT(*) FROM sessions WHERE user_id = ${q(offender.user.id)}`)[0][0], '0', 'no session left');
    const again = await new Client().login(offender.email, offender.password);
    assertStatus(again, [401, 403], 'a blocked user cannot log in');
    assert.equal(status('users', offender.user.id), 'blocked');
    assert.equal(status('requests', kept), 'open', 'the post keeps its own status');
    if (hasRequests.v) {
      const ids = await publicRequests();
      assert.ok(!ids.includes(kept) && !ids.includes(hidden), 'gone from the public list');
    }
    if (hasOffers.v) assert.ok(!(await publicOffers()).includes(offer), 'the offer is gone from the list too');

    assertProblem(await moderator.post(`/admin/reports/${rep.body.report.id}/resolve`, { action: 'dismiss' }), 409, 'conflict');
    const resolved = await allPages(moderator, '/admin/reports?status=resolved');
    assert.ok(resolved.some((r) => r.id === rep.body.report.id));
    assert.ok(!(await allPages(moderator, '/admin/reports')).some((r) => r.id === rep.body.report.id), 'no longer open');

    const log = (await admin.get(`/admin/audit?target=${offender.user.id}`)).body.items;
    const block = log.find((e) => e.action === 'user.block');
    assert.ok(block, 'user.block in the audit log');
    assert.equal(block.actor_id, moderator.user.id);
    assert.equal(block.detail, `report ${rep.body.report.id}`);
  });

  it('an admin unblocks: what was not hidden by hand comes back, the hidden request stays hidden', async () => {
    assertStatus(await admin.patch(`/users/${offender.user.id}`, { status: 'active' }), 200);
    assert.equal(status('requests', hidden), 'hidden');
    assert.equal(status('requests', kept), 'open');
    await offender.mustLogin(offender.email, offender.password);
    if (hasRequests.v) {
      const ids = await publicRequests();
      assert.ok(ids.includes(kept), 'back in the list');
      assert.ok(!ids.includes(hidden), 'still hidden');
    }
    if (hasOffers.v) assert.ok((await publicOffers()).includes(offer), 'the offer is back');
  });

  it('hide_target does not apply to a user, and an admin is not blocked from a report', async () => {
    const onUser = await reporter.post('/reports', { target: { type: 'user', id: offender.user.id }, reason: 'x' });
    made.reports.push(onUser.body.report.id);
    assertProblem(await moderator.post(`/admin/reports/${onUser.body.report.id}/resolve`, { action: 'hide_target' }),
      422, 'validation_failed', 'action', 'not_allowed');
    const onAdmin = await reporter.post('/reports', { target: { type: 'user', id: admin.user.id }, reason: 'x' });
    made.reports.push(onAdmin.body.report.id);
    assertProblem(await moderator.post(`/admin/reports/${onAdmin.body.report.id}/resolve`, { action: 'block_user' }),
      422, 'validation_failed', 'action', 'not_allowed');
    const dismissed = await moderator.post(`/admin/reports/${onAdmin.body.report.id}/resolve`, { action: 'dismiss' });
    assertStatus(dismissed, 200);
    assert.equal(dismissed.body.report.resolution, 'dismiss');
    assert.equal(status('users', admin.user.id), 'active');
  });

  it('resolving: unknown reports are 404, bad actions 422', async () => {
    assertProblem(await moderator.post(`/admin/reports/${NOBODY}/resolve`, { action: 'dismiss' }), 404, 'not_found');
    assertProblem(await moderator.post('/admin/reports/xyz/resolve', { action: 'dismiss' }), 404, 'not_found');
    assertProblem(await moderator.post(`/admin/reports/${NOBODY}/resolve`, { action: 'ban' }), 422, 'validation_failed', 'action', 'not_allowed');
    assertProblem(await moderator.post(`/admin/reports/${NOBODY}/resolve`, {}), 422, 'validation_failed', 'action', 'required');
    assertProblem(await moderator.get('/admin/reports?status=closed'), 422, 'validation_failed', 'status');
    assertProblem(await moderator.get('/admin/reports?cursor=abc'), 400, 'bad_request');
  });
});

describe('a reported message: only its parties report it; the moderator reads it, and that read is audited', () => {
  let requester, volunteer, stranger, match, message, body;
  before(async () => {
    requester = await newUser(['resident']);
    volunteer = await newUser(['volunteer']);
    stranger = await newUser(['volunteer']);
    const request = sqlRequest({ owner: requester.user.id, status: 'matched' });
    match = sqlMatch({ request, volunteer: volunteer.user.id, status: 'accepted',
      created: '2026-01-01 10:00:00', accepted: '2026-01-01 11:00:00' });
    body = `Je bent een oplichter ${randomTag(6)}`;
    const sent = await volunteer.post(`/matches/${match}/messages`, { body }, { skipSpec: true });
    if (sent.status === 201) {
      message = sent.body.message.id;
    } else {
      // The matches handler is not running here: a message whose body
      // cannot be opened still tests who may report it and the audit.
      message = newId();
      sql(`INSERT INTO messages (id, match_id, sender_id, body_ct, created_at)
           VALUES (${q(message)}, ${q(match)}, ${q(volunteer.user.id)}, X'0102', NOW(3))`);
      body = null;
    }
    made.messages.push(message);
  });

  it('someone outside the match gets 404; the other party reports it', async () => {
    assertProblem(await stranger.post('/reports', { target: { type: 'message', id: message }, reason: 'x' }), 404, 'not_found');
    const res = await requester.post('/reports', { target: { type: 'message', id: message }, reason: 'Beledigend bericht.' });
    assertStatus(res, 201);
    made.reports.push(res.body.report.id);
    assert.equal(sql(`SELECT target_user_id FROM reports WHERE id = ${q(res.body.report.id)}`)[0][0], volunteer.user.id);

    const listed = (await allPages(moderator, '/admin/reports')).find((r) => r.id === res.body.report.id);
    assert.equal(listed.content.type, 'message');
    assert.equal(listed.content.match_id, match);
    assert.equal(listed.content.sender.id, volunteer.user.id);
    assert.equal(listed.content.body, body, 'the body, decrypted for the moderator');

    const log = (await admin.get(`/admin/audit?target=${message}&actor=${moderator.user.id}`)).body.items;
    const read = log.find((e) => e.action === 'message.private_read');
    assert.ok(read, 'message.private_read in the audit log');
    assert.equal(read.target_type, 'message');
    assert.equal(read.detail, `report ${res.body.report.id}`);
    assert.deepEqual(read.actor, { id: moderator.user.id, display_name: moderator.user.display_name });

    const hide = await moderator.post(`/admin/reports/${res.body.report.id}/resolve`, { action: 'hide_target', note: 'Verwijderd.' });
    assertStatus(hide, 200);
    assert.equal(sql(`SELECT COUNT(*) FROM messages WHERE id = ${q(message)}`)[0][0], '0', 'the message is deleted');
    const gone = (await allPages(moderator, '/admin/reports?status=resolved')).find((r) => r.id === res.body.report.id);
    assert.equal(gone.content, null, 'nothing left to show');
  });
});

// ------------------------------------------------------------- queue

describe('the moderation queue: pending requests and offers, oldest first, public parts only', () => {
  let owner, volunteerId, items;
  before(() => {
    owner = sqlUser('resident');
    volunteerId = sqlUser('volunteer');
    const day = `19${String(randomInt(10, 99))}-0${randomInt(1, 9)}-1${randomInt(0, 9)}`;
    items = [
      { type: 'request', id: sqlRequest({ owner, status: 'pending', created: `${day} 08:00:00`, category: 'garden' }) },
      { type: 'offer', id: sqlOffer({ volunteer: volunteerId, status: 'pending', created: `${day} 09:00:00`, categories: ['pets', 'garden'] }) },
      { type: 'request', id: sqlRequest({ owner, status: 'pending', created: `${day} 10:00:00` }) },
    ];
    sqlRequest({ owner, status: 'open', created: `${day} 08:30:00` });
  });

  it('lists them in order across both kinds, a page at a time', async () => {
    // Small pages until all three are seen (they are among the oldest).
    const all = [];
    let cursor = null;
    for (let i = 0; i < 200 && !items.every((x) => all.some((a) => a.id === x.id)); i++) {
      const res = await moderator.get(`/admin/queue?limit=2${cursor ? '&cursor=' + encodeURIComponent(cursor) : ''}`);
      assertStatus(res, 200);
      all.push(...res.body.items);
      if (!(cursor = res.body.next_cursor)) break;
    }
    const times = all.map((i) => i.created_at);
    assert.deepEqual(times, [...times].sort(), 'oldest first');
    const mine = all.filter((i) => items.some((x) => x.id === i.id));
    assert.deepEqual(mine.map((i) => [i.type, i.id]), items.map((x) => [x.type, x.id]));
    assert.equal(new Set(all.map((i) => i.id)).size, all.length, 'no repeats across pages');
    const [req, off] = mine;
    assert.equal(req.category, 'garden');
    assert.equal(req.owner.id, owner);
    assert.equal(req.area.pc4, '7811');
    assert.ok(req.description.length > 0);
    assert.deepEqual(off.categories, ['garden', 'pets']);
    assert.equal(off.volunteer.id, volunteerId);
    for (const i of mine) {
      assert.deepEqual(Object.keys(i.owner ?? i.volunteer).sort(), ['display_name', 'id']);
      for (const k of ['private', 'address', 'phone', 'care_situation', 'email']) assert.equal(i[k], undefined, k);
    }
  });

  it("a blocked user's pending posts leave the queue", async () => {
    sql(`UPDATE users SET status = 'blocked' WHERE id = ${q(owner)}`);
    const all = await allPages(moderator, '/admin/queue');
    assert.ok(!all.some((i) => i.id === items[0].id || i.id === items[2].id));
    assert.ok(all.some((i) => i.id === items[1].id));
    sql(`UPDATE users SET status = 'active' WHERE id = ${q(owner)}`);
  });

  it('bad paging is 422 or 400', async () => {
    assertProblem(await moderator.get('/admin/queue?limit=0'), 422, 'validation_failed', 'limit');
    assertProblem(await moderator.get('/admin/queue?cursor=!!!'), 400, 'bad_request');
  });
});

// ------------------------------------------------------------- audit

describe('the audit log: newest first, by actor and target, a page at a time', () => {
  it('pages run newest first without gaps; filters hold', async () => {
    const tag = 'test-' + randomTag(8);
    assertStatus(await admin.post('/categories', { id: tag, name_nl: 'A', name_en: 'A' }), 201);
    assertStatus(await admin.patch(`/categories/${tag}`, { name_nl: 'B' }), 200);
    assertStatus(await admin.delete(`/categories/${tag}`), 204);
    const pages = await allPages(admin, `/admin/audit?target=${tag}`, 1);
    assert.deepEqual(pages.map((e) => e.action), ['category.delete', 'category.update', 'category.create']);
    const ids = pages.map((e) => Number(e.id));
    assert.deepEqual(ids, [...ids].sort((a, b) => b - a));
    assert.ok(pages.every((e) => e.actor_id === admin.user.id && e.target_type === 'category'));
    const byActor = (await admin.get(`/admin/audit?actor=${admin.user.id}&limit=5`)).body.items;
    assert.ok(byActor.length > 0 && byActor.every((e) => e.actor_id === admin.user.id));
  });

  it('bad filters are 422, a bad cursor 400', async () => {
    assertProblem(await admin.get('/admin/audit?actor=nobody'), 422, 'validation_failed', 'actor');
    assertProblem(await admin.get(`/admin/audit?target=${'x'.repeat(65)}`), 422, 'validation_failed', 'target');
    assertProblem(await admin.get('/admin/audit?limit=500'), 422, 'validation_failed', 'limit');
    assertProblem(await admin.get('/admin/audit?cursor=MQp4'), 400, 'bad_request');
  });
});

// ------------------------------------------------------------- figures

describe('the figures: exact for a known fixture, JSON and CSV, small cells suppressed', () => {
  // One day far in the past, its own for this run.
  const year = 1200 + randomInt(0, 700);
  const day = `${year}-0${randomInt(1, 9)}-1${randomInt(0, 8)}`;
  const next = (() => {
    const d = new Date(`${day}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + 1);
    return d.toISOString().slice(0, 10);
  })();
  const prev = (() => {
    const d = new Date(`${day}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() - 1);
    return d.toISOString().slice(0, 10);
  })();
  const at = (h, m = 0) => {
    const d = new Date(`${day}T00:00:00Z`);
    d.setUTCMinutes(h * 60 + m);
    return d.toISOString().replace('T', ' ').slice(0, 19);
  };

  before(() => {
    const R = Array.from({ length: 8 }, () => sqlUser('resident'));
    const V = Array.from({ length: 5 }, () => sqlUser('volunteer'));
    // q1..q5: shopping in 7811, completed; response after i h, acceptance after 2i h.
    const hours = ['1.50', '2.00', '1.00', '3.25', '0.75'];
    for (let i = 0; i < 5; i++) {
      const req = sqlRequest({ owner: R[i], status: 'completed', category: 'shopping', pc4: '7811', created: at(i) });
      sqlMatch({ request: req, volunteer: V[i], status: 'completed', created: at(i + i + 1),
        accepted: at(i + 2 * (i + 1)), completed: at(i + 2 * (i + 1) + 1), hours: hours[i] });
    }
    // q6: matched (V1), q7: open with a response (V2), q8: cancelled — in 7812.
    const q6 = sqlRequest({ owner: R[5], status: 'matched', category: 'shopping', pc4: '7812', created: at(5) });
    sqlMatch({ request: q6, volunteer: V[0], status: 'accepted', created: at(5 + 6), accepted: at(5 + 12) });
    const q7 = sqlRequest({ owner: R[6], status: 'open', category: 'shopping', pc4: '7812', created: at(6) });
    sqlMatch({ request: q7, volunteer: V[1], status: 'responded', created: at(6 + 7) });
    sqlRequest({ owner: R[7], status: 'cancelled', category: 'shopping', pc4: '7812', created: at(7) });
    // q9 expired, q10 pending (transport); q11 rejected (meals) — in 7811.
    sqlRequest({ owner: R[0], status: 'expired', category: 'transport', pc4: '7811', created: at(8) });
    sqlRequest({ owner: R[1], status: 'pending', category: 'transport', pc4: '7811', created: at(9) });
    sqlRequest({ owner: R[2], status: 'rejected', category: 'meals', pc4: '7811', created: at(10) });
    // Just outside the period on both sides: not counted.
    sqlRequest({ owner: R[0], status: 'open', created: at(0, -1) });
    sqlRequest({ owner: R[0], status: 'open', created: `${next} 00:00:00` });
  });

  // Since issue 15 every count and the hours are rounded to a multiple of 5
  // (rounding: 5; a positive number never shows as 0) and the match rate is
  // the rounded matched over the rounded approved, so that two periods a day
  // apart cannot single out one request: 11 posted show as 10, 9 approved
  // as 10, 6 matched as 5, 8.5 hours as 10. New too: requests_responded
  // (a response or an invitation: q1..q7), the period's own description
  // (days, granularity, municipality) and, checked in stats.test.mjs, the
  // period before and the series.
  const S = (v) => v;	// a figure shown
  const X = null;	// a figure suppressed
  const row = (f, supp) => ({ ...f, suppressed: supp.length > 0, suppressed_fields: supp });
  const expected = () => ({
    from: `${day}T00:00:00Z`,
    to: `${next}T00:00:00Z`,
    days: 1,
    caregiver_checks: null,	// issue 17: a count of checks taken, null below 5 (none in 1210)
    // Issue 18 (branch talent): no vacancies that day.
    vacancies: { vacancies_posted: 0, vacancy_responses: 0, suppressed: false, suppressed_fields: [], per_organisation: [] },
    granularity: 'day',
    municipality: 'Emmen',
    min_cell_size: 5,
    rounding: 5,
    ...row({
      requests_posted: S(10), requests_approved: S(10), requests_responded: S(5), requests_matched: S(5),
      requests_completed: S(5), requests_cancelled: X, requests_expired: X, active_residents: S(10),
      active_volunteers: S(5), volunteer_hours: 10, match_rate: 0.5, median_hours_to_first_response: 4,
      median_hours_to_match: 7,
    }, ['requests_cancelled', 'requests_expired']),
    per_category: [
      {
        category: 'shopping', name_nl: 'Boodschappen', name_en: 'Shopping',
        // approved: suppressed second, else 9 - 8 would give transport's 1.
        ...row({
          requests_posted: 10, requests_approved: X, requests_responded: 5, requests_matched: 5,
          requests_completed: 5, requests_cancelled: X, requests_expired: 0, active_residents: 10,
          active_volunteers: 5, volunteer_hours: 10, match_rate: null,
        }, ['requests_approved', 'requests_cancelled', 'match_rate']),
      },
      {
        category: 'transport', name_nl: 'Vervoer', name_en: 'Transport',
        ...row({
          requests_posted: X, requests_approved: X, requests_responded: 0, requests_matched: 0,
          requests_completed: 0, requests_cancelled: 0, requests_expired: X, active_residents: X,
          active_volunteers: 0, volunteer_hours: 0, match_rate: null,
        }, ['requests_posted', 'requests_approved', 'requests_expired', 'active_residents', 'match_rate']),
      },
      {
        category: 'meals', name_nl: 'Maaltijden', name_en: 'Meals',
        ...row({
          requests_posted: X, requests_approved: 0, requests_responded: 0, requests_matched: 0,
          requests_completed: 0, requests_cancelled: 0, requests_expired: 0, active_residents: X,
          active_volunteers: 0, volunteer_hours: 0, match_rate: null,
        }, ['requests_posted', 'active_residents']),
      },
    ],
    per_area: [
      {
        pc4: '7811', place: 'Emmen',
        // One small area (7812) alone would be the total minus this one:
        // each of its suppressed figures is suppressed here too.
        ...row({
          requests_posted: X, requests_approved: X, requests_responded: X, requests_matched: X,
          requests_completed: 5, requests_cancelled: 0, requests_expired: X, active_residents: X,
          active_volunteers: X, volunteer_hours: 10, match_rate: null,
        }, ['requests_posted', 'requests_approved', 'requests_responded', 'requests_matched',
          'requests_expired', 'active_residents', 'active_volunteers', 'match_rate']),
      },
      {
        pc4: '7812', place: 'Emmen',
        ...row({
          requests_posted: X, requests_approved: X, requests_responded: X, requests_matched: X,
          requests_completed: 0, requests_cancelled: X, requests_expired: 0, active_residents: X,
          active_volunteers: X, volunteer_hours: 0, match_rate: null,
        }, ['requests_posted', 'requests_approved', 'requests_responded', 'requests_matched',
          'requests_cancelled', 'active_residents', 'active_volunteers', 'match_rate']),
      },
    ],
  });
  // What other tests' data and the clock change: compared elsewhere.
  const stable = (b) => {
    const { municipalities, previous, series, ...rest } = b;
    assert.ok(Array.isArray(municipalities) && municipalities.includes('Emmen'));
    assert.ok(previous && series, 'the period before and the series come along');
    return rest;
  };

  // Key order does not matter; suppressed_fields' order does not either.
  const normal = (o) => JSON.parse(JSON.stringify(o, (k, v) => {
    if (k === 'suppressed_fields') return [...v].sort();
    if (v && typeof v === 'object' && !Array.isArray(v)) return Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)));
    return v;
  }));

  it('JSON: every figure exactly as the fixture says, small cells null and named', async () => {
    const res = await moderator.get(`/admin/stats?from=${day}&to=${day}`);
    assertStatus(res, 200);
    assert.deepEqual(normal(stable(res.body)), normal(expected()));
    const same = await admin.get(`/admin/stats?from=${day}T00:00:00Z&to=${next}T00:00:00%2B00:00`);
    assert.deepEqual(normal(stable(same.body)), normal(expected()), 'date-times give the same period');
    assert.ok(!JSON.stringify(res.body).includes('Fixture'), 'no names');
  });

  it('CSV: the same figures, a header row, RFC 4180, UTF-8 with a BOM', async () => {
    const res = await moderator.get(`/admin/stats?from=${day}&to=${day}&format=csv`);
    assertStatus(res, 200);
    assert.match(res.headers.get('content-type'), /^text\/csv; charset=utf-8$/i);
    assert.match(res.headers.get('content-disposition'), /^attachment; filename="burenhulp-figures-[0-9-]+-[0-9-]+\.csv"$/);
    // fetch's text() drops a byte order mark: look at the bytes themselves.
    const raw = await fetch(`${BASE_URL}/api/v1/admin/stats?from=${day}&to=${day}&format=csv`,
      { headers: { cookie: `bh_session=${moderator.sessionCookie}` } });
    const bytes = Buffer.from(await raw.arrayBuffer());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'byte order mark');
    const text = res.text.replace(/^\uFEFF/, '');
    assert.ok(text.endsWith('\r\n'));
    const lines = text.slice(0, -2).split('\r\n');
    const F = `${day}T00:00:00Z,${next}T00:00:00Z`;
    // The English CSV names categories in English (the Dutch one, lang=nl,
    // in Dutch: stats.test.mjs); rows for the period before and the series
    // follow the total (issue 15).
    const P = `${prev}T00:00:00Z,${day}T00:00:00Z`;
    assert.deepEqual(lines, [
      'scope,key,name,from,to,requests_posted,requests_approved,requests_responded,requests_matched,' +
        'requests_completed,requests_cancelled,requests_expired,match_rate,median_hours_to_first_response,' +
        'median_hours_to_match,volunteer_hours,active_volunteers,active_residents,vacancies_posted,' +
        'vacancy_responses,suppressed',
      `total,,Emmen,${F},10,10,5,5,5,,,0.500,4.0,7.0,10.00,5,10,0,0,true`,
      `previous,,Emmen,${P},,,0,0,0,0,0,,,,0.00,0,,,,true`,
      `day,${day},,${F},10,10,5,5,5,,,0.500,4.0,7.0,10.00,5,10,,,true`,
      `category,shopping,Shopping,${F},10,,5,5,5,,0,,,,10.00,5,10,,,true`,
      `category,transport,Transport,${F},,,0,0,0,0,,,,,0.00,0,,,,true`,
      `category,meals,Meals,${F},,0,0,0,0,0,0,,,,0.00,0,,,,true`,
      `area,7811,Emmen,${F},,,,,5,0,,,,,10.00,,,,,true`,
      `area,7812,Emmen,${F},,,,,0,,0,,,,0.00,,,,,true`,
    ]);
    for (const l of lines) assert.equal(l.split(',').length, 21, l);
  });

  it('a period with nothing in it: zeros, nothing suppressed; bad periods are 422', async () => {
    const empty = await moderator.get(`/admin/stats?from=1100-01-01&to=1100-01-01`);
    assertStatus(empty, 200);
    assert.equal(empty.body.requests_posted, 0);
    assert.equal(empty.body.match_rate, null);
    assert.equal(empty.body.suppressed, false);
    assert.deepEqual(empty.body.per_category, []);
    const dflt = await moderator.get('/admin/stats');
    assertStatus(dflt, 200);
    const span = Date.parse(dflt.body.to) - Date.parse(dflt.body.from);
    assert.ok(span >= 365 * 86400e3 && span <= 366 * 86400e3, 'default: the last 12 months');
    assertProblem(await moderator.get(`/admin/stats?from=${next}&to=${day}`), 422, 'validation_failed', 'to');
    assertProblem(await moderator.get('/admin/stats?from=yesterday'), 422, 'validation_failed', 'from');
    assertProblem(await moderator.get('/admin/stats?to=2026-13-01'), 422, 'validation_failed', 'to');
    assertProblem(await moderator.get('/admin/stats?format=xlsx'), 422, 'validation_failed', 'format');
  });
});

// ------------------------------------------------------------- GDPR

describe('the reports a user made are theirs: in the export, and gone with the account once dealt with', () => {
  it('export lists them; erasure deletes the resolved ones and leaves open ones for the moderator', async () => {
    const user = await newUser(['resident']);
    const owner = sqlUser('resident');
    const request = sqlRequest({ owner });
    const first = await user.post('/reports', { target: { type: 'request', id: request }, reason: 'Eerste melding.' });
    const second = await user.post('/reports', { target: { type: 'user', id: owner }, reason: 'Tweede melding.' });
    assertStatus(first, 201);
    assertStatus(second, 201);
    made.reports.push(first.body.report.id, second.body.report.id);
    assertStatus(await moderator.post(`/admin/reports/${first.body.report.id}/resolve`, { action: 'dismiss' }), 200);

    const exp = await user.get('/me/export');
    assertStatus(exp, 200);
    const reports = exp.body.reports;
    assert.deepEqual(reports.map((x) => [x.id, x.status, x.reason]), [
      [first.body.report.id, 'resolved', 'Eerste melding.'],
      [second.body.report.id, 'open', 'Tweede melding.'],
    ]);
    assert.deepEqual(reports[1].target, { type: 'user', id: owner });
    assert.equal(reports[0].note, undefined, "the moderator's note is not the reporter's");

    assertStatus(await user.delete('/me', { password: user.password }), 204);
    const left = sql(`SELECT id, status FROM reports WHERE id IN (${q(first.body.report.id)}, ${q(second.body.report.id)})`);
    assert.deepEqual(left, [[second.body.report.id, 'open']]);
    const listed = (await allPages(moderator, '/admin/reports')).find((x) => x.id === second.body.report.id);
    assert.equal(listed.reporter.display_name, 'Verwijderd', 'shown under the anonymous name');
  });
});
