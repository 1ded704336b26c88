// stats_raw.test.mjs — the figures GET /admin/stats answers (read from the
// fact tables of migrations 070/071, the period and the period before in
// one streamed statement per table, each person's rows grouped on a key)
// equal the figures computed here, in the test, from the raw `requests`
// and `matches` rows of a seeded set: every count, the people behind it,
// the hours, the medians, the suppression below 5 people (primary and
// secondary), the rounding to 5, for the period, the period before, each
// day of the series, each category and each area.
//
// The set: 70 requests of 14 residents and 9 volunteers in three Emmen
// areas and Amsterdam (not counted), every status, matches of every kind,
// over 20 days of a year of its own; the period is its last 10 days.
// Random on every run: whatever the draw, the two must agree.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { VAR, asDemo, assertStatus } from './lib/client.mjs';

function sql(text) {
  const r = spawnSync('mariadb', ['--no-defaults', `--socket=${join(VAR, 'run', 'mysqld.sock')}`,
    '-u', userInfo().username, '-N', '-B', 'burenhulp', '-e', text], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, `mariadb: ${r.stderr || r.error}`);
  return r.stdout.split('\n').filter((l) => l.length).map((l) => l.split('\t'));
}
const q = (s) => (s === null || s === undefined ? 'NULL' : `'${String(s).replace(/[^A-Za-z0-9_:. -]/g, '')}'`);
const newId = () => randomBytes(16).toString('base64url');
const made = { users: [], requests: [] };

// A year of its own (stats.test.mjs takes 1200–1899), a month in it.
const year = 1901 + randomInt(0, 60);
const month = `0${randomInt(1, 9)}`;
const D = (n) => `${year}-${month}-${String(n).padStart(2, '0')}`;
const at = (day, s) => `${D(day)} ${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;

const FIGS = ['requests_posted', 'requests_approved', 'requests_responded', 'requests_matched',
  'requests_completed', 'requests_cancelled', 'requests_expired'];
const ALL = [...FIGS, 'active_residents', 'active_volunteers', 'volunteer_hours'];
const STATUSES = ['open', 'open', 'matched', 'completed', 'completed', 'cancelled', 'expired', 'pending', 'rejected'];
const CATEGORIES = ['shopping', 'shopping', 'transport', 'company', 'pets'];
const AREAS = ['7811', '7811', '7812', '7813', '1011'];

let moderator;
before(async () => {
  moderator = await asDemo('moderator');
  const stmts = [];
  const user = (pc4, roles) => {
    const id = newId();
    stmts.push(`INSERT INTO users (id, email_ct, email_bidx, display_name, pc4, roles, status, created_at, updated_at)
      VALUES (${q(id)}, X'00', UNHEX(SHA2(${q(id + '-bidx')}, 256)), ${q('Fixture ' + id.slice(0, 6))},
      ${q(pc4)}, ${q(roles)}, 'active', NOW(3), NOW(3))`);
    made.users.push(id);
    return id;
  };
  const residents = Array.from({ length: 14 }, (_, i) => user(AREAS[i % AREAS.length], 'resident'));
  const volunteers = Array.from({ length: 9 }, () => user('7811', 'volunteer'));
  for (let i = 0; i < 70; i++) {
    const id = newId();
    const owner = residents[randomInt(0, residents.length)];
    const status = STATUSES[randomInt(0, STATUSES.length)];
    const day = 1 + randomInt(0, 20);
    const secs = randomInt(0, 20 * 3600);
    stmts.push(`INSERT INTO requests (id, owner_id, posted_as, title, description, category_id, pc4, lat, lon,
        status, created_at, updated_at, expires_at)
      SELECT ${q(id)}, ${q(owner)}, 'resident', 'Hulp gevraagd', 'Een beschrijving van wat er nodig is.',
        ${q(CATEGORIES[randomInt(0, CATEGORIES.length)])}, p.pc4, p.lat, p.lon, ${q(status)},
        ${q(at(day, secs))}, ${q(at(day, secs))}, '9999-12-31 00:00:00'
      FROM postcodes p WHERE p.pc4 = ${q(AREAS[randomInt(0, AREAS.length)])}`);
    made.requests.push(id);
    if (status === 'pending' || status === 'rejected') continue;
    // Up to three volunteers: responded, declined, accepted or completed.
    const n = randomInt(0, 4);
    const who = [...volunteers].sort(() => randomInt(0, 3) - 1).slice(0, n);
    who.forEach((v, k) => {
      const mst = status === 'completed' && k === 0 ? 'completed'
        : status === 'matched' && k === 0 ? 'accepted' : ['responded', 'declined', 'invited'][randomInt(0, 3)];
      const created = Math.min(secs + 60 + randomInt(0, 3 * 3600), 86399);
      const accepted = mst === 'completed' || mst === 'accepted' ? q(at(day, Math.min(created + randomInt(0, 3600), 86399))) : 'NULL';
      const hours = mst === 'completed' ? `${randomInt(1, 8)}.${randomInt(0, 2) * 5}` : 'NULL';
      stmts.push(`INSERT INTO matches (id, request_id, volunteer_id, initiated_by, status, hours, created_at,
          accepted_at, updated_at)
        VALUES (${q(newId())}, ${q(id)}, ${q(v)}, 'volunteer', ${q(mst)}, ${hours}, ${q(at(day, created))},
          ${accepted}, ${q(at(day, created))})`);
    });
  }
  sql(stmts.join(';\n'));
});

after(() => {
  const list = (a) => a.map(q).join(',');
  if (made.requests.length) {
    sql(`DELETE FROM matches WHERE request_id IN (${list(made.requests)})`);
    sql(`DELETE FROM requests WHERE id IN (${list(made.requests)})`);
  }
  if (made.users.length) sql(`DELETE FROM users WHERE id IN (${list(made.users)})`);
});

// ---- the figures from the raw rows ------------------------------------------------

const small = (n) => n > 0 && n < 5;
const rounded = (v) => (v <= 0 ? 0 : Math.max(5, Math.floor(v / 5 + 0.5) * 5));
const one = (v, d) => Math.round(v * 10 ** d) / 10 ** d;
function median(v) {
  if (!v.length) return null;
  v.sort((a, b) => a - b);
  const m = v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  return m / 3600;
}

function newRow(key) {
  return { key, n: Object.fromEntries(ALL.map((f) => [f, 0])), who: Object.fromEntries(ALL.map((f) => [f, new Set()])), rs: [], ms: [] };
}

// Requests of Emmen posted in [fromDay, toDay] (day numbers of the month),
// with what their matches say: one row per request.
function rawRequests(fromDay, toDay, mun) {
  const where = mun ? `p.municipality = ${q(mun)}` : 'TRUE';
  const rows = sql(`SELECT r.id, r.owner_id, r.category_id, r.pc4, r.status, DAY(r.created_at)
      FROM requests r JOIN postcodes p ON p.pc4 = r.pc4
      WHERE ${where} AND r.created_at >= '${D(fromDay)}' AND r.created_at < '${D(toDay)}' + INTERVAL 1 DAY`);
  const matches = sql(`SELECT m.request_id, m.volunteer_id, m.status, COALESCE(m.hours, 0),
      TIMESTAMPDIFF(SECOND, r.created_at, m.created_at), TIMESTAMPDIFF(SECOND, r.created_at, m.accepted_at)
      FROM matches m JOIN requests r ON r.id = m.request_id JOIN postcodes p ON p.pc4 = r.pc4
      WHERE ${where} AND r.created_at >= '${D(fromDay)}' AND r.created_at < '${D(toDay)}' + INTERVAL 1 DAY`);
  return rows.map(([id, owner, category, pc4, status, day]) => {
    const ms = matches.filter((m) => m[0] === id);
    const accepted = ms.filter((m) => m[5] !== 'NULL').map((m) => Number(m[5]));
    return {
      owner, category, pc4, day: Number(day), matches: ms,
      approved: !['pending', 'rejected'].includes(status), cancelled: status === 'cancelled',
      expired: status === 'expired', completed: ms.some((m) => m[2] === 'completed'),
      hours: ms.filter((m) => m[2] === 'completed').reduce((s, m) => s + Number(m[3]), 0),
      rs: ms.length ? Math.min(...ms.map((m) => Number(m[4]))) : null,
      ms: accepted.length ? Math.min(...accepted) : null,
    };
  });
}

function add(w, r, medians) {
  const has = {
    requests_posted: true, requests_approved: r.approved, requests_responded: r.rs !== null,
    requests_matched: r.ms !== null, requests_completed: r.completed,
    requests_cancelled: r.cancelled, requests_expired: r.expired,
  };
  for (const f of FIGS) if (has[f]) { w.n[f]++; w.who[f].add(r.owner); }
  w.n.volunteer_hours += r.hours;
  for (const m of r.matches) {
    w.who.active_volunteers.add(m[1]);
    if (m[2] === 'completed') w.who.volunteer_hours.add(m[1]);
  }
  if (medians) {
    if (r.rs !== null) w.rs.push(r.rs);
    if (r.ms !== null) w.ms.push(r.ms);
  }
}

function primary(w) {
  w.people = Object.fromEntries(ALL.map((f) => [f, w.who[f].size]));
  w.people.active_residents = w.people.requests_posted;
  w.n.active_residents = w.people.requests_posted;
  w.n.active_volunteers = w.people.active_volunteers;
  w.sup = Object.fromEntries(ALL.map((f) => [f, small(w.people[f])]));
  if (w.sup.requests_completed) w.sup.volunteer_hours = true;
  w.mr = median(w.rs);
  w.mm = median(w.ms);
  w.supRs = w.mr !== null && small(w.people.requests_responded);
  w.supMs = w.mm !== null && small(w.people.requests_matched);
}

function secondary(total, rows) {
  for (const f of ALL) {
    if (total.sup[f]) continue;
    let hidden = 0, smallest = null;
    for (const w of rows) {
      if (w.sup[f]) hidden++;
      else if (w.people[f] > 0 && (smallest === null || w.people[f] < smallest.people[f])) smallest = w;
    }
    if (hidden === 1 && smallest) smallest.sup[f] = true;
  }
}

// What the answer shows of row w.
function shown(w, medians) {
  const o = {};
  const sup = [];
  for (const f of ALL) {
    if (w.sup[f]) { o[f] = null; sup.push(f); } else o[f] = f === 'volunteer_hours' ? one(rounded(w.n[f]), 2) : rounded(w.n[f]);
  }
  const matched = o.requests_matched, approved = o.requests_approved;
  if (w.sup.requests_matched || w.sup.requests_approved) { o.match_rate = null; sup.push('match_rate'); } else o.match_rate = approved > 0 ? one(Math.min(matched / approved, 1), 3) : null;
  if (medians) {
    o.median_hours_to_first_response = w.mr !== null && !w.supRs ? one(w.mr, 1) : null;
    if (w.supRs) sup.push('median_hours_to_first_response');
    o.median_hours_to_match = w.mm !== null && !w.supMs ? one(w.mm, 1) : null;
    if (w.supMs) sup.push('median_hours_to_match');
  }
  o.suppressed = sup.length > 0;
  o.suppressed_fields = sup.sort();
  return o;
}

function pick(row, medians) {
  const o = {};
  for (const f of [...ALL, 'match_rate', ...(medians ? ['median_hours_to_first_response', 'median_hours_to_match'] : []), 'suppressed'])
    o[f] = row[f];
  o.suppressed_fields = [...row.suppressed_fields].sort();
  return o;
}

function fromRaw(mun) {
  const cats = new Map(sql('SELECT id, sort_order FROM categories').map(([id, s]) => [id, Number(s)]));
  const places = new Map(sql('SELECT pc4, place FROM postcodes').map(([pc4, p]) => [pc4, p]));
  const total = newRow(null), previous = newRow(null);
  const days = Array.from({ length: 10 }, (_, i) => newRow(D(11 + i)));
  const perCat = new Map(), perArea = new Map();
  for (const r of rawRequests(11, 20, mun)) {
    add(total, r, true);
    add(days[r.day - 11], r, true);
    if (!perCat.has(r.category)) perCat.set(r.category, newRow(r.category));
    add(perCat.get(r.category), r, false);
    if (!perArea.has(r.pc4)) perArea.set(r.pc4, newRow(r.pc4));
    add(perArea.get(r.pc4), r, false);
  }
  for (const r of rawRequests(1, 10, mun)) add(previous, r, true);
  const catRows = [...perCat.values()].sort((a, b) => cats.get(a.key) - cats.get(b.key) || (a.key < b.key ? -1 : 1));
  const areaRows = [...perArea.values()].sort((a, b) => places.get(a.key).localeCompare(places.get(b.key)) || (a.key < b.key ? -1 : 1));
  for (const w of [total, previous, ...days, ...catRows, ...areaRows]) primary(w);
  secondary(total, days);
  secondary(total, catRows);
  secondary(total, areaRows);
  return {
    total: shown(total, true), previous: shown(previous, true),
    series: days.map((w) => shown(w, true)),
    per_category: catRows.map((w) => ({ category: w.key, ...shown(w, false) })),
    per_area: areaRows.map((w) => ({ pc4: w.key, place: places.get(w.key), ...shown(w, false) })),
  };
}

async function compare(mun, what) {
  const res = await moderator.get(`/admin/stats?from=${D(11)}&to=${D(20)}&municipality=${mun}&interval=day`);
  assertStatus(res, 200);
  const got = res.body;
  const want = fromRaw(mun);
  assert.equal(got.previous.from, `${D(1)}T00:00:00Z`);
  assert.deepEqual(pick(got, true), want.total, `${what}: the period`);
  assert.deepEqual(pick(got.previous, true), want.previous, `${what}: the period before`);
  assert.equal(got.series.items.length, 10);
  got.series.items.forEach((b, i) => assert.deepEqual(pick(b, true), want.series[i], `${what}: day ${11 + i}`));
  assert.deepEqual(got.per_category.map((c) => ({ category: c.category, ...pick(c, false) })), want.per_category, `${what}: per category`);
  assert.deepEqual(got.per_area.map((a) => ({ pc4: a.pc4, place: a.place, ...pick(a, false) })), want.per_area, `${what}: per area`);
  return got;
}

describe('the figures equal those computed from the raw rows (issue 15, speed)', () => {
  it('period, period before, every day, category and area: counts, people, suppression, rounding, medians', async () => {
    const got = await compare('Emmen', 'Emmen');
    // The set is small: some cells are below 5 people, some are not.
    const rows = [got, ...got.series.items, ...got.per_category, ...got.per_area];
    assert.ok(rows.some((w) => w.suppressed), 'some cell is suppressed');
    assert.ok(got.requests_posted > 0 && got.previous.requests_posted > 0);
    await compare('', 'all municipalities');
  });

  it('still equal after requests move, change, lose a match or go, and matches change', async () => {
    const ids = made.requests;
    const list = (a) => a.map(q).join(',');
    // Moved to Amsterdam and back out of it, another owner, another category.
    sql(`UPDATE requests SET pc4 = '1011' WHERE id IN (${list(ids.slice(0, 4))})`);
    sql(`UPDATE requests r JOIN postcodes p ON p.pc4 = '7812' SET r.pc4 = p.pc4, r.lat = p.lat, r.lon = p.lon
         WHERE r.id IN (${list(ids.slice(4, 8))})`);
    sql(`UPDATE requests SET owner_id = ${q(made.users[0])} WHERE id IN (${list(ids.slice(8, 12))})`);
    sql(`UPDATE requests SET category_id = 'pets', status = 'cancelled' WHERE id IN (${list(ids.slice(12, 16))})`);
    // Matches completed, cancelled, deleted; requests deleted.
    sql(`UPDATE matches SET status = 'completed', hours = 2.5, accepted_at = created_at
         WHERE request_id IN (${list(ids.slice(16, 30))}) AND status = 'responded'`);
    // One declined match a request moves to a volunteer who has none there
    // yet: (request_id, volunteer_id) is unique, and the seeds are random.
    const other = q(made.users.at(-1));
    sql(`UPDATE matches SET volunteer_id = ${other} WHERE id IN (
           SELECT id FROM (SELECT MIN(id) AS id FROM matches
                            WHERE request_id IN (${list(ids.slice(30, 34))}) AND status = 'declined'
                              AND request_id NOT IN (SELECT request_id FROM matches WHERE volunteer_id = ${other})
                            GROUP BY request_id) AS one)`);
    sql(`DELETE FROM matches WHERE request_id IN (${list(ids.slice(34, 40))})`);
    sql(`DELETE FROM matches WHERE request_id IN (${list(ids.slice(40, 44))});
         DELETE FROM requests WHERE id IN (${list(ids.slice(40, 44))})`);
    await compare('Emmen', 'Emmen after the changes');
    await compare('Amsterdam', 'Amsterdam after the changes');
    await compare('', 'all after the changes');
  });
});
