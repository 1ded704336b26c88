// matches_explain.test.mjs — suggestions walk the postcode areas nearest
// first and stop at their limit: GET /requests/{id}/suggestions reads the
// nearest areas' offers on offers_area_newest, GET /me/suggestions the
// nearest areas' requests on requests_cat_area_newest (each area newest
// first: migration 112), and neither reads every offer or
// request of a box, let alone of the table (DESIGN: radius search on an
// index; docs/performance.md: at 1 M rows the box query read 52 000 offers
// for one answer).
//
// The statements are the handler's own: handlers/matches/stmts.c is put
// through the C preprocessor and the SQL text of each taken from the result,
// so this test cannot drift from the code. They run with the parameters
// suggest.c gives them against a fixture far from the demo area (Maastricht,
// 6211): a few thousand offers and requests spread over the country, plus
// one area crowded with more fitting offers and requests than one answer
// needs. Its volunteer and its resident are active (a candidate must pass
// every test for the walk to stop), the fixture is old and far from every
// other test's postcodes, and it is deleted afterwards; the statistics are
// refreshed once (ANALYZE TABLE).
//
// Fails when a plan reads offers, requests or their neighbours with type ALL
// or without a key, when it sorts the joined rows (a temporary table: every
// candidate would be read before the first is sent), or when the crowded
// area's rows are read past the limit.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomTag } from './lib/client.mjs';
import { mariadb, handlerStatements, bind, box, explain, assertIndexed } from './lib/explain.mjs';

const SPREAD = 3000;		// offers, and requests, over the whole country
const CROWD = 400;		// offers, and requests, in the crowded area
const AREA = '6211';
const CANDIDATES = 100;		// suggest.c's CANDIDATES_MAX
const AREAS = 1000;		// suggest.c's AREAS_MAX
const MAX_KM = 25;

// The rows one table of an ANALYZE FORMAT=JSON plan read (r_rows over all
// its loops), by alias; plan rows found anywhere in the tree.
function rowsRead(analyzed, alias) {
  let total = null;
  const walk = (x) => {
    if (Array.isArray(x)) { x.forEach(walk); return; }
    if (x === null || typeof x !== 'object') return;
    if (x.table && x.table.table_name === alias)
      total = (total ?? 0) + Number(x.table.r_rows) * Number(x.table.r_loops);
    Object.values(x).forEach(walk);
  };
  walk(analyzed);
  assert.notEqual(total, null, `the plan reads ${alias}`);
  return total;
}

describe('EXPLAIN: suggestions walk the nearest areas on an index and stop at the limit', () => {
  const tag = randomTag(6);
  const pad = (prefix, n) => `${prefix}${tag}${String(n).padStart(22 - prefix.length - tag.length, '0')}`;
  const volunteer = pad('xv', 0), resident = pad('xw', 0);
  const crowdedOffer = pad('xo', 1), crowdedRequest = pad('xq', 1);
  let stmts, centre;

  before(() => {
    stmts = handlerStatements('matches');
    const pc = mariadb(`SELECT lat, lon FROM postcodes WHERE pc4 = '${AREA}'`);
    assert.equal(pc.length, 1, `postcode ${AREA} is loaded`);
    centre = pc[0].map(Number);
    const spread = `JOIN (SELECT pc4, lat, lon, ROW_NUMBER() OVER (ORDER BY pc4) - 1 AS n FROM postcodes) p
        ON p.n = (s.seq * 7919) % (SELECT COUNT(*) FROM postcodes)`;
    const crowd = `JOIN postcodes p ON p.pc4 = '${AREA}'`;
    mariadb(`INSERT INTO users (id, email_ct, email_bidx, display_name, pc4, roles, status, created_at, updated_at)
      VALUES ('${volunteer}', 'x', UNHEX(SHA2('${volunteer}', 256)), 'Explain fixture', '${AREA}', 'volunteer', 'active', NOW(3), NOW(3)),
        ('${resident}', 'x', UNHEX(SHA2('${resident}', 256)), 'Explain fixture', '${AREA}', 'resident', 'active', NOW(3), NOW(3))`);
    // Offers 1..CROWD in the crowded area, all active; the rest spread, in
    // every status. Every other crowded one is for pets (the category asked).
    const offers = (from, count, where, status) => mariadb(`INSERT INTO offers (id, volunteer_id, title, description,
        pc4, lat, lon, radius_km, status, created_at, updated_at)
      SELECT CONCAT('xo${tag}', LPAD(s.seq, 14, '0')), '${volunteer}', 'Fixture', 'Fixture',
        p.pc4, p.lat, p.lon, ELT(1 + s.seq % 5, 3, 5, 10, 15, 25), ${status},
        NOW(3) - INTERVAL 20 DAY + INTERVAL s.seq SECOND, NOW(3)
      FROM seq_${from}_to_${from + count - 1} s ${where}`);
    offers(1, CROWD, crowd, "'active'");
    offers(CROWD + 1, SPREAD, spread, "ELT(1 + s.seq % 6, 'active', 'active', 'active', 'pending', 'paused', 'deleted')");
    mariadb(`INSERT INTO offer_categories (offer_id, category_id)
      SELECT o.id, IF(CAST(SUBSTRING(o.id, 9) AS UNSIGNED) % 2 = 1, 'pets',
        ELT(1 + CAST(SUBSTRING(o.id, 9) AS UNSIGNED) % 5, 'shopping', 'garden', 'company', 'meals', 'digital'))
      FROM offers o WHERE o.volunteer_id = '${volunteer}'`);
    // Requests likewise: the crowded ones open, every other one for pets.
    const requests = (from, count, where, status) => mariadb(`INSERT INTO requests (id, owner_id, posted_as, title,
        description, category_id, pc4, lat, lon, status, created_at, updated_at, expires_at)
      SELECT CONCAT('xq${tag}', LPAD(s.seq, 14, '0')), '${resident}', 'resident', 'Fixture', 'Fixture',
        IF(s.seq % 2 = 1, 'pets', 'shopping'), p.pc4, p.lat, p.lon, ${status},
        NOW(3) - INTERVAL 20 DAY + INTERVAL s.seq SECOND, NOW(3), NOW(3) + INTERVAL 10 DAY
      FROM seq_${from}_to_${from + count - 1} s ${where}`);
    requests(1, CROWD, crowd, "'open'");
    requests(CROWD + 1, SPREAD, spread, "ELT(1 + s.seq % 6, 'open', 'open', 'open', 'pending', 'cancelled', 'completed')");
    mariadb('ANALYZE TABLE offers, offer_categories, requests');
  });

  after(() => {
    // Categories go with their offer (ON DELETE CASCADE).
    mariadb(`DELETE FROM offers WHERE volunteer_id = '${volunteer}'`);
    mariadb(`DELETE FROM requests WHERE owner_id = '${resident}'`);
    mariadb(`DELETE FROM users WHERE id IN ('${volunteer}', '${resident}')`);
  });

  // The parameters suggest.c gives: the areas around the centre within the
  // maximum (or the offer's reach), then the rest.
  const areas = (km) => {
    const [lat, lon] = centre;
    return [lat, lat, lon, ...box(lat, lon, km), km + 0.001, AREAS];
  };
  const cases = () => ({
    // A pets request of the resident in the crowded area: who could help.
    STMT_SUGGEST_OFFERS: [...areas(MAX_KM), 'pets', resident, crowdedRequest, CANDIDATES],
    // A pets offer of the volunteer there (radius 5): what they could do.
    STMT_SUGGEST_REQUESTS: [...areas(5), crowdedOffer, volunteer, volunteer, CANDIDATES],
  });
  const guarded = {
    STMT_SUGGEST_OFFERS: {
      o: 'offers', oc: 'offer_categories', u: 'users', x: 'matches', h: 'matches',
      s: 'offer_slots', p: 'postcodes',
    },
    STMT_SUGGEST_REQUESTS: {
      r: 'requests', oc: 'offer_categories', c: 'categories', p: 'postcodes', u: 'users', x: 'matches',
    },
  };
  const walked = {
    STMT_SUGGEST_OFFERS: ['o', 'offers_area_newest'],
    STMT_SUGGEST_REQUESTS: ['r', 'requests_cat_area_newest'],
  };

  for (const name of Object.keys(walked)) {
    it(`${name}: areas nearest first, each on ${walked[name][1]}, no sort of the joined rows`, (t) => {
      const [alias, key] = walked[name];
      const plan = explain(bind(stmts[name], cases()[name]), t);
      assertIndexed(plan, guarded[name], [alias]);
      const walk = plan.filter((p) => p.table === alias);
      assert.equal(walk.length, 1);
      assert.equal(walk[0].key, key, `${alias} is read on ${key}`);
      assert.equal(walk[0].type, 'ref', `${alias}: one area at a time`);
      assert.match(plan[0].table, /^<derived\d+>$/, 'the areas come first');
      for (const p of plan)
        assert.ok(!/temporary/i.test(p.Extra ?? ''), `no temporary table: ${JSON.stringify(p)}`);
    });

    it(`${name}: stops at the limit inside the crowded area`, (t) => {
      const [alias] = walked[name];
      const text = bind(stmts[name], cases()[name]);
      const rows = mariadb(text);
      assert.equal(rows.length, CANDIDATES, 'a full set of candidates');
      // Newest first within the area (row n is n seconds newer than row
      // n - 1): the fitting crowded rows CROWD - 1, CROWD - 3, ... — not the
      // lowest ids, which would keep a new one out of a crowded area.
      const seqs = rows.map((row) => Number(row[0].slice(-14)));
      assert.deepEqual(seqs.slice(0, 3), [CROWD - 1, CROWD - 3, CROWD - 5], 'the newest first');
      assert.ok(seqs.every((n, i) => i === 0 || n < seqs[i - 1]), 'newest first throughout');
      // The client's batch mode writes a newline as \n and a backslash as \\.
      const [[json]] = mariadb(`ANALYZE FORMAT=JSON ${text}`);
      const unescaped = json.replace(/\\(.)/g, (_, c) => ({ n: '\n', t: '\t', 0: '\0' })[c] ?? c);
      const read = rowsRead(JSON.parse(unescaped), alias);
      t.diagnostic(`${alias}: ${read} rows read for ${CANDIDATES} candidates`);
      // Every other crowded row fits: about twice the limit, never the
      // whole area, let alone the spread.
      assert.ok(read <= 2 * CANDIDATES + 10, `${read} rows of ${alias} read`);
    });
  }
});
