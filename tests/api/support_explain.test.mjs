// support_explain.test.mjs — lib/support.c's one statement (the directory
// entries of home care, respite care and caregiver support near a place,
// issue 17) reads organisations on their geo index, never whole: EXPLAIN of
// LSTMT_SUPPORT_NEAR as lib/stmts.c has it (through the C preprocessor),
// against a few thousand inactive fixture organisations spread over the
// country (invisible to every list while they exist, deleted afterwards).

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomTag } from './lib/client.mjs';
import { mariadb, libStatements, bind, box, explain, assertIndexed } from './lib/explain.mjs';

const ROWS = 4000;

describe('EXPLAIN: professional support near a place runs on an index', () => {
  const tag = randomTag(6);
  let stmts, centre;

  before(() => {
    stmts = libStatements();
    centre = mariadb("SELECT lat, lon FROM postcodes WHERE pc4 = '7811'")[0].map(Number);
    mariadb(`INSERT INTO organisations (id, name, description, pc4, lat, lon, active, created_at, updated_at)
      SELECT CONCAT('xs${tag}', LPAD(s.seq, 14, '0')), CONCAT('Fixture ', s.seq), 'Fixture', p.pc4, p.lat, p.lon,
        0, NOW(3), NOW(3)
      FROM seq_1_to_${ROWS} s JOIN (SELECT pc4, lat, lon, ROW_NUMBER() OVER (ORDER BY pc4) - 1 AS n FROM postcodes) p
        ON p.n = (s.seq * 7919) % (SELECT COUNT(*) FROM postcodes)`);
    mariadb(`INSERT INTO organisation_categories (organisation_id, category_id)
      SELECT id, ELT(1 + CAST(SUBSTRING(id, 9) AS UNSIGNED) % 3, 'home-care', 'respite', 'caregiver-support')
      FROM organisations WHERE id LIKE 'xs${tag}%'`);
    mariadb('ANALYZE TABLE organisations, organisation_categories');
  });

  after(() => {
    mariadb(`DELETE FROM organisations WHERE id LIKE 'xs${tag}%'`);
  });

  it('finds the statement in lib/stmts.c', () => {
    assert.ok(stmts.LSTMT_SUPPORT_NEAR);
  });

  for (const [name, cats] of [['all three kinds', ['home-care', 'respite', 'caregiver-support']],
    ['home care only', ['home-care', null, null]]]) {
    it(`${name}: no full scan of organisations`, (t) => {
      const [lat, lon] = centre;
      const values = [lat, lat, lon, ...box(lat, lon, 25), 25000, ...cats, 5];
      const plan = explain(bind(stmts.LSTMT_SUPPORT_NEAR, values), t);
      assertIndexed(plan, { b: 'organisations' });
      assertIndexed(plan, { f: 'organisation_categories' }, []);
    });
  }
});
