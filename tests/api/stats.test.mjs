// stats.test.mjs — the coordinator's figures (issue 15, "The coordinator's
// figures"), as a policy officer of the municipality reads them:
//
//  - two periods a minute apart are the same period: whole days, and the
//    answer says which days it counted;
//  - a day with one request in it cannot be singled out by asking for the
//    period with and without that day (rounding to 5, suppression);
//  - Amsterdam's requests are not in Emmen's figures; the municipality is
//    chosen with ?municipality=, and `municipality=` means all of them;
//  - one call holds the series of every figure and the period before;
//  - the CSV opens in Dutch Excel as it is (';', decimal commas, a BOM);
//  - the areas carry their place names, sorted by place;
//  - a change to a request shows in the figures at once (the triggers of
//    migration 070 keep the fact tables in the same transaction).
//
// The fixture lives in one month far in the past, its own for this run,
// made with SQL as the database's administrator (as admin.test.mjs does);
// every answer is checked against docs/openapi.yaml by client.mjs.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { BASE_URL, VAR, asDemo, assertStatus, assertProblem } from './lib/client.mjs';

function sql(text) {
  const r = spawnSync('mariadb', ['--no-defaults', `--socket=${join(VAR, 'run', 'mysqld.sock')}`,
    '-u', userInfo().username, '-N', '-B', 'burenhulp', '-e', text], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(r.status, 0, `mariadb: ${r.stderr || r.error}`);
  return r.stdout.split('\n').filter((l) => l.length).map((l) => l.split('\t'));
}
const q = (s) => (s === null || s === undefined ? 'NULL' : `'${String(s).replace(/[^A-Za-z0-9_:. -]/g, '')}'`);
const newId = () => randomBytes(16).toString('base64url');
const made = { users: [], requests: [] };

function sqlUser(pc4 = '7811') {
  const id = newId();
  sql(`INSERT INTO users (id, email_ct, email_bidx, display_name, pc4, roles, status, created_at, updated_at)
       VALUES (${q(id)}, X'00', UNHEX(SHA2(${q(id + '-bidx')}, 256)), ${q('Fixture ' + id.slice(0, 6))},
               ${q(pc4)}, 'resident', 'active', NOW(3), NOW(3))`);
  made.users.push(id);
  return id;
}

function sqlRequest({ owner, status = 'open', category = 'shopping', pc4 = '7811', created }) {
  const id = newId();
  sql(`INSERT INTO requests (id, owner_id, posted_as, title, description, category_id, pc4, lat, lon,
         status, created_at, updated_at, expires_at)
       SELECT ${q(id)}, ${q(owner)}, 'resident', 'Hulp gevraagd', 'Een beschrijving van wat er nodig is.',
         ${q(category)}, p.pc4, p.lat, p.lon, ${q(status)}, ${q(created)}, ${q(created)},
         '9999-12-31 00:00:00' FROM postcodes p WHERE p.pc4 = ${q(pc4)}`);
  made.requests.push(id);
  return id;
}

// One month of its own: D(n) is day n of it.
const year = 1200 + randomInt(0, 700);
const month = `0${randomInt(1, 9)}`;
const D = (n) => `${year}-${month}-${String(n).padStart(2, '0')}`;
const lastDay = new Date(Date.UTC(year, Number(month), 0)).getUTCDate();

let moderator;
const day10 = [];
before(async () => {
  moderator = await asDemo('moderator');
  // Day 8: six residents (the period before a [10, 12) window).
  for (let i = 0; i < 6; i++)
    sqlRequest({ owner: sqlUser(), created: `${D(8)} 09:00:00` });
  // Day 10: fifteen residents ask for shopping in 7811.
  for (let i = 0; i < 15; i++)
    day10.push(sqlRequest({ owner: sqlUser(), created: `${D(10)} ${String(8 + (i % 10)).padStart(2, '0')}:00:00` }));
  // Day 11: one resident, pets in 7812, later cancelled: the request to single out.
  sqlRequest({ owner: sqlUser('7812'), status: 'cancelled', category: 'pets', pc4: '7812', created: `${D(11)} 12:00:00` });
  // Day 12: five residents of Amsterdam.
  for (let i = 0; i < 5; i++)
    sqlRequest({ owner: sqlUser('1011'), pc4: '1011', created: `${D(12)} 10:00:00` });
});

after(() => {
  const list = (a) => a.map(q).join(',');
  if (made.requests.length) sql(`DELETE FROM requests WHERE id IN (${list(made.requests)})`);
  if (made.users.length) sql(`DELETE FROM users WHERE id IN (${list(made.users)})`);
});

const FIGURES = ['requests_posted', 'requests_approved', 'requests_responded', 'requests_matched',
  'requests_completed', 'requests_cancelled', 'requests_expired', 'active_residents',
  'active_volunteers', 'volunteer_hours', 'match_rate', 'median_hours_to_first_response',
  'median_hours_to_match'];

async function stats(query) {
  const res = await moderator.get(`/admin/stats?${query}`);
  assertStatus(res, 200, query);
  return res.body;
}

describe('the coordinator\'s figures (issue 15)', () => {
  it('two periods a minute apart are the same whole days, and the answer says which', async () => {
    const a = await stats(`from=${D(10)}T00:00:00Z&to=${D(10)}T23:59:00Z`);
    const b = await stats(`from=${D(10)}T00:01:00Z&to=${D(11)}T00:00:00Z`);
    assert.equal(a.from, `${D(10)}T00:00:00Z`);
    assert.equal(a.to, `${D(11)}T00:00:00Z`);
    assert.equal(a.granularity, 'day');
    assert.equal(a.days, 1);
    assert.deepEqual({ ...a, municipalities: null }, { ...b, municipalities: null });
    assert.equal(a.requests_posted, 15);
  });

  it('a day with one request in it cannot be singled out by differencing two periods', async () => {
    const without = await stats(`from=${D(10)}&to=${D(10)}`);
    const withIt = await stats(`from=${D(10)}&to=${D(11)}`);
    assert.equal(without.rounding, 5);
    // 15 and 16 requests, 15 and 16 residents: both show 15.
    for (const f of ['requests_posted', 'requests_approved', 'active_residents'])
      assert.equal(withIt[f], without[f], f);
    assert.equal(withIt.requests_posted, 15);
    // Its own figures: suppressed wherever they stand alone.
    assert.equal(withIt.requests_cancelled, null);
    assert.ok(withIt.suppressed_fields.includes('requests_cancelled'));
    const pets = withIt.per_category.find((c) => c.category === 'pets');
    assert.equal(pets.requests_posted, null);
    const area = withIt.per_area.find((a) => a.pc4 === '7812');
    assert.equal(area.requests_posted, null);
    // Every count shown anywhere is a multiple of 5.
    for (const row of [withIt, withIt.previous, ...withIt.series.items, ...withIt.per_category, ...withIt.per_area])
      for (const f of FIGURES.filter((x) => x.startsWith('requests_') || x.startsWith('active_') || x === 'volunteer_hours'))
        if (row[f] !== null) assert.equal(row[f] % 5, 0, `${f} = ${row[f]}`);
  });

  it('Amsterdam\'s requests are not in Emmen\'s figures; ?municipality= chooses, empty means all', async () => {
    const emmen = await stats(`from=${D(12)}&to=${D(12)}`);
    assert.equal(emmen.municipality, 'Emmen', 'the service area is the default');
    assert.equal(emmen.requests_posted, 0);
    const amsterdam = await stats(`from=${D(12)}&to=${D(12)}&municipality=Amsterdam`);
    assert.equal(amsterdam.municipality, 'Amsterdam');
    assert.equal(amsterdam.requests_posted, 5);
    assert.deepEqual(amsterdam.per_area.map((a) => `${a.pc4} ${a.place}`), ['1011 Amsterdam']);
    const all = await stats(`from=${D(12)}&to=${D(12)}&municipality=`);
    assert.equal(all.municipality, null);
    assert.equal(all.requests_posted, 5);
    assert.ok(all.municipalities.includes('Amsterdam') && all.municipalities.includes('Emmen'));
    assert.equal((await stats(`from=${D(12)}&to=${D(12)}&municipality=*`)).requests_posted, 5, '* is all too');
    assertProblem(await moderator.get(`/admin/stats?municipality=Atlantis`), 422, 'validation_failed', 'municipality');
  });

  it('one call holds every figure per day, week or month of the period, and the period before', async () => {
    const m = await stats(`from=${D(1)}&to=${D(lastDay)}`);
    assert.equal(m.series.unit, 'day');
    assert.equal(m.series.items.length, lastDay);
    const d10 = m.series.items[9];
    assert.equal(d10.from, `${D(10)}T00:00:00Z`);
    assert.equal(d10.to, `${D(11)}T00:00:00Z`);
    for (const f of FIGURES) assert.ok(f in d10, `${f} in every bucket`);
    assert.equal(d10.requests_posted, 15);
    assert.equal(m.series.items[10].requests_posted, null, 'day 11: one resident, suppressed');
    assert.equal(m.series.items[0].requests_posted, 0);
    // Weeks from Monday, the first and last clipped to the period.
    const w = await stats(`from=${D(1)}&to=${D(lastDay)}&interval=week`);
    assert.equal(w.series.unit, 'week');
    assert.equal(w.series.items[0].from, `${D(1)}T00:00:00Z`);
    assert.equal(w.series.items.at(-1).to, m.to);
    for (const it of w.series.items.slice(1))
      assert.equal(new Date(it.from).getUTCDay(), 1, 'a week starts on Monday');
    // The period before: as long, just before.
    const p = await stats(`from=${D(10)}&to=${D(11)}`);
    assert.equal(p.previous.from, `${D(8)}T00:00:00Z`);
    assert.equal(p.previous.to, `${D(10)}T00:00:00Z`);
    assert.equal(p.previous.requests_posted, 5, 'six residents on day 8, rounded');
    for (const f of FIGURES) assert.ok(f in p.previous, `${f} in the period before`);
    assertProblem(await moderator.get('/admin/stats?interval=hour'), 422, 'validation_failed', 'interval');
    assertProblem(await moderator.get('/admin/stats?from=1900-01-01&to=2000-01-01&interval=day'),
      422, 'validation_failed', 'interval');
  });

  it('the Dutch CSV opens in Excel as it is: BOM, semicolons, decimal commas, the series in it', async () => {
    const raw = await fetch(`${BASE_URL}/api/v1/admin/stats?from=${D(10)}&to=${D(12)}&format=csv&lang=nl`,
      { headers: { cookie: `bh_session=${moderator.sessionCookie}` } });
    assert.equal(raw.status, 200);
    assert.match(raw.headers.get('content-disposition'), /filename="burenhulp-cijfers-[0-9-]+\.csv"/);
    const bytes = Buffer.from(await raw.arrayBuffer());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'byte order mark');
    const lines = bytes.subarray(3).toString('utf8').replace(/\r\n$/, '').split('\r\n');
    assert.match(lines[0], /^soort;sleutel;naam;van;tot;hulpvragen geplaatst;/);
    for (const l of lines) assert.equal(l.split(';').length, 21, l);
    const total = lines[1].split(';');
    assert.deepEqual(total.slice(0, 6), ['periode', '', 'Emmen', D(10), D(13), '15']);
    assert.equal(total[12], '0,000', 'a decimal comma');
    assert.equal(lines[2].split(';')[0], 'vorige periode');
    assert.deepEqual(lines.filter((l) => l.startsWith('dag;')).map((l) => l.split(';')[1]), [D(10), D(11), D(12)]);
    assert.ok(lines.some((l) => l.startsWith('soort hulp;shopping;Boodschappen;')));
    assertProblem(await moderator.get('/admin/stats?format=csv&lang=de'), 422, 'validation_failed', 'lang');
  });

  it('areas carry their place names and come sorted by place', async () => {
    const all = await stats(`from=${D(10)}&to=${D(12)}&municipality=`);
    assert.deepEqual(all.per_area.map((a) => `${a.pc4} ${a.place}`), ['1011 Amsterdam', '7811 Emmen', '7812 Emmen']);
  });

  it('a change to a request shows in the figures at once', async () => {
    const before = await stats(`from=${D(10)}&to=${D(10)}`);
    assert.equal(before.requests_expired, 0);
    sql(`UPDATE requests SET status = 'expired' WHERE id IN (${day10.slice(0, 5).map(q).join(',')})`);
    const after = await stats(`from=${D(10)}&to=${D(10)}`);
    assert.equal(after.requests_expired, 5);
    sql(`UPDATE requests SET category_id = 'garden' WHERE id = ${q(day10[5])}`);
    const moved = await stats(`from=${D(10)}&to=${D(10)}`);
    assert.equal(moved.per_category.find((c) => c.category === 'garden').requests_posted, null, 'one garden request, suppressed');
  });
});
