// requests_near.test.mjs — radius search where a town is full of requests.
//
// Where the search box holds many open requests (PROBE_ROWS in
// handlers/requests/list.c, 200), the handler no longer reads and sorts the
// whole box: it walks the postcode areas nearest first and reads each
// area's requests in id order until the page is full (issue 9). A neighbour
// must not notice which plan ran: the same requests, nearest first, each
// once, over every page, whatever the page size; never a completed, expired
// or hidden-owner request, never one beyond the radius. The box plan (a
// text search, which always reads the box, or a category with few
// requests) is the reference the walk is held to.
//
// The fixture is written straight into the database: a few hundred open
// requests over the 48 postcode areas within 14 km of Maastricht 6211 (far
// from the Emmen data of the other tests), with rows that must stay hidden
// among them, all carrying one made-up word so that the text search finds
// exactly them. It is deleted afterwards.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, ctl, randomTag, assertStatus, assertProblem } from './lib/client.mjs';
import { mariadb } from './lib/explain.mjs';
import { km, areas as pc4Areas } from './lib/geo.mjs';

const CENTRE = '6211';
async function allPages(client, path, limit) {
  const items = [];
  let cursor = null;
  for (let i = 0; i < 400; i++) {
    const res = await client.get(`${path}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    assertStatus(res, 200, `GET ${path}`);
    assert.ok(res.body.items.length <= limit);
    items.push(...res.body.items);
    cursor = res.body.next_cursor;
    if (!cursor) return items;
    assert.equal(res.body.items.length, limit, 'a page before the last is full');
  }
  throw new Error(`more than 400 pages of ${path}`);
}

describe('radius search in a town full of requests', () => {
  const tag = randomTag(6).toLowerCase().replace(/[^a-z0-9]/g, 'x');
  const word = `zoekwoord${tag}`;
  const owner = `nw${tag}${'0'.repeat(14)}`;
  const blocked = `nb${tag}${'0'.repeat(14)}`;
  const anon = new Client('neighbour');
  const expected = { all: new Set(), shopping: new Set(), pets: new Set() };
  let inside10;

  before(() => {
    const areas = pc4Areas();
    const centre = areas.find((a) => a.pc4 === CENTRE);
    for (const a of areas) a.km = km(centre, a);
    // Clear of the 10 km edge, so that rounding cannot decide a case.
    inside10 = areas.filter((a) => a.km <= 9.9);
    const ring = areas.filter((a) => a.km >= 10.1 && a.km <= 14);
    assert.ok(inside10.length >= 30 && ring.length >= 10, 'enough areas around Maastricht');

    const rows = [];
    const add = (n, area, fields) => {
      const id = `${fields.owner === blocked ? 'nb' : 'nw'}${tag}${String(n).padStart(14, '0')}`;
      rows.push(`('${id}', '${fields.owner ?? owner}', 'resident', 'Hulp ${word} ${n}', ` +
        `'Een verzoek om hulp in de buurt, nummer ${n}.', '${fields.category}', '${area.pc4}', ` +
        `${area.lat}, ${area.lon}, '${fields.status ?? 'open'}', 0, NOW(3) - INTERVAL ${n} MINUTE, NOW(3), ` +
        `NOW(3) + INTERVAL ${fields.expired ? -1 : 30} DAY)`);
      return id;
    };
    let n = 0;
    // Visible within 10 km: 260 shopping (the walk), 40 pets (the box).
    for (let i = 0; i < 300; i++) {
      const area = inside10[(i * 7) % inside10.length];
      const category = i < 260 ? 'shopping' : 'pets';
      const id = add(n++, area, { category });
      expected.all.add(id);
      expected[category].add(id);
    }
    // Never shown: beyond the radius, closed, expired, or of a blocked owner.
    for (let i = 0; i < 30; i++) add(n++, ring[i % ring.length], { category: 'shopping' });
    for (let i = 0; i < 20; i++) add(n++, inside10[i % inside10.length], { category: 'shopping', status: 'completed' });
    for (let i = 0; i < 20; i++) add(n++, inside10[i % inside10.length], { category: 'shopping', expired: true });
    for (let i = 0; i < 20; i++) add(n++, inside10[i % inside10.length], { category: 'shopping', owner: blocked });

    mariadb(`INSERT INTO users (id, email_ct, email_bidx, display_name, pc4, roles, status, created_at, updated_at) VALUES
      ('${owner}', 'x', UNHEX(SHA2('${owner}', 256)), 'Buurtbewoner', '${CENTRE}', 'resident', 'active', NOW(3), NOW(3)),
      ('${blocked}', 'x', UNHEX(SHA2('${blocked}', 256)), 'Geblokkeerd', '${CENTRE}', 'resident', 'blocked', NOW(3), NOW(3))`);
    mariadb(`INSERT INTO requests (id, owner_id, posted_as, title, description, category_id, pc4, lat, lon,
      status, response_count, created_at, updated_at, expires_at) VALUES ${rows.join(',\n')}`);
  });

  after(() => {
    mariadb(`DELETE FROM requests WHERE owner_id IN ('${owner}', '${blocked}')`);
    mariadb(`DELETE FROM users WHERE id IN ('${owner}', '${blocked}')`);
  });

  const search = (extra, limit) => allPages(anon, `/requests?near=${CENTRE}&radius_km=10${extra}`, limit);

  function assertNearestFirst(items, want, what) {
    const ids = items.map((i) => i.id);
    assert.equal(new Set(ids).size, ids.length, `${what}: no request twice`);
    assert.deepEqual([...ids].sort(), [...want].sort(), `${what}: exactly the visible requests within 10 km`);
    for (let i = 1; i < items.length; i++)
      assert.ok(items[i].distance_km >= items[i - 1].distance_km, `${what}: nearest first at ${i}`);
    for (const item of items) assert.ok(item.distance_km <= 10, `${what}: ${item.distance_km} km`);
  }

  it('walks the areas: every visible request once, nearest first, none hidden', async () => {
    assertNearestFirst(await search('', 100), expected.all, 'all categories');
    assertNearestFirst(await search('&category=shopping', 100), expected.shopping, 'shopping');
  });

  it('gives the same order as the box (the text search reads the whole box)', async () => {
    const walk = (await search('', 100)).map((i) => i.id);
    const box = (await search(`&q=${word}`, 100)).map((i) => i.id);
    assert.equal(box.length, expected.all.size);
    assert.deepEqual(walk, box);
    const walkCat = (await search('&category=shopping', 100)).map((i) => i.id);
    const boxCat = (await search(`&category=shopping&q=${word}`, 100)).map((i) => i.id);
    assert.deepEqual(walkCat, boxCat);
  });

  it('pages the same with any page size (cursors across areas and batches of areas)', async () => {
    const whole = (await search('', 100)).map((i) => i.id);
    for (const limit of [1, 7, 32, 33])
      assert.deepEqual((await search('', limit)).map((i) => i.id), whole, `limit ${limit}`);
    const cat = (await search('&category=shopping', 100)).map((i) => i.id);
    assert.deepEqual((await search('&category=shopping', 9)).map((i) => i.id), cat);
  });

  it('serves a category with few requests from the box, the same way', async () => {
    assertNearestFirst(await search('&category=pets', 100), expected.pets, 'pets');
    assertNearestFirst(await search('&category=pets', 3), expected.pets, 'pets, 3 a page');
  });

  it('shows the area of each request and its distance', async () => {
    const res = await anon.get(`/requests?near=${CENTRE}&radius_km=10&limit=1`);
    assertStatus(res, 200);
    const [first] = res.body.items;
    assert.ok(res.body.next_cursor);
    assert.equal(first.area.pc4, CENTRE, 'the centre area comes first');
    assert.equal(first.area.place, 'Maastricht');
    assert.equal(first.distance_km, 0);
  });

  it('tells an unknown category from an empty one, though a search that finds something never asks', async () => {
    assertProblem(await anon.get(`/requests?near=${CENTRE}&category=astrology`), 422, 'validation_failed', 'category', 'unknown');
    assertProblem(await anon.get('/requests?category=astrology'), 422, 'validation_failed', 'category', 'unknown');
    assertProblem(await anon.get('/requests?category=astrology&limit=0'), 422, 'validation_failed', 'category', 'unknown');
    const empty = await anon.get('/requests?near=9999&radius_km=1&category=pets');
    assertStatus(empty, 200);
    assert.deepEqual(empty.body, { items: [], next_cursor: null });
  });

  // Every plan takes a request to lie on its area's centroid; an import that
  // moves a centroid must move the area's requests along.
  it('moves the requests of an area whose centroid an import moves', async () => {
    const area = inside10[1];
    const dir = mkdtempSync(join(tmpdir(), 'bh-pc4-'));
    const csv = (lat) => { writeFileSync(join(dir, 'pc4.csv'), `pc4,place,lat,lon\n${area.pc4},Maastricht,${lat},${area.lon}\n`); return join(dir, 'pc4.csv'); };
    const lats = () => mariadb(`SELECT DISTINCT lat FROM requests WHERE owner_id = '${owner}' AND pc4 = '${area.pc4}'`).map((r) => Number(r[0]));
    try {
      assert.deepEqual(lats(), [area.lat]);
      let res = ctl(['import-postcodes', csv(area.lat + 0.0002)]);
      assert.equal(res.status, 0, res.stderr);
      assert.deepEqual(lats(), [area.lat + 0.0002]);
      const walk = (await search('', 100)).map((i) => i.id);
      assert.deepEqual(walk, (await search(`&q=${word}`, 100)).map((i) => i.id));
    } finally {
      const res = ctl(['import-postcodes', csv(area.lat)]);
      rmSync(dir, { recursive: true, force: true });
      assert.equal(res.status, 0, res.stderr);
    }
    assert.deepEqual(lats(), [area.lat]);
  });

  it('refuses a cursor of the old shape or with a bad area (400, not 500)', async () => {
    const b64 = (s) => Buffer.from(`1\n${s}`).toString('base64url');
    const good = await anon.get(`/requests?near=${CENTRE}&limit=2`);
    assert.match(Buffer.from(good.body.next_cursor, 'base64url').toString(), /^1\nd\n\d+\n\d{4}\n[A-Za-z0-9_-]{22}$/);
    const id = [...expected.all][0];
    for (const cursor of [b64(`d\n1000\n${id}`), b64(`d\n1000\n0123\n${id}`), b64(`d\n1000\n62a1\n${id}`),
      b64(`d\n-5\n6211\n${id}`), b64(`t\n1000\n6211\n${id}`)]) {
      const res = await anon.get(`/requests?near=${CENTRE}&cursor=${encodeURIComponent(cursor)}`);
      assertProblem(res, 400, 'bad_request');
    }
  });
});

// A wide radius with a rare category: many areas, one request in each. The
// box holds too many to read (over LIMIT ROWS EXAMINED), the walk finds one
// request per area, and after WALK_AREAS (24) areas the box reads the
// rest: a page that needs more than 24 requests goes through all three.
describe('radius search over many thin areas', () => {
  const tag = randomTag(6).toLowerCase().replace(/[^a-z0-9]/g, 'x');
  const word = `dunwoord${tag}`;
  const owner = `nt${tag}${'0'.repeat(14)}`;
  const anon = new Client('far-neighbour');
  const want = new Set();

  before(() => {
    const areas = pc4Areas();
    const centre = areas.find((a) => a.pc4 === '4331');
    const near = areas.filter((a) => km(centre, a) <= 29.8);
    assert.ok(near.length >= 100, `${near.length} areas within 30 km of Middelburg`);
    mariadb(`INSERT INTO users (id, email_ct, email_bidx, display_name, pc4, roles, status, created_at, updated_at) VALUES
      ('${owner}', 'x', UNHEX(SHA2('${owner}', 256)), 'Zeeuw', '4331', 'resident', 'active', NOW(3), NOW(3))`);
    const rows = near.map((a, n) => {
      const id = `nt${tag}${String(n).padStart(14, '0')}`;
      want.add(id);
      return `('${id}', '${owner}', 'resident', 'Tuin ${word} ${n}', 'Hulp in de tuin, nummer ${n}.', 'garden', ` +
        `'${a.pc4}', ${a.lat}, ${a.lon}, 'open', 0, NOW(3), NOW(3), NOW(3) + INTERVAL 30 DAY)`;
    });
    mariadb(`INSERT INTO requests (id, owner_id, posted_as, title, description, category_id, pc4, lat, lon,
      status, response_count, created_at, updated_at, expires_at) VALUES ${rows.join(',\n')}`);
  });

  after(() => {
    mariadb(`DELETE FROM requests WHERE owner_id = '${owner}'`);
    mariadb(`DELETE FROM users WHERE id = '${owner}'`);
  });

  const search = (extra, limit) => allPages(anon, `/requests?near=4331&radius_km=30&category=garden${extra}`, limit);

  it('walks, then reads the rest from the box, in the order of the box alone', async () => {
    const box = (await search(`&q=${word}`, 100)).map((i) => i.id);
    assert.deepEqual([...box].sort(), [...want].sort(), 'the text search finds every fixture request');
    for (const limit of [100, 30, 25, 7])
      assert.deepEqual((await search('', limit)).map((i) => i.id), box, `limit ${limit}`);
  });
});
