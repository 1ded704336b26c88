// mailer_explain.test.mjs — the mailer's queries that run all day long read
// an index range, never the table: claiming due mail walks outbox_due past
// no sent row (the outbox is mostly sent mail), the digest finds its users
// and each digest its events on notifications_daily (most events are
// instant or already in a digest), the follow-ups find accepted matches
// on matches_reminder. The statements are the mailer's own (mailer/stmts.c
// through the C preprocessor, as the other EXPLAIN tests read theirs), with
// the parameters the mailer gives them, against a fixture of one user with
// thousands of sent mails and digested or instant events, deleted
// afterwards; the statistics are refreshed once (ANALYZE TABLE).

import { describe, it, before, after } from 'node:test';
import { randomTag } from './lib/client.mjs';
import { mariadb, mailerStatements, bind, explain, assertIndexed } from './lib/explain.mjs';

const ROWS = 5000;
// Digest ids of the fixture's events: far past any outbox id, so that no
// real digest (another test's, sent meanwhile) lists them.
const FAR = 1e15;

describe('EXPLAIN: the mailer reads index ranges, not tables', () => {
  const tag = randomTag(8);
  const user = `xm${tag}`.padEnd(22, '0');
  let stmts;

  before(() => {
    stmts = mailerStatements();
    mariadb(`INSERT INTO users (id, email_ct, email_bidx, display_name, pc4, roles, locale, status, created_at, updated_at)
        VALUES ('${user}', RANDOM_BYTES(40), RANDOM_BYTES(32), 'Explain ${tag}', '7811', 'volunteer', 'nl', 'active',
        NOW(3) - INTERVAL 400 DAY, NOW(3) - INTERVAL 400 DAY);
      INSERT INTO outbox (user_id, kind, state, due_at, attempts, created_at, sent_at)
        SELECT '${user}', 'match.accepted', 'sent', NOW(3) - INTERVAL 30 DAY, 1, NOW(3) - INTERVAL 30 DAY,
        NOW(3) - INTERVAL 30 DAY FROM seq_1_to_${ROWS};
      INSERT INTO notifications (id, user_id, kind, link, email, digest_id, created_at)
        SELECT CONCAT('xn${tag}', LPAD(seq, 12, '0')), '${user}', 'alert.request', '/request.html?id=x',
        IF(seq % 2 = 0, 'instant', 'daily'), IF(seq % 2 = 0, NULL, ${FAR} + seq), NOW(3) - INTERVAL 30 DAY
        FROM seq_1_to_${ROWS};
      ANALYZE TABLE outbox, notifications, matches;`);
  });

  after(() => {
    mariadb(`DELETE FROM notifications WHERE user_id = '${user}';
      DELETE FROM outbox WHERE user_id = '${user}';
      DELETE FROM users WHERE id = '${user}';`);
  });

  it('claiming due mail walks outbox_due (state, due_at): sent mail is never read', (t) => {
    const plan = explain(bind(stmts.MSTMT_CLAIM_SELECT, [50]), t);
    assertIndexed(plan, { outbox: 'outbox' });
  });

  it('the digest finds its users on notifications_daily (email, digest_id, user_id)', (t) => {
    const plan = explain(bind(stmts.MSTMT_DIGEST_USERS, ['', '2100-01-01 00:00:00']), t);
    assertIndexed(plan, { notifications: 'notifications' });
  });

  it("a digest's events are read on notifications_daily", (t) => {
    const plan = explain(bind(stmts.MSTMT_DIGEST_ITEMS, [FAR + 1]), t);
    assertIndexed(plan, { notifications: 'notifications' });
  });

  it('VOG expiry notices find verified VOGs on users_vog_expiry (issue 17)', (t) => {
    const plan = explain(bind(stmts.MSTMT_VOG_DUE, [30]), t);
    assertIndexed(plan, { users_vog: 'users_vog_expiry' });
  });

  it('follow-ups find accepted matches on matches_reminder, their request by key', (t) => {
    const plan = explain(bind(stmts.MSTMT_REMINDER_DUE, [604800]), t);
    assertIndexed(plan, { m: 'matches', r: 'requests' });
  });
});
