// offers_near.test.mjs — GET /offers near a postcode where many volunteers
// live close together.
//
// Like the requests (requests_near.test.mjs), the offers list reads a page
// in the order of lib/near.c: the area the page starts in, then the box or,
// where the box holds too many offers to read, the postcode areas nearest
// first. A neighbour must not notice which ran: every visible offer once,
// nearest first and area by area (distance, pc4, id), whatever the page
// size; never a paused offer, one of a blocked volunteer, or one whose
// volunteer does not travel that far.
//
// The fixture is written straight into the database around Middelburg 4331
// (no other test uses it): 240 offers over the areas within 10 km, with
// offers that must stay hidden among them. The expected order is computed
// here from the areas' centroids with lib/geo.c's formula; no two fixture
// areas lie within a metre of each other's distance, so rounding cannot
// decide it. It is deleted afterwards.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { newUser, randomTag, assertStatus, assertProblem } from './lib/client.mjs';
import { mariadb } from './lib/explain.mjs';
import { km, areas as pc4Areas } from './lib/geo.mjs';

const CENTRE = '4331';
const metres = (a, b) => km(a, b) * 1000;

describe('offers near a postcode where many volunteers live', () => {
  const tag = randomTag(6).toLowerCase().replace(/[^a-z0-9]/g, 'x');
  const volunteer = `ov${tag}${'0'.repeat(14)}`;
  const blocked = `ob${tag}${'0'.repeat(14)}`;
  let resident, expected;

  before(async () => {
    resident = await newUser(['resident']);
    const areas = pc4Areas();
    const centre = areas.find((a) => a.pc4 === CENTRE);
    for (const a of areas) a.m = a.pc4 === CENTRE ? 0 : Math.max(1, Math.round(metres(centre, a)));
    const inside = areas.filter((a) => a.m <= 9900);
    const ms = inside.map((a) => a.m).sort((x, y) => x - y);
    assert.ok(inside.length >= 25, `${inside.length} areas within 10 km of Middelburg`);
    assert.ok(ms.every((m, i) => i === 0 || m - ms[i - 1] >= 2), 'no two areas at (nearly) the same distance');

    const rows = [];
    const shown = [];
    const add = (n, area, { owner = volunteer, status = 'active', radius = 25 } = {}) => {
      const id = `${owner.slice(0, 2)}${tag}${String(n).padStart(14, '0')}`;
      rows.push(`('${id}', '${owner}', 'Tuinhulp ${n}', 'Ik help in de tuin, nummer ${n}.', '${area.pc4}', ` +
        `${area.lat}, ${area.lon}, ${radius}, '${status}', NOW(3) - INTERVAL ${n} MINUTE, NOW(3))`);
      return id;
    };
    let n = 0;
    for (let i = 0; i < 240; i++) {
      const area = inside[(i * 7) % inside.length];
      shown.push({ id: add(n++, area), m: area.m, pc4: area.pc4 });
    }
    for (let i = 0; i < 15; i++) add(n++, inside[i], { status: 'paused' });
    for (let i = 0; i < 15; i++) add(n++, inside[i], { owner: blocked });
    // Travels 1 km: hidden wherever the centre is farther than that.
    for (const a of inside.filter((x) => x.m > 1500).slice(0, 15)) add(n++, a, { radius: 1 });
    expected = shown.sort((x, y) => x.m - y.m || (x.pc4 < y.pc4 ? -1 : x.pc4 > y.pc4 ? 1 : 0) ||
      (x.id < y.id ? -1 : 1)).map((x) => x.id);

    mariadb(`INSERT INTO users (id, email_ct, email_bidx, display_name, pc4, roles, status, created_at, updated_at) VALUES
      ('${volunteer}', 'x', UNHEX(SHA2('${volunteer}', 256)), 'Zeeuwse hulp', '${CENTRE}', 'volunteer', 'active', NOW(3), NOW(3)),
      ('${blocked}', 'x', UNHEX(SHA2('${blocked}', 256)), 'Geblokkeerd', '${CENTRE}', 'volunteer', 'blocked', NOW(3), NOW(3))`);
    mariadb(`INSERT INTO offers (id, volunteer_id, title, description, pc4, lat, lon, radius_km, status, created_at, updated_at)
      VALUES ${rows.join(',\n')}`);
    mariadb(`INSERT INTO offer_categories (offer_id, category_id)
      SELECT id, 'garden' FROM offers WHERE volunteer_id IN ('${volunteer}', '${blocked}')`);
    mariadb(`INSERT INTO offer_slots (offer_id, day, from_min, to_min)
      SELECT id, 5, 540, 720 FROM offers WHERE volunteer_id IN ('${volunteer}', '${blocked}')`);
  });

  after(() => {
    mariadb(`DELETE FROM offers WHERE volunteer_id IN ('${volunteer}', '${blocked}')`);
    mariadb(`DELETE FROM users WHERE id IN ('${volunteer}', '${blocked}')`);
  });

  async function allPages(query, limit) {
    const ids = [];
    let cursor = null;
    for (let i = 0; i < 300; i++) {
      const res = await resident.get(`/offers?near=${CENTRE}&radius_km=10${query}&limit=${limit}` +
        (cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''));
      assertStatus(res, 200);
      for (let k = 1; k < res.body.items.length; k++)
        assert.ok(res.body.items[k].distance_km >= res.body.items[k - 1].distance_km, 'nearest first');
      ids.push(...res.body.items.map((o) => o.id));
      cursor = res.body.next_cursor;
      if (!cursor) return ids;
      assert.equal(res.body.items.length, limit, 'a page before the last is full');
    }
    throw new Error('more than 300 pages');
  }

  it('lists every visible offer once, nearest first, area by area, on any page size', async () => {
    assert.deepEqual(await allPages('', 100), expected);
    for (const limit of [1, 7, 33])
      assert.deepEqual(await allPages('', limit), expected, `limit ${limit}`);
  });

  it('filters by category and day the same way', async () => {
    assert.deepEqual(await allPages('&category=garden&day=sat', 50), expected);
    assert.deepEqual(await allPages('&category=pets', 50), []);
    assert.deepEqual(await allPages('&day=mon', 50), []);
  });

  it('refuses a cursor of the old shape or with a bad area (400, not 500)', async () => {
    const b64 = (s) => Buffer.from(`1\n${s}`).toString('base64url');
    const first = await resident.get(`/offers?near=${CENTRE}&limit=2`);
    assertStatus(first, 200);
    assert.match(Buffer.from(first.body.next_cursor, 'base64url').toString(), /^1\n\d+\n\d{4}\n[A-Za-z0-9_-]{22}$/);
    for (const cursor of [b64(`1000\n${expected[0]}`), b64(`1000\n0123\n${expected[0]}`), b64(`x\n4331\n${expected[0]}`)])
      assertProblem(await resident.get(`/offers?near=${CENTRE}&cursor=${encodeURIComponent(cursor)}`), 400, 'bad_request');
  });
});
