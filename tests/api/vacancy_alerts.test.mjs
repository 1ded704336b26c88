// vacancy_alerts.test.mjs — saved alerts extended to vacancies (issue 18):
// POST /me/alerts {kind: "vacancies", categories, talents}; a vacancy that
// is published reaches each fitting alert's volunteer once (mailer/
// vacancy_alerts.c), by notification and, for an instant alert, by mail;
// a vacancy that is pending, rejected, hidden or closed reaches nobody; a
// vacancy never reaches an alert of kind requests; the job run again over
// the same vacancy tells nobody twice.
//
// Needs the mailer's fast pace (scripts/test's stack). The vacancies are
// a fixture written into the database (their moderation is the offers
// handler's, tested there); everything the volunteers see comes from the
// API and the maildir.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertStatus, assertProblem, newUser, randomTag, sleep } from './lib/client.mjs';
import { mariadb } from './lib/explain.mjs';
import { findMails, waitForMail } from './lib/mail.mjs';

const tag = randomTag(6);
const id = (prefix, n) => `${prefix}${tag}${String(n).padStart(22 - prefix.length - tag.length, '0')}`;
const ORG = id('ya', 1);
const V = {
  fits: id('yv', 1),		// open, 7811, cooking, garden
  otherTalent: id('yv', 2),	// open, 7811, music, garden
  pending: id('yv', 3),	// pending, then approved
  rejected: id('yv', 4),
  hidden: id('yv', 5),
  closed: id('yv', 6),
};

let vol, anyVol, reqVol, farVol;

async function ofKind(client, kind) {
  const res = await client.get('/me/notifications?limit=100');
  assertStatus(res, 200);
  return res.body.items.filter((n) => n.kind === kind);
}

const link = (vid) => `/vacature.html?id=${vid}`;
const alerted = (vid) => mariadb(`SELECT alerted_at IS NOT NULL FROM vacancies WHERE id = '${vid}'`)[0][0] === '1';

async function until(what, test, timeout = 15_000) {
  const t0 = Date.now();
  while (!(await test())) {
    if (Date.now() - t0 > timeout) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

function insertVacancy(vid, status, talent) {
  mariadb(`INSERT INTO vacancies (id, organisation_id, title, description, pc4, lat, lon, needs_vog, status,
      created_at, updated_at)
    SELECT '${vid}', '${ORG}', 'Vacature ${status} ${tag}', 'Fixture of vacancy_alerts.test', pc4, lat, lon, 0,
      '${status}', NOW(3), NOW(3) FROM postcodes WHERE pc4 = '7811';
    INSERT INTO vacancy_talents (vacancy_id, talent_id) VALUES ('${vid}', '${talent}');
    INSERT INTO vacancy_categories (vacancy_id, category_id) VALUES ('${vid}', 'garden')`);
}

before(async () => {
  [vol, anyVol, reqVol, farVol] = await Promise.all([
    newUser(['volunteer']), newUser(['volunteer']), newUser(['volunteer']), newUser(['volunteer'])]);
  mariadb(`INSERT INTO organisations (id, name, description, pc4, lat, lon, active, created_at, updated_at)
    SELECT '${ORG}', 'Alerts ${tag}', 'Fixture', pc4, lat, lon, 1, NOW(3), NOW(3) FROM postcodes WHERE pc4 = '7811'`);
});

after(() => {
  mariadb(`DELETE FROM organisations WHERE id = '${ORG}'`);
});

describe('alerts of kind vacancies', () => {
  it('a volunteer saves a vacancies alert with categories and talents; GET /me/alerts shows its kind', async () => {
    const res = await vol.post('/me/alerts', {
      kind: 'vacancies', postcode: '7811', radius_km: 10, categories: ['garden'], talents: ['cooking'], frequency: 'instant',
    });
    assertStatus(res, 201);
    assert.equal(res.body.alert.kind, 'vacancies');
    assert.deepEqual(res.body.alert.talents, ['cooking']);
    assert.deepEqual(res.body.alert.categories, ['garden']);
    assertStatus(await anyVol.post('/me/alerts', { kind: 'vacancies', postcode: '7811', radius_km: 5, frequency: 'daily' }), 201);
    assertStatus(await reqVol.post('/me/alerts', { postcode: '7811', radius_km: 10, frequency: 'instant' }), 201);
    assertStatus(await farVol.post('/me/alerts', { kind: 'vacancies', postcode: '7891', radius_km: 1, frequency: 'instant' }), 201);
    const list = await reqVol.get('/me/alerts');
    assertStatus(list, 200);
    assert.equal(list.body.items[0].kind, 'requests', 'an alert without a kind is one of requests');
    assert.deepEqual(list.body.items[0].talents, []);
  });

  it('bad input is 422 on the field', async () => {
    assertProblem(await vol.post('/me/alerts', { postcode: '7811', radius_km: 5, frequency: 'daily', talents: ['cooking'] }),
      422, 'validation_failed', 'talents');
    assertProblem(await vol.post('/me/alerts', { kind: 'vacancies', postcode: '7811', radius_km: 5, frequency: 'daily', talents: ['nope'] }),
      422, 'validation_failed', 'talents[0]');
    assertProblem(await vol.post('/me/alerts', { kind: 'jobs', postcode: '7811', radius_km: 5, frequency: 'daily' }),
      422, 'validation_failed', 'kind');
  });

  it('a published vacancy reaches each fitting alert once; unpublished ones reach nobody', async () => {
    for (const [k, status, talent] of [['pending', 'pending', 'cooking'], ['rejected', 'rejected', 'cooking'],
      ['hidden', 'hidden', 'cooking'], ['closed', 'closed', 'cooking'], ['otherTalent', 'open', 'music'], ['fits', 'open', 'cooking']])
      insertVacancy(V[k], status, talent);
    await until('the job to tell the open vacancies', () => alerted(V.fits) && alerted(V.otherTalent));
    const mails = await waitForMail({ to: vol.email, kind: 'alert.vacancy' });
    assert.equal(mails.length, 1);
    assert.match(mails[0].header('Subject'), new RegExp(`Vacature open ${tag}`));

    assert.deepEqual((await ofKind(vol, 'alert.vacancy')).map((n) => n.link), [link(V.fits)],
      'the talent narrows: the vacancy needing music is not for them');
    assert.deepEqual((await ofKind(anyVol, 'alert.vacancy')).map((n) => n.link).sort(),
      [link(V.fits), link(V.otherTalent)].sort(), 'an alert without talents or categories takes both');
    assert.equal((await ofKind(reqVol, 'alert.vacancy')).length, 0, 'an alert of requests hears of no vacancy');
    assert.equal((await ofKind(reqVol, 'alert.request')).length, 0);
    assert.equal((await ofKind(farVol, 'alert.vacancy')).length, 0, 'a radius that does not reach');
    for (const k of ['pending', 'rejected', 'hidden', 'closed'])
      assert.equal(alerted(V[k]), false, `${k} is not told`);
    const links = (await ofKind(anyVol, 'alert.vacancy')).map((n) => n.link);
    for (const k of ['pending', 'rejected', 'hidden', 'closed']) assert.ok(!links.includes(link(V[k])));
  });

  it('the job run again over a told vacancy tells nobody twice', async () => {
    mariadb(`UPDATE vacancies SET alerted_at = NULL WHERE id IN ('${V.fits}', '${V.otherTalent}')`);
    await until('the job to run again', () => alerted(V.fits) && alerted(V.otherTalent));
    await sleep(1500);	// any mail of the second run would be out by now
    assert.equal((await ofKind(vol, 'alert.vacancy')).length, 1);
    assert.equal((await ofKind(anyVol, 'alert.vacancy')).length, 2);
    assert.equal((await findMails({ to: vol.email, kind: 'alert.vacancy' })).length, 1, 'one mail');
  });

  it('a pending vacancy that is approved is told then, once', async () => {
    mariadb(`UPDATE vacancies SET status = 'open' WHERE id = '${V.pending}'`);
    await until('the approved vacancy to be told', () => alerted(V.pending));
    await waitForMail({ to: vol.email, kind: 'alert.vacancy', count: 2 });
    assert.deepEqual((await ofKind(vol, 'alert.vacancy')).map((n) => n.link).sort(), [link(V.fits), link(V.pending)].sort());
    // Closed and opened again: no news.
    mariadb(`UPDATE vacancies SET status = 'closed' WHERE id = '${V.pending}'`);
    mariadb(`UPDATE vacancies SET status = 'open' WHERE id = '${V.pending}'`);
    await sleep(1000);
    assert.equal((await ofKind(vol, 'alert.vacancy')).length, 2);
  });
});

describe('alerts of kind vacancies in the export and the erasure', () => {
  it('the export names the kind and talents; erasure takes the alert, its targets and talents', async () => {
    const v = await newUser(['volunteer']);
    const made = await v.post('/me/alerts', { kind: 'vacancies', postcode: '7811', radius_km: 3, talents: ['music'], frequency: 'daily' });
    assertStatus(made, 201);
    const exp = await v.get('/me/export');
    assertStatus(exp, 200);
    const alerts = JSON.stringify(exp.body);
    assert.match(alerts, /"kind":"vacancies"/);
    assert.match(alerts, /"talents":"music"/);
    const aid = made.body.alert.id;
    assert.equal(mariadb(`SELECT COUNT(*) FROM vacancy_alert_targets WHERE alert_id = '${aid}'`)[0][0], '1');
    assertStatus(await v.delete('/me', { password: v.password }), 204);
    for (const t of ['alerts WHERE id', 'vacancy_alert_targets WHERE alert_id', 'alert_talents WHERE alert_id'])
      assert.equal(mariadb(`SELECT COUNT(*) FROM ${t} = '${aid}'`)[0][0], '0', t);
  });
});
