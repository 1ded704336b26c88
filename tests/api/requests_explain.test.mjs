// requests_explain.test.mjs — the lists of help requests are served by an
// index, never by reading the whole table (DESIGN: radius search on an
// index, keyset paging instead of OFFSET).
//
// The statements EXPLAINed are the ones the handler runs: its stmts.c is put
// through the C preprocessor and the SQL text of each list statement taken
// from the result, so this test cannot drift from the code. Each runs with
// realistic parameters (a search box around Emmen 7811, a category, words,
// the first-page keys) against a table that holds a few thousand rows spread
// over the country, in every status, so that the optimizer has a real
// choice. The fixture rows belong to a blocked user, so no public list shows
// them while they exist, and they are deleted afterwards. The table's
// statistics are refreshed once after the bulk insert (ANALYZE TABLE: InnoDB
// would do it in the background a little later anyway); no index is forced.
//
// Fails when the plan reads the requests table with type ALL.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomTag } from './lib/client.mjs';
import { mariadb, handlerStatements, libStatements, bind, box, explain, assertIndexed } from './lib/explain.mjs';

const FIXTURE_ROWS = 5000;

describe('EXPLAIN: every list of requests runs on an index', () => {
  const tag = randomTag(6);
  const owner = `xf${tag}${'0'.repeat(14)}`;
  let stmts, centre;

  before(() => {
    stmts = handlerStatements('requests');
    const pc = mariadb("SELECT lat, lon FROM postcodes WHERE pc4 = '7811'");
    assert.equal(pc.length, 1, 'postcode 7811 is loaded');
    centre = pc[0].map(Number);
    // A blocked owner: none of the fixture is public.
    mariadb(`INSERT INTO users (id, email_ct, email_bidx, display_name, pc4, roles, status, created_at, updated_at)
      VALUES ('${owner}', 'x', UNHEX(SHA2('${owner}', 256)), 'Explain fixture', '7811', 'resident', 'blocked', NOW(3), NOW(3))`);
    // Spread over every PC4 area, every category, mostly open, over a month.
    mariadb(`INSERT INTO requests (id, owner_id, posted_as, title, description, category_id, pc4, lat, lon,
        status, response_count, created_at, updated_at, expires_at)
      SELECT CONCAT('xf${tag}', LPAD(s.seq, 14, '0')), '${owner}', 'resident',
        CONCAT('Hulp gezocht ', s.seq), CONCAT('Boodschappen, vervoer of gezelschap, nummer ', s.seq),
        c.id, p.pc4, p.lat, p.lon,
        ELT(1 + s.seq % 6, 'open', 'open', 'open', 'pending', 'cancelled', 'completed'), 0,
        NOW(3) - INTERVAL s.seq * 7 MINUTE, NOW(3), NOW(3) + INTERVAL 30 DAY - INTERVAL s.seq * 7 MINUTE
      FROM seq_1_to_${FIXTURE_ROWS} s
      JOIN (SELECT pc4, lat, lon, ROW_NUMBER() OVER (ORDER BY pc4) - 1 AS n FROM postcodes) p
        ON p.n = (s.seq * 7919) % (SELECT COUNT(*) FROM postcodes)
      JOIN (SELECT id, ROW_NUMBER() OVER (ORDER BY id) - 1 AS n FROM categories) c
        ON c.n = s.seq % (SELECT COUNT(*) FROM categories)`);
    const n = Number(mariadb(`SELECT COUNT(*) FROM requests WHERE owner_id = '${owner}'`)[0][0]);
    assert.ok(n >= FIXTURE_ROWS * 0.9, `only ${n} fixture rows`);
    mariadb('ANALYZE TABLE requests');
  });

  after(() => {
    mariadb(`DELETE FROM requests WHERE owner_id = '${owner}'`);
    mariadb(`DELETE FROM users WHERE id = '${owner}'`);
  });

  const FIRST = '9999-12-31 23:59:59.999999';
  const LIMIT = 21;
  const cases = () => {
    const [lat, lon] = centre;
    // The recurrence filter (any: 0, NULL; one: 1, 'weekly') sits on the same index.
    const any = [0, null];
    const near = (cat, q, rec = any) => [lat, lat, lon, '7811', ...box(lat, lon, 10), ...cat, ...q, ...rec, 10000, -1, -1, '', '', '', LIMIT,
      ...(q.length ? [] : [300])];
    const area = (cat, after, rec = any) => [lat, lat, lon, '7811', '7811', ...cat, ...rec, after, 10000, LIMIT];
    const recent = (cat, q, rec = any) => [...cat, ...q, ...rec, FIRST, FIRST, '', LIMIT];
    const cat = ['shopping'], q = ['+boodschappen*'];
    return {
      STMT_LIST_NEAR: near([], []),
      STMT_LIST_NEAR_CAT: near(cat, []),
      STMT_LIST_NEAR_Q: near([], q),
      STMT_LIST_NEAR_CAT_Q: near(cat, q),
      STMT_NEAR_AREA: area([], ''),
      STMT_NEAR_AREA_CAT: area(cat, ''),
      'STMT_NEAR_AREA_CAT (page 2)': area(cat, 'xf'),
      STMT_LIST_RECENT: recent([], []),
      STMT_LIST_RECENT_CAT: recent(cat, []),
      STMT_LIST_RECENT_Q: recent([], q),
      STMT_LIST_RECENT_CAT_Q: recent(cat, q),
      // A second page: the keyset condition must still be a range.
      'STMT_LIST_RECENT (page 2)': [0, null, '2026-01-01 12:00:00.000000', '2026-01-01 12:00:00.000000', 'AAAAAAAAAAAAAAAAAAAAAA', LIMIT],
      'STMT_LIST_RECENT (weekly)': recent([], [], [1, 'weekly']),
      'STMT_LIST_NEAR_CAT (weekly)': near(cat, [], [1, 'weekly']),
      'STMT_NEAR_AREA (help once)': area([], '', [1, null]),
      STMT_LIST_OWN: [owner, null, null, FIRST, FIRST, '', LIMIT],
      'STMT_LIST_OWN (status)': [owner, 'open', 'open', FIRST, FIRST, '', LIMIT],
    };
  };

  it('finds the statements of the handler', () => {
    for (const name of Object.keys(cases()).map((k) => k.split(' ')[0]))
      assert.ok(stmts[name], `${name} in handlers/requests/stmts.c`);
  });

  for (const name of ['STMT_LIST_NEAR', 'STMT_LIST_NEAR_CAT', 'STMT_LIST_NEAR_Q', 'STMT_LIST_NEAR_CAT_Q',
    'STMT_LIST_RECENT', 'STMT_LIST_RECENT_CAT', 'STMT_LIST_RECENT_Q', 'STMT_LIST_RECENT_CAT_Q',
    'STMT_NEAR_AREA', 'STMT_NEAR_AREA_CAT',
    'STMT_NEAR_AREA_CAT (page 2)',
    'STMT_LIST_RECENT (page 2)', 'STMT_LIST_OWN', 'STMT_LIST_OWN (status)',
    'STMT_LIST_RECENT (weekly)', 'STMT_LIST_NEAR_CAT (weekly)', 'STMT_NEAR_AREA (help once)']) {
    it(`${name}: no full scan of requests`, (t) => {
      const values = cases()[name];
      const text = bind(stmts[name.split(' ')[0]], values);
      assertIndexed(explain(text, t), { r: 'requests' });
    });
  }

  // The area walk reads one area's requests in id order and stops at the
  // page: on its own key, never a sort of the area (filesort), so that a
  // page costs the same however many requests the area holds.
  for (const [name, key] of [['STMT_NEAR_AREA', 'requests_area'], ['STMT_NEAR_AREA_CAT', 'requests_cat_area']]) {
    it(`${name}: reads the area on ${key} in id order`, (t) => {
      const plan = explain(bind(stmts[name], cases()[name]), t);
      const r = plan.find((p) => p.table === 'r');
      assert.equal(r.key, key);
      assert.doesNotMatch(r.Extra, /filesort/);
    });
  }

  it('LSTMT_NEAR_AREAS (lib): the areas within the radius come from the postcodes index', (t) => {
    const [lat, lon] = centre;
    const plan = explain(bind(libStatements().LSTMT_NEAR_AREAS, [lat, lat, lon, '7811', ...box(lat, lon, 10), 10000, -1, -1, '', 32]), t);
    assertIndexed(plan, { p: 'postcodes' });
  });

  // The box sorts the requests table alone: a distance computed on a joined
  // table would need a temporary table (on disk, with the TEXT columns).
  for (const name of ['STMT_LIST_NEAR', 'STMT_LIST_NEAR_CAT']) {
    it(`${name}: sorts without a temporary table`, (t) => {
      const plan = explain(bind(stmts[name], cases()[name]), t);
      assert.ok(plan.every((p) => !/temporary/.test(p.Extra)), JSON.stringify(plan));
    });
  }
});
