// admin_explain.test.mjs — what the admin handler lists and counts is served
// by an index, never by reading a whole table (DESIGN: radius search on an
// index, keyset paging instead of OFFSET): the directory near a postcode and
// by name, the moderation queue (pending vacancies too), the reports, the audit log by actor and by
// target, and the figures over a period.
//
// The statements EXPLAINed are the handler's own: handlers/admin/stmts.c is
// put through the C preprocessor and the SQL text of each taken from the
// result, so this test cannot drift from the code. They run with realistic
// parameters against tables that hold a few thousand fixture rows, so the
// optimizer has a real choice. The fixture is invisible to every list while
// it exists (a blocked owner, inactive organisations, resolved reports) and
// deleted afterwards; the statistics are refreshed once (ANALYZE TABLE).
//
// Fails when a plan reads one of those tables with type ALL or without a key.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomTag } from './lib/client.mjs';
import { mariadb, handlerStatements, bind, box, explain, assertIndexed } from './lib/explain.mjs';

const ROWS = 4000;

describe('EXPLAIN: what the admin handler lists and counts runs on an index', () => {
  const tag = randomTag(6);
  const pad = (prefix, n) => `${prefix}${tag}${String(n).padStart(22 - prefix.length - tag.length, '0')}`;
  const owner = pad('xa', 0);
  let stmts, centre;

  before(() => {
    stmts = handlerStatements('admin');
    centre = mariadb("SELECT lat, lon FROM postcodes WHERE pc4 = '7811'")[0].map(Number);
    const spread = (alias) => `JOIN (SELECT pc4, lat, lon, ROW_NUMBER() OVER (ORDER BY pc4) - 1 AS n FROM postcodes) ${alias}
        ON ${alias}.n = (s.seq * 7919) % (SELECT COUNT(*) FROM postcodes)`;
    mariadb(`INSERT INTO users (id, email_ct, email_bidx, display_name, pc4, roles, status, created_at, updated_at)
      VALUES ('${owner}', 'x', UNHEX(SHA2('${owner}', 256)), 'Explain fixture', '7811', 'resident,volunteer', 'blocked', NOW(3), NOW(3))`);
    mariadb(`INSERT INTO requests (id, owner_id, posted_as, title, description, category_id, pc4, lat, lon,
        status, created_at, updated_at, expires_at)
      SELECT CONCAT('xr${tag}', LPAD(s.seq, 14, '0')), '${owner}', 'resident', 'Fixture', 'Fixture',
        'shopping', p.pc4, p.lat, p.lon,
        ELT(1 + s.seq % 6, 'open', 'pending', 'matched', 'completed', 'cancelled', 'expired'),
        NOW(3) - INTERVAL s.seq * 5 HOUR, NOW(3), NOW(3) + INTERVAL 30 DAY
      FROM seq_1_to_${ROWS} s ${spread('p')}`);
    mariadb(`INSERT INTO matches (id, request_id, volunteer_id, initiated_by, status, hours, created_at,
        accepted_at, completed_at, updated_at)
      SELECT CONCAT('xm${tag}', LPAD(s.seq, 14, '0')), CONCAT('xr${tag}', LPAD(s.seq, 14, '0')), '${owner}', 'volunteer',
        ELT(1 + s.seq % 4, 'responded', 'accepted', 'completed', 'declined'), IF(s.seq % 4 = 2, 2.5, NULL),
        NOW(3) - INTERVAL s.seq * 5 HOUR + INTERVAL 1 HOUR,
        IF(s.seq % 4 IN (1, 2), NOW(3) - INTERVAL s.seq * 5 HOUR + INTERVAL 2 HOUR, NULL),
        IF(s.seq % 4 = 2, NOW(3) - INTERVAL s.seq * 5 HOUR + INTERVAL 3 HOUR, NULL), NOW(3)
      FROM seq_1_to_${ROWS} s`);
    mariadb(`INSERT INTO offers (id, volunteer_id, title, description, pc4, lat, lon, radius_km, status, created_at, updated_at)
      SELECT CONCAT('xo${tag}', LPAD(s.seq, 14, '0')), '${owner}', 'Fixture', 'Fixture', p.pc4, p.lat, p.lon, 5,
        ELT(1 + s.seq % 4, 'active', 'pending', 'paused', 'hidden'), NOW(3) - INTERVAL s.seq * 5 HOUR, NOW(3)
      FROM seq_1_to_${ROWS} s ${spread('p')}`);
    mariadb(`INSERT INTO organisations (id, name, description, pc4, lat, lon, active, created_at, updated_at)
      SELECT CONCAT('xg${tag}', LPAD(s.seq, 14, '0')), CONCAT('Fixture ', s.seq), 'Fixture', p.pc4, p.lat, p.lon,
        0, NOW(3), NOW(3)
      FROM seq_1_to_${ROWS} s ${spread('p')}`);
    // Vacancies of those inactive organisations (issue 18 part 2): the
    // queue lists pending ones of organisations in the directory only.
    mariadb(`INSERT INTO vacancies (id, organisation_id, title, description, pc4, lat, lon, status, created_at, updated_at)
      SELECT CONCAT('xv${tag}', LPAD(s.seq, 14, '0')), CONCAT('xg${tag}', LPAD(s.seq, 14, '0')), 'Fixture', 'Fixture',
        p.pc4, p.lat, p.lon, ELT(1 + s.seq % 4, 'open', 'pending', 'closed', 'hidden'),
        NOW(3) - INTERVAL s.seq * 5 HOUR, NOW(3)
      FROM seq_1_to_${ROWS} s ${spread('p')}`);
    mariadb(`INSERT INTO reports (id, reporter_id, target_type, target_id, reason, status, resolution, created_at, resolved_at)
      SELECT CONCAT('xp${tag}', LPAD(s.seq, 14, '0')), '${owner}', 'user', '${owner}', 'Fixture', 'resolved', 'dismiss',
        NOW(3) - INTERVAL s.seq HOUR, NOW(3)
      FROM seq_1_to_${ROWS} s`);
    mariadb(`INSERT INTO audit_log (at, actor_id, action, target_type, target_id, detail)
      SELECT NOW(3), CONCAT('xu${tag}', LPAD(s.seq % 50, 14, '0')), 'fixture', 'fixture',
        CONCAT('xt${tag}', LPAD(s.seq % 200, 14, '0')), NULL
      FROM seq_1_to_${ROWS} s`);
    mariadb('ANALYZE TABLE requests, matches, offers, organisations, vacancies, reports, audit_log');
  });

  after(() => {
    mariadb(`DELETE FROM audit_log WHERE action = 'fixture' AND actor_id LIKE 'xu${tag}%';
      DELETE FROM reports WHERE reporter_id = '${owner}';
      DELETE FROM organisations WHERE id LIKE 'xg${tag}%';
      DELETE FROM offers WHERE volunteer_id = '${owner}';
      DELETE FROM matches WHERE volunteer_id = '${owner}';
      DELETE FROM requests WHERE owner_id = '${owner}';
      DELETE FROM users WHERE id = '${owner}'`);
  });

  const LIMIT = 21;
  const KEY = '2026-01-01 12:00:00.000000';
  const ID = 'AAAAAAAAAAAAAAAAAAAAAA';
  // name → [statement, values, {alias: table} that must not be scanned]
  const cases = () => {
    const [lat, lon] = centre ?? [52.78, 6.9];	// (only the names are needed before)
    const near = (cat, pat, page) => [lat, lat, lon, ...box(lat, lon, 25), 25000, cat, cat, pat, pat, pat,
      page ? 1234 : null, 1234, 1234, page ? ID : null, LIMIT];
    // A month: with a few years of data, a fraction of the table. (A period
    // that holds most of the table is rightly read whole.)
    const from = new Date(Date.now() - 200 * 86400e3).toISOString().slice(0, 10) + ' 00:00:00';
    const to = new Date(Date.now() - 170 * 86400e3).toISOString().slice(0, 10) + ' 00:00:00';
    const days = [from.slice(0, 10), to.slice(0, 10)];
    return {
      'organisations near': ['STMT_ORG_NEAR', near(null, null, false), { b: 'organisations' }],
      'organisations near, by category, page 2': ['STMT_ORG_NEAR', near('respite', null, true), { b: 'organisations' }],
      'organisations by name': ['STMT_ORG_LIST', [null, null, null, null, null, null, null, null, null, LIMIT], { o: 'organisations' }],
      'organisations by name, page 2': ['STMT_ORG_LIST', [null, null, null, null, null, 'Humanitas', 'Humanitas', 'Humanitas', ID, LIMIT], { o: 'organisations' }],
      'queue': ['STMT_QUEUE', [null, null, null, null, LIMIT, null, null, null, null, LIMIT, null, null, null, null, LIMIT, LIMIT], { r: 'requests', o: 'offers', v: 'vacancies' }],
      'queue, page 2': ['STMT_QUEUE', [KEY, KEY, KEY, ID, LIMIT, KEY, KEY, KEY, ID, LIMIT, KEY, KEY, KEY, ID, LIMIT, LIMIT], { r: 'requests', o: 'offers', v: 'vacancies' }],
      'open reports': ['STMT_REPORTS_LIST', ['open', null, null, null, null, LIMIT], { r: 'reports' }],
      'resolved reports, page 2': ['STMT_REPORTS_LIST', ['resolved', KEY, KEY, KEY, ID, LIMIT], { r: 'reports' }],
      'audit log': ['STMT_AUDIT_LIST', [null, null, null, null, null, null, LIMIT], { a: 'audit_log' }],
      'audit log by actor': ['STMT_AUDIT_LIST', [pad('xu', 7), pad('xu', 7), null, null, null, null, LIMIT], { a: 'audit_log' }],
      'audit log by target, page 2': ['STMT_AUDIT_LIST', [null, null, pad('xt', 9), pad('xt', 9), 999999, 999999, LIMIT], { a: 'audit_log' }],
      // Since issue 15 the figures read, with a municipality, each person's
      // items per year (migration 071) on their primary key; for all
      // municipalities the fact tables of migration 070 on their day keys.
      'figures: the people and their requests': ['STMT_STATS_OWNERS', ['Emmen', 2025, 2026], { stats_owner_items: 'stats_owner_items' }],
      'figures: the same, all municipalities': ['STMT_STATS_OWNERS_ALL', [...days], { stats_requests: 'stats_requests' }],
      'figures: the volunteers and their matches': ['STMT_STATS_VOLUNTEERS', ['Emmen', 2025, 2026], { stats_volunteer_items: 'stats_volunteer_items' }],
      'figures: the same, all municipalities ': ['STMT_STATS_VOLUNTEERS_ALL', [...days], { stats_matches: 'stats_matches' }],
    };
  };

  it('finds the statements of the handler', () => {
    for (const [stmt] of Object.values(cases())) assert.ok(stmts[stmt], `${stmt} in handlers/admin/stmts.c`);
  });

  for (const name of Object.keys(cases())) {
    it(`${name}: no full scan`, (t) => {
      const [stmt, values, guarded] = cases()[name];
      // The figures' statements say SET STATEMENT ... FOR first, which EXPLAIN does not take.
      assertIndexed(explain(bind(stmts[stmt].replace(/^SET STATEMENT .*? FOR /, ''), values), t), guarded);
    });
  }
});
