// vacancies_explain.test.mjs — every list of vacancies runs on an index
// (issue 18 part 2; DESIGN: radius search on an index, keyset paging
// instead of OFFSET), so that the search near a postcode stays fast at
// 100 000 vacancies: the box on vacancies_geo (read with LIMIT ROWS
// EXAMINED), one area's vacancies on vacancies_area, newest first on
// vacancies_recent, a coordinator's list on vacancies_org, a volunteer's
// and a vacancy's responses on their keys; the talent and category filters
// probe primary keys. The statements are the handlers' own
// (handlers/offers/stmts.c, handlers/matches/stmts.c through the C
// preprocessor), run with realistic parameters against a few thousand
// fixture vacancies of an organisation that is not in the directory (so
// none of it is ever listed), deleted afterwards.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomTag } from './lib/client.mjs';
import { mariadb, handlerStatements, bind, box, explain, assertIndexed } from './lib/explain.mjs';

const ROWS = 5000;
const FIRST = '9999-12-31 23:59:59.999999';
const KEY = '2026-01-01 12:00:00.000000';
const NOTHING = 'AAAAAAAAAAAAAAAAAAAAAA';
const LIMIT = 21;

describe('EXPLAIN: every list of vacancies runs on an index', () => {
  const tag = randomTag(6);
  const org = `xg${tag}${'0'.repeat(14)}`;
  const volunteer = `xw${tag}${'0'.repeat(14)}`;
  let offers, matches, centre;

  before(() => {
    offers = handlerStatements('offers');
    matches = handlerStatements('matches');
    centre = mariadb("SELECT lat, lon FROM postcodes WHERE pc4 = '7811'")[0].map(Number);
    mariadb(`INSERT INTO organisations (id, name, description, pc4, lat, lon, active, created_at, updated_at)
      VALUES ('${org}', 'Explain fixture', 'Fixture', '7811', 0, 0, 0, NOW(3), NOW(3))`);
    mariadb(`INSERT INTO users (id, email_ct, email_bidx, display_name, pc4, roles, status, created_at, updated_at)
      VALUES ('${volunteer}', 'x', UNHEX(SHA2('${volunteer}', 256)), 'Explain fixture', '7811', 'volunteer', 'blocked', NOW(3), NOW(3))`);
    // Spread over every PC4 area, mostly open, over a month; two talents
    // and one category each; a response on every tenth.
    mariadb(`INSERT INTO vacancies (id, organisation_id, title, description, pc4, lat, lon, status, created_at, updated_at)
      SELECT CONCAT('xv${tag}', LPAD(s.seq, 14, '0')), '${org}', CONCAT('Vrijwilliger gezocht ', s.seq),
        CONCAT('Tuin, koken of gezelschap, nummer ', s.seq), p.pc4, p.lat, p.lon,
        ELT(1 + s.seq % 5, 'open', 'open', 'open', 'pending', 'closed'),
        NOW(3) - INTERVAL s.seq * 7 MINUTE, NOW(3)
      FROM seq_1_to_${ROWS} s
      JOIN (SELECT pc4, lat, lon, ROW_NUMBER() OVER (ORDER BY pc4) - 1 AS n FROM postcodes) p
        ON p.n = (s.seq * 7919) % (SELECT COUNT(*) FROM postcodes)`);
    mariadb(`INSERT INTO vacancy_talents (vacancy_id, talent_id)
      SELECT v.id, t.id FROM vacancies v
      JOIN (SELECT id, ROW_NUMBER() OVER (ORDER BY id) - 1 AS n FROM talents) t
        ON t.n IN (CAST(SUBSTRING(v.id, 9) AS UNSIGNED) % 16, (CAST(SUBSTRING(v.id, 9) AS UNSIGNED) * 3 + 1) % 16)
      WHERE v.organisation_id = '${org}'`);
    mariadb(`INSERT INTO vacancy_categories (vacancy_id, category_id)
      SELECT v.id, c.id FROM vacancies v
      JOIN (SELECT id, ROW_NUMBER() OVER (ORDER BY id) - 1 AS n FROM categories) c
        ON c.n = CAST(SUBSTRING(v.id, 9) AS UNSIGNED) % 10
      WHERE v.organisation_id = '${org}'`);
    mariadb(`INSERT INTO vacancy_responses (id, vacancy_id, volunteer_id, created_at, updated_at)
      SELECT CONCAT('xr', SUBSTRING(v.id, 3)), v.id, '${volunteer}', v.created_at, v.created_at
      FROM vacancies v WHERE v.organisation_id = '${org}' AND CAST(SUBSTRING(v.id, 9) AS UNSIGNED) % 10 = 0`);
    const n = Number(mariadb(`SELECT COUNT(*) FROM vacancies WHERE organisation_id = '${org}'`)[0][0]);
    assert.ok(n >= ROWS * 0.9, `only ${n} fixture rows`);
    mariadb('ANALYZE TABLE vacancies, vacancy_talents, vacancy_categories, vacancy_responses');
  });

  after(() => {
    // Talents, categories and responses go with their vacancy (ON DELETE
    // CASCADE), the vacancies with their organisation.
    mariadb(`DELETE FROM organisations WHERE id = '${org}'`);
    mariadb(`DELETE FROM users WHERE id = '${volunteer}'`);
  });

  const cases = () => {
    const [lat, lon] = centre ?? [52.78, 6.9];	// (only the names are needed before)
    const near = (talent, cat, after = [-1, -1, '', '', ''], words = null) =>
      [lat, lat, lon, '7811', ...box(lat, lon, 25), talent, talent, cat, cat, words, words, 25000, ...after, LIMIT, 300];
    const area = (talent, cat, after = '', words = null) =>
      [lat, lat, lon, '7811', '7811', after, talent, talent, cat, cat, words, words, 25000, LIMIT];
    const recent = (talent, cat, after = [FIRST, FIRST, ''], words = null) =>
      [talent, talent, cat, cat, words, words, ...after, LIMIT];
    return {
      STMT_VACANCIES_NEAR: near(null, null),
      'STMT_VACANCIES_NEAR (talent)': near('cooking', null),
      'STMT_VACANCIES_NEAR (category)': near(null, 'garden'),
      'STMT_VACANCIES_NEAR (talent, category, page 2)': near('cooking', 'garden', [1200, 1200, '7811', '7811', NOTHING]),
      'STMT_VACANCIES_NEAR (q)': near(null, null, undefined, '+tuin*'),
      STMT_VACANCIES_NEAR_AREA: area(null, null),
      'STMT_VACANCIES_NEAR_AREA (talent, category)': area('cooking', 'garden'),
      'STMT_VACANCIES_NEAR_AREA (page 2)': area(null, null, NOTHING),
      'STMT_VACANCIES_NEAR_AREA (q)': area(null, null, '', '+tuin*'),
      STMT_VACANCIES_RECENT: recent(null, null),
      'STMT_VACANCIES_RECENT (talent)': recent('cooking', null),
      'STMT_VACANCIES_RECENT (category, page 2)': recent(null, 'garden', [KEY, KEY, NOTHING]),
      'STMT_VACANCIES_RECENT (q)': recent(null, null, undefined, '+tuin*'),
      STMT_VACANCIES_OF_ORG: [org, FIRST, FIRST, '', LIMIT],
      'STMT_VACANCIES_OF_ORG (page 2)': [org, KEY, KEY, NOTHING, LIMIT],
      STMT_VACANCY_GET: [`xv${tag}${'1'.padStart(14, '0')}`],
    };
  };

  it('finds the statements of the handlers', () => {
    for (const name of Object.keys(cases()).map((k) => k.split(' ')[0]))
      assert.ok(offers[name], `${name} in handlers/offers/stmts.c`);
    for (const name of ['STMT_VR_OF_VACANCY', 'STMT_VR_MINE', 'STMT_VR_MESSAGES_LIST'])
      assert.ok(matches[name], `${name} in handlers/matches/stmts.c`);
  });

  for (const name of Object.keys(cases())) {
    it(`${name}: no full scan of vacancies, their talents or categories`, (t) => {
      const text = bind(offers[name.split(' ')[0]], cases()[name]);
      assertIndexed(explain(text, t), {
        v: 'vacancies', vt: 'vacancy_talents', vc: 'vacancy_categories',
        ft: 'vacancy_talents', fc: 'vacancy_categories',
      }, ['v']);
    });
  }

  it('the responses of a vacancy, a volunteer\'s and a conversation: no full scan', (t) => {
    const v1 = `xv${tag}${'10'.padStart(14, '0')}`;
    const guarded = { vr: 'vacancy_responses', v: 'vacancies', m: 'vacancy_messages', g: 'vacancy_messages' };
    assertIndexed(explain(bind(matches.STMT_VR_OF_VACANCY, [v1, FIRST, FIRST, '', LIMIT]), t), guarded, ['vr']);
    assertIndexed(explain(bind(matches.STMT_VR_MINE, [volunteer, KEY, KEY, NOTHING, LIMIT]), t), guarded, ['vr']);
    assertIndexed(explain(bind(matches.STMT_VR_MESSAGES_LIST, [`xr${tag}${'10'.padStart(14, '0')}`, null, null, null, LIMIT]), t),
      guarded, ['g']);
  });
});
