// vacancy_suggestions_explain.test.mjs — GET /me/vacancy-suggestions stays
// fast at 100 000 vacancies (issue 18): STMT_SUGGEST_VACANCIES walks the
// postcode areas nearest first, reads each area's open vacancies on
// vacancies_area and stops at its limit; it never reads every vacancy of a
// box, let alone of the table. The mailer's vacancy alerts (MSTMT_VALERT_*)
// and the figures' statements (STMT_STATS_VACANC*) read on their indexes
// too.
//
// The statements are the handlers' own, through the C preprocessor (see
// lib/explain.mjs), run with the parameters vacancy_suggest.c gives them
// against a fixture far from the demo area: 100 000 vacancies spread over
// the country in every status, plus one area (Maastricht, 6211) crowded
// with more open vacancies than one answer needs; statistics refreshed
// once. The fixture is marked as told to the alerts, so the mailer leaves
// it alone, and is deleted afterwards.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomTag } from './lib/client.mjs';
import { mariadb, handlerStatements, mailerStatements, bind, box, explain, assertIndexed } from './lib/explain.mjs';

const SPREAD = 100000;
const CROWD = 400;
const AREA = '6211';
const CANDIDATES = 100;		// vacancy_suggest.c's CANDIDATES_MAX
const AREAS = 1000;		// vacancy_suggest.c's AREAS_MAX
const MAX_KM = 25;

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

describe('EXPLAIN: vacancy suggestions walk the nearest areas on an index and stop at the limit', () => {
  const tag = randomTag(6);
  const pad = (prefix, n) => `${prefix}${tag}${String(n).padStart(22 - prefix.length - tag.length, '0')}`;
  const org = pad('xg', 0), volunteer = pad('xv', 0);
  let matches, mailer, admin, centre;

  before(() => {
    matches = handlerStatements('matches');
    mailer = mailerStatements();
    admin = handlerStatements('admin');
    const pc = mariadb(`SELECT lat, lon FROM postcodes WHERE pc4 = '${AREA}'`);
    assert.equal(pc.length, 1, `postcode ${AREA} is loaded`);
    centre = pc[0].map(Number);
    mariadb(`INSERT INTO users (id, email_ct, email_bidx, display_name, pc4, roles, status, created_at, updated_at)
      VALUES ('${volunteer}', 'x', UNHEX(SHA2('${volunteer}', 256)), 'Explain fixture', '${AREA}', 'volunteer', 'active', NOW(3), NOW(3));
      INSERT INTO organisations (id, name, description, pc4, lat, lon, active, created_at, updated_at)
      SELECT '${org}', 'Explain fixture', 'Fixture', pc4, lat, lon, 1, NOW(3), NOW(3) FROM postcodes WHERE pc4 = '${AREA}'`);
    const vacancies = (from, count, join, status) => mariadb(`INSERT INTO vacancies (id, organisation_id, title,
        description, pc4, lat, lon, needs_vog, status, created_at, updated_at, alerted_at)
      SELECT CONCAT('xy${tag}', LPAD(s.seq, 14, '0')), '${org}', 'Fixture', 'Fixture', p.pc4, p.lat, p.lon, 0,
        ${status}, NOW(3) - INTERVAL 20 DAY, NOW(3), NOW(3)
      FROM seq_${from}_to_${from + count - 1} s ${join}`);
    vacancies(1, CROWD, `JOIN postcodes p ON p.pc4 = '${AREA}'`, "'open'");
    vacancies(CROWD + 1, SPREAD, `JOIN (SELECT pc4, lat, lon, ROW_NUMBER() OVER (ORDER BY pc4) - 1 AS n FROM postcodes) p
        ON p.n = (s.seq * 7919) % (SELECT COUNT(*) FROM postcodes)`,
    "ELT(1 + s.seq % 6, 'open', 'open', 'open', 'pending', 'closed', 'hidden')");
    mariadb(`INSERT INTO vacancy_talents (vacancy_id, talent_id)
      SELECT id, 'cooking' FROM vacancies WHERE organisation_id = '${org}' AND pc4 = '${AREA}'`);
    mariadb('ANALYZE TABLE vacancies, vacancy_talents, vacancy_categories, vacancy_responses');
  });

  after(() => {
    mariadb(`DELETE FROM organisations WHERE id = '${org}'`);	// vacancies by cascade
    mariadb(`DELETE FROM users WHERE id = '${volunteer}'`);
  });

  const args = () => {
    const [lat, lon] = centre;
    return [lat, lat, lon, ...box(lat, lon, MAX_KM), MAX_KM + 0.001, AREAS, volunteer, volunteer, CANDIDATES];
  };
  const guarded = {
    v: 'vacancies', g: 'organisations', p: 'postcodes', x: 'vacancy_responses', oc: 'organisation_coordinators',
    vt: 'vacancy_talents', vc: 'vacancy_categories',
  };

  it('STMT_SUGGEST_VACANCIES: areas nearest first, each on vacancies_area, no sort of the joined rows', (t) => {
    const plan = explain(bind(matches.STMT_SUGGEST_VACANCIES, args()), t);
    assertIndexed(plan, guarded, ['v', 'g']);
    const walk = plan.filter((p) => p.table === 'v');
    assert.equal(walk.length, 1);
    assert.equal(walk[0].key, 'vacancies_area');
    assert.equal(walk[0].type, 'ref', 'one area at a time');
    assert.equal(plan.find((p) => p.table === 'g').key, 'PRIMARY', 'the organisation by its id');
    assert.match(plan[0].table, /^<derived\d+>$/, 'the areas come first');
    for (const p of plan)
      assert.ok(!/temporary/i.test(p.Extra ?? ''), `no temporary table: ${JSON.stringify(p)}`);
  });

  it('STMT_SUGGEST_VACANCIES: stops at the limit inside the crowded area, at 100 000 vacancies', (t) => {
    const text = bind(matches.STMT_SUGGEST_VACANCIES, args());
    assert.equal(mariadb(text).length, CANDIDATES, 'a full set of candidates');
    const [[json]] = mariadb(`ANALYZE FORMAT=JSON ${text}`);
    const unescaped = json.replace(/\\(.)/g, (_, c) => ({ n: '\n', t: '\t', 0: '\0' })[c] ?? c);
    const read = rowsRead(JSON.parse(unescaped), 'v');
    t.diagnostic(`vacancies: ${read} rows read for ${CANDIDATES} candidates`);
    assert.ok(read <= CANDIDATES + 10, `${read} rows of vacancies read`);
  });

  it('the vacancy alerts job reads its due vacancies and the fitting alerts on their indexes', (t) => {
    const [lat, lon] = centre;
    const due = explain(bind(mailer.MSTMT_VALERT_DUE, [50]), t);
    assertIndexed(due, { v: 'vacancies', g: 'organisations' });
    assert.equal(due.find((p) => p.table === 'v').key, 'vacancies_alert_due');
    const vid = pad('xy', 1);
    const fit = explain(bind(mailer.MSTMT_VALERT_FIT, [vid, ...box(lat, lon, 50), volunteer, lat, lat, lon, vid]), t);
    assertIndexed(fit, { t: 'vacancy_alert_targets' });
    assert.equal(fit.find((p) => p.table === 't').key, 'vacancy_alert_targets_geo');
    for (const p of fit.filter((q) => q.table === 'x'))
      assert.notEqual(p.type, 'index', `the alerts' talents are probed, not read whole: ${JSON.stringify(p)}`);
  });

  it('the figures count vacancies and responses on a range of their indexes', (t) => {
    const period = [1546300800, 1577836800, 'Maastricht', 'Maastricht'];
    const posted = explain(bind(admin.STMT_STATS_VACANCIES, period), t);
    assertIndexed(posted, { v: 'vacancies' });
    assert.equal(posted.find((p) => p.table === 'v').key, 'vacancies_recent');
    for (const name of ['STMT_STATS_VACANCY_RESPONSES', 'STMT_STATS_VACANCY_RESPONDERS']) {
      const plan = explain(bind(admin[name], period), t);
      assertIndexed(plan, { x: 'vacancy_responses', v: 'vacancies' });
      assert.equal(plan.find((p) => p.table === 'x').key, 'vacancy_responses_created', name);
    }
  });
});
