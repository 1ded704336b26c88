// alerts_explain.test.mjs — a request that goes public finds its fitting
// alerts by an index walk, never by reading every alert (issue 13: at most
// 20 ms of database time at 50 000 alerts, docs/performance.md).
//
// The statements are the requests handler's own (handlers/requests/stmts.c
// through the C preprocessor, as the other EXPLAIN tests read theirs):
// STMT_ALERTS_NOTIFY writes the events of the fitting alerts, STMT_ALERTS_MAIL
// the mail of the instant ones, each selecting on alert_targets. They run
// with the parameters handlers/requests/public.c gives them (a shopping
// request in Emmen 7811, the box of the largest alert radius, 50 km)
// against a fixture of a few thousand alerts spread over every PC4 area of
// the country, in every category and 'any', of a blocked user (so nobody
// real is told anything while it exists), deleted afterwards; statistics
// refreshed once (ANALYZE TABLE).
//
// Fails when a plan reads alert_targets other than on alert_targets_geo,
// or any table of the statement with type ALL.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomTag } from './lib/client.mjs';
import { mariadb, handlerStatements, bind, box, explain, assertIndexed } from './lib/explain.mjs';

const ALERTS = 4000;
const ALERT_RADIUS_MAX_KM = 50;		// handlers/requests/public.c

describe('EXPLAIN: a new public request finds its alerts on alert_targets_geo', () => {
  const tag = randomTag(6);
  const user = `xa${tag}`.padEnd(22, '0');
  const owner = `xo${tag}`.padEnd(22, '0');
  let stmts, centre;

  before(() => {
    stmts = handlerStatements('requests');
    const pc = mariadb("SELECT lat, lon FROM postcodes WHERE pc4 = '7811'");
    assert.equal(pc.length, 1, 'postcode 7811 is loaded');
    centre = pc[0].map(Number);
    // Alerts in every area, radius 1-25 km, 1-3 categories or any.
    mariadb(`INSERT INTO users (id, email_ct, email_bidx, display_name, pc4, roles, status, created_at, updated_at)
        VALUES ('${user}', 'x', UNHEX(SHA2('${user}', 256)), 'Explain fixture', '7811', 'volunteer', 'blocked', NOW(3), NOW(3));
      INSERT INTO alerts (id, user_id, pc4, lat, lon, radius_km, frequency, created_at)
        SELECT CONCAT('xa${tag}', LPAD(s.seq, 14, '0')), '${user}', p.pc4, p.lat, p.lon,
          ELT(1 + s.seq % 6, 1, 3, 5, 10, 15, 25), IF(s.seq % 3 = 0, 'instant', 'daily'), NOW(3)
        FROM seq_1_to_${ALERTS} s
        JOIN (SELECT pc4, lat, lon, ROW_NUMBER() OVER (ORDER BY pc4) - 1 AS n FROM postcodes) p
          ON p.n = (s.seq * 7919) % (SELECT COUNT(*) FROM postcodes);
      INSERT INTO alert_targets (alert_id, category_id, user_id, lat, lon, radius_km, frequency)
        SELECT a.id, IF(a.n % 5 = 0, '', c.id), a.user_id, a.lat, a.lon, a.radius_km, a.frequency
        FROM (SELECT id, user_id, lat, lon, radius_km, frequency, CAST(SUBSTRING(id, 9) AS UNSIGNED) AS n
              FROM alerts WHERE user_id = '${user}') a
        JOIN seq_1_to_3 j ON j.seq <= IF(a.n % 5 = 0, 1, 1 + a.n % 3)
        JOIN (SELECT id, ROW_NUMBER() OVER (ORDER BY id) - 1 AS k FROM categories) c
          ON c.k = (a.n + 3 * j.seq) % (SELECT COUNT(*) FROM categories);
      INSERT INTO notifications (id, user_id, kind, link, email, created_at)
        SELECT CONCAT('xn${tag}', LPAD(s.seq, 14, '0')), '${user}', 'alert.request', '/', 'instant', NOW(3)
        FROM seq_1_to_200 s;
      ANALYZE TABLE alerts, alert_targets, notifications;`);
    const n = Number(mariadb(`SELECT COUNT(*) FROM alert_targets WHERE user_id = '${user}'`)[0][0]);
    assert.ok(n >= ALERTS, `only ${n} fixture targets`);
  });

  after(() => {
    // alerts take their targets with them, the user their notifications
    // (ON DELETE CASCADE). The fixture's notifications give the table
    // enough rows that its plan is the one of a live site: on a nearly
    // empty table MariaDB reads it whole whatever the hint.
    mariadb(`DELETE FROM alerts WHERE user_id = '${user}'; DELETE FROM users WHERE id = '${user}';`);
  });

  // public.c's parameters: the fitting part after the statement's own.
  const fit = () => {
    const [lat, lon] = centre;
    return ['shopping', ...box(lat, lon, ALERT_RADIUS_MAX_KM), owner, lat, lat, lon];
  };
  const salt = `s${tag}`.padEnd(22, '0');
  const cases = () => ({
    STMT_ALERTS_NOTIFY: [salt, '/hulpvraag.html?id=x', 'Boodschappen doen', `alert:x${tag}`, ...fit()],
    STMT_ALERTS_MAIL: [salt, ...fit()],
  });

  for (const name of ['STMT_ALERTS_NOTIFY', 'STMT_ALERTS_MAIL']) {
    it(`${name}: reads alert_targets on alert_targets_geo, no table with type ALL`, (t) => {
      assert.ok(stmts[name], `${name} in handlers/requests/stmts.c`);
      const plan = explain(bind(stmts[name], cases()[name]), t);
      const guarded = name === 'STMT_ALERTS_NOTIFY'
        ? { t: 'alert_targets', u: 'users', s: 'notification_settings' }
        : { t: 'alert_targets', n: 'notifications' };
      assertIndexed(plan, guarded);
      const targets = plan.find((p) => p.table === 't');
      assert.equal(targets.key, 'alert_targets_geo');
      assert.equal(targets.type, 'range');
      // The mail's events by their id (made of the salt), one row each:
      // never the instant events of everyone on notifications_daily.
      if (name === 'STMT_ALERTS_MAIL') assert.equal(plan.find((p) => p.table === 'n').key, 'PRIMARY');
    });
  }
});
