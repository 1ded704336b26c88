// retention.test.mjs — `burenhulpctl purge` applies the retention rules
// that docs/privacy.md states (ASVS 5.0 14.2.4; ctl/purge.c): the private
// part of a request closed longer ago than retention_days goes, with the
// messages about it, and so does outbox mail older than that; a request
// closed yesterday keeps both. The time is moved by SQL (the operator's
// socket), the rest goes through the API.

import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEMO_POSTCODE, ctl, newUser, randomTag, assertStatus,
} from './lib/client.mjs';
import { mariadb } from './lib/explain.mjs';

const DAYS = 90;	// ctl.conf retention_days (the default)

async function closedRequestWithMessage(owner, volunteer, tag) {
  const res = await owner.post('/requests', {
    title: `Boodschappen ${tag}`,
    description: `Wie helpt mij met de boodschappen? ${tag}`,
    category: 'shopping',
    postcode: DEMO_POSTCODE,
    private: { care_situation: `Zorg ${tag}`, address: `Straat ${tag} 1`, phone: '0612345678' },
  });
  assertStatus(res, 201);
  const id = res.body.request.id;
  // Approved as a moderator would (the review itself is tested in requests.test.mjs).
  mariadb(`UPDATE requests SET status = 'open' WHERE id = '${id}' AND status = 'pending'`);
  assertStatus(await volunteer.post('/matches', { request_id: id, message: `Ik help ${tag}` }), 201);
  assertStatus(await owner.post(`/requests/${id}/cancel`), 200);
  return id;
}

const privateLeft = (id) => mariadb(`SELECT (care_situation_ct IS NOT NULL) + (address_ct IS NOT NULL) `
  + `+ (phone_ct IS NOT NULL) FROM requests WHERE id = '${id}'`)[0][0];
const messagesLeft = (id) => mariadb(`SELECT COUNT(*) FROM messages g JOIN matches m ON m.id = g.match_id `
  + `WHERE m.request_id = '${id}'`)[0][0];

describe('burenhulpctl purge applies the retention rules of docs/privacy.md (14.2.4)', () => {
  const tag = randomTag(10);
  let old;
  let recent;
  let oldMail;
  let recentMail;

  before(async () => {
    const owner = await newUser(['resident']);
    const volunteer = await newUser(['volunteer']);
    old = await closedRequestWithMessage(owner, volunteer, `${tag}a`);
    recent = await closedRequestWithMessage(owner, volunteer, `${tag}b`);
    assert.equal(privateLeft(old), '3');
    assert.equal(messagesLeft(old), '1');
    mariadb(`UPDATE requests SET closed_at = NOW(3) - INTERVAL ${DAYS + 1} DAY WHERE id = '${old}'`);
    mariadb(`UPDATE requests SET closed_at = NOW(3) - INTERVAL 1 DAY WHERE id = '${recent}'`);
    // Two mails to the owner (her registration's confirmation, say), one made old.
    const mails = mariadb(`SELECT id FROM outbox WHERE user_id = '${owner.user.id}' ORDER BY id`).map((r) => r[0]);
    assert.ok(mails.length >= 1, 'no mail to the owner in the outbox');
    mariadb(`INSERT INTO outbox (user_id, kind, state, created_at, due_at) `
      + `VALUES ('${owner.user.id}', 'account.email_verify', 'sent', NOW(3), NOW(3))`);
    [oldMail, recentMail] = [mails[0], mariadb('SELECT MAX(id) FROM outbox')[0][0]];
    mariadb(`UPDATE outbox SET created_at = NOW(3) - INTERVAL ${DAYS + 1} DAY WHERE id = ${Number(oldMail)}`);
    const out = ctl(['purge']);
    assert.equal(out.status, 0, out.stderr);
    assert.match(out.stdout, /private parts of closed requests/);
  });

  it(`the private part of a request closed more than ${DAYS} days ago is gone, and its messages`, () => {
    assert.equal(privateLeft(old), '0');
    assert.equal(messagesLeft(old), '0');
    assert.equal(mariadb(`SELECT status FROM requests WHERE id = '${old}'`)[0][0], 'cancelled', 'the request itself stays');
  });

  it('a request closed yesterday keeps its private part and messages', () => {
    assert.equal(privateLeft(recent), '3');
    assert.equal(messagesLeft(recent), '1');
  });

  it(`outbox mail older than ${DAYS} days is gone; newer mail stays`, () => {
    assert.equal(mariadb(`SELECT COUNT(*) FROM outbox WHERE id = ${Number(oldMail)}`)[0][0], '0');
    assert.equal(mariadb(`SELECT COUNT(*) FROM outbox WHERE id = ${Number(recentMail)}`)[0][0], '1');
  });
});
