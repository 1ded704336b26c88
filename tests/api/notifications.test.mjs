// notifications.test.mjs — the marketplace tells people what happened
// (API.md "Notifications, e-mail and alerts", issue 13): every step of the
// main journey reaches the right party's bell, nobody else's; settings,
// alerts, unsubscribe tokens, verification and bad input. What the mailer
// makes of the outbox rows is tested in mail.test.mjs.
//
// Needs a stack in pre-moderation (the default).

import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';

import {
  Client, DEMO_POSTCODE, asDemo, assertProblem, assertStatus, ctl, newUser, randomTag, register,
} from './lib/client.mjs';
import { mariadb } from './lib/explain.mjs';

let moderator;

async function bell(client, query = '') {
  const res = await client.get(`/me/notifications${query}`);
  assertStatus(res, 200, 'GET /me/notifications');
  return res.body;
}

// The notifications of kind for client (newest first).
async function ofKind(client, kind) {
  return (await bell(client, '?limit=100')).items.filter((n) => n.kind === kind);
}

async function postRequest(owner, tag, extra = {}) {
  const res = await owner.post('/requests', {
    title: `Boodschappen ${tag}`,
    description: `Wie helpt mij met de boodschappen? ${tag}`,
    category: 'shopping',
    postcode: DEMO_POSTCODE,
    ...extra,
  });
  assertStatus(res, 201, 'POST /requests');
  return res.body.request;
}

async function approve(id) {
  assertStatus(await moderator.post(`/requests/${id}/review`, { decision: 'approve' }), 200, 'approve');
}

function outboxRows(notificationId) {
  return mariadb(`SELECT kind, state FROM outbox WHERE notification_id = '${notificationId}'`);
}

before(async () => {
  moderator = await asDemo('moderator');
});

describe('the main journey: each party learns every step from the bell', () => {
  let resident, anna, bram, outsider, request, matchA, matchB;
  const tag = randomTag(8);

  before(async () => {
    resident = await newUser(['resident'], {}, 'resident');
    anna = await newUser(['volunteer'], {}, 'anna');
    bram = await newUser(['volunteer'], {}, 'bram');
    outsider = await newUser(['volunteer'], {}, 'outsider');
    request = await postRequest(resident, tag);
  });

  it('approval: the owner is told, with a link to the request and the title', async () => {
    await approve(request.id);
    const [n] = await ofKind(resident, 'request.approved');
    assert.ok(n, 'a request.approved notification');
    assert.equal(n.link, `/hulpvraag.html?id=${request.id}`);
    assert.match(n.title, new RegExp(tag));
    assert.equal(n.read_at, null);
    // instant by default: a mail waits for the mailer.
    assert.deepEqual(outboxRows(n.id).map(([k]) => k), ['request.approved']);
  });

  it('a response reaches the owner; an invitation reaches the volunteer', async () => {
    const res = await anna.post('/matches', { request_id: request.id, message: 'Ik kan zaterdag.' });
    assertStatus(res, 201);
    matchA = res.body.match;
    const [n] = await ofKind(resident, 'match.responded');
    assert.equal(n.link, `/match.html?id=${matchA.id}`);
    const inv = await resident.post('/matches', { request_id: request.id, volunteer_id: bram.user.id, message: 'Kunt u ook?' });
    assertStatus(inv, 201);
    matchB = inv.body.match;
    const [m] = await ofKind(bram, 'match.invited');
    assert.equal(m.link, `/match.html?id=${matchB.id}`);
  });

  it('nobody else hears of it', async () => {
    assert.equal((await bell(outsider)).items.length, 0);
    assert.equal((await ofKind(anna, 'match.responded')).length, 0, 'the responder is not told of her own response');
  });

  it('an accept tells the volunteer, and the other waiting volunteer hears it was not them', async () => {
    assertStatus(await resident.post(`/matches/${matchA.id}/accept`), 200);
    const [acc] = await ofKind(anna, 'match.accepted');
    assert.equal(acc.link, `/match.html?id=${matchA.id}`);
    const [dec] = await ofKind(bram, 'match.declined');
    assert.equal(dec.link, `/match.html?id=${matchB.id}`);
    assert.equal((await ofKind(resident, 'match.accepted')).length, 0, 'the one who accepted is not told');
  });

  it('a burst of messages is one unread notification (and one mail)', async () => {
    for (let i = 0; i < 10; i++)
      assertStatus(await anna.post(`/matches/${matchA.id}/messages`, { body: `bericht ${i} geheim-${tag}` }), 201);
    const msgs = await ofKind(resident, 'message.new');
    assert.equal(msgs.length, 1, 'one notification for ten messages');
    assert.equal(msgs[0].count, 10);
    assert.ok(!msgs[0].title.includes('geheim'), 'the title never carries a message text');
    assert.equal(outboxRows(msgs[0].id).length, 1, 'one mail for ten messages');
    // Once read, the next message is news again.
    assertStatus(await resident.post('/me/notifications/read', { ids: [msgs[0].id] }), 204);
    assertStatus(await anna.post(`/matches/${matchA.id}/messages`, { body: 'nog eentje' }), 201);
    const again = await ofKind(resident, 'message.new');
    assert.equal(again.length, 2);
    assert.equal(again[0].read_at, null);
  });

  it('the volunteer records hours; completion tells the volunteer', async () => {
    const h = await anna.post(`/matches/${matchA.id}/hours`, { hours: 1.5 });
    assertStatus(h, 200);
    assert.equal(h.body.match.volunteer_hours, 1.5);
    assertProblem(await resident.post(`/matches/${matchA.id}/hours`, { hours: 2 }), 403, 'forbidden');
    assertProblem(await outsider.post(`/matches/${matchA.id}/hours`, { hours: 2 }), 404, 'not_found');
    assertProblem(await anna.post(`/matches/${matchA.id}/hours`, { hours: 0 }), 422, 'validation_failed', 'hours');
    assertStatus(await resident.post(`/matches/${matchA.id}/complete`, { hours: 1.5, thanks: 'Dank!' }), 200);
    const [c] = await ofKind(anna, 'match.completed');
    assert.equal(c.link, `/match.html?id=${matchA.id}`);
  });

  it('a cancelled match tells the other party', async () => {
    const r2 = await postRequest(resident, `${tag}-2`);
    await approve(r2.id);
    const m = (await anna.post('/matches', { request_id: r2.id, message: 'Ja' })).body.match;
    assertStatus(await resident.post(`/matches/${m.id}/accept`), 200);
    assertStatus(await anna.post(`/matches/${m.id}/cancel`, { reason: 'ziek' }), 200);
    const [n] = await ofKind(resident, 'match.cancelled');
    assert.equal(n.link, `/match.html?id=${m.id}`);
  });

  it('a rejection tells the owner', async () => {
    const r3 = await postRequest(resident, `${tag}-3`);
    assertStatus(await moderator.post(`/requests/${r3.id}/review`, { decision: 'reject', reason: 'dubbel' }), 200);
    const [n] = await ofKind(resident, 'request.rejected');
    assert.equal(n.link, `/hulpvraag.html?id=${r3.id}`);
  });

  it('the list pages newest first, filters unread, counts unread; marking all read zeroes it', async () => {
    const all = await bell(resident, '?limit=100');
    assert.ok(all.unread_count >= 1);
    const seen = [];
    let cursor = null;
    do {
      const page = await bell(resident, `?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      seen.push(...page.items.map((n) => n.id));
      cursor = page.next_cursor;
    } while (cursor);
    assert.deepEqual(seen, all.items.map((n) => n.id));
    const times = all.items.map((n) => n.created_at);
    assert.deepEqual([...times].sort().reverse(), times, 'newest first');
    const unread = await bell(resident, '?unread=true&limit=100');
    assert.equal(unread.items.length, all.unread_count);
    assert.ok(unread.items.every((n) => n.read_at === null));
    assertStatus(await resident.post('/me/notifications/read', {}), 204);
    assert.equal((await bell(resident)).unread_count, 0);
  });

  it("someone else's notification id is 404 and marks nothing", async () => {
    const [theirs] = (await bell(anna)).items;
    const before = (await bell(anna)).unread_count;
    assertProblem(await resident.post('/me/notifications/read', { ids: [theirs.id] }), 404, 'not_found');
    assert.equal((await bell(anna)).unread_count, before);
  });

  it('the bell speaks the reader\'s language', async () => {
    assertStatus(await anna.patch('/me', { locale: 'en' }), 200);
    const [n] = await ofKind(anna, 'match.accepted');
    assert.match(n.title, /^Agreed/);
    assertStatus(await anna.patch('/me', { locale: 'nl' }), 200);
    const [m] = await ofKind(anna, 'match.accepted');
    assert.match(m.title, /^Afgesproken/);
  });

  it('moderators see the length of the queue; others do not', async () => {
    const mod = await bell(moderator);
    assert.equal(typeof mod.queue_count, 'number');
    assert.equal((await bell(resident)).queue_count, undefined);
  });
});

describe('blocked users are told nothing', () => {
  it('a blocked owner gets no notification of a response', async () => {
    const owner = await newUser(['resident']);
    const vol = await newUser(['volunteer']);
    const req = await postRequest(owner, randomTag(6));
    await approve(req.id);
    const admin = await asDemo('admin');
    assertStatus(await admin.patch(`/users/${owner.user.id}`, { status: 'blocked' }), 200);
    // A blocked owner's open posts leave public lists; a response may
    // already be impossible. Either way no row is written for them.
    await vol.post('/matches', { request_id: req.id, message: 'Hallo' });
    const rows = mariadb(`SELECT COUNT(*) FROM notifications WHERE user_id = '${owner.user.id}' AND kind = 'match.responded'`);
    assert.equal(rows[0][0], '0');
  });
});

describe('settings: instant, daily or off per kind', () => {
  let user;
  before(async () => { user = await newUser(['resident', 'volunteer']); });

  it('defaults: responses, acceptances and messages instant; alerts daily; account mails fixed', async () => {
    const res = await user.get('/me/notification-settings');
    assertStatus(res, 200);
    assert.equal(res.body.email['match.responded'], 'instant');
    assert.equal(res.body.email['match.accepted'], 'instant');
    assert.equal(res.body.email['message.new'], 'instant');
    assert.equal(res.body.email['alert.request'], 'daily');
    assert.deepEqual(res.body.fixed.sort(), ['account.email_verify', 'account.password_reset']);
  });

  it('a change is kept and returned whole', async () => {
    const res = await user.put('/me/notification-settings', { email: { 'message.new': 'daily', 'match.accepted': 'off' } });
    assertStatus(res, 200);
    assert.equal(res.body.email['message.new'], 'daily');
    assert.equal(res.body.email['match.accepted'], 'off');
    assert.equal(res.body.email['match.responded'], 'instant');
    const again = await user.get('/me/notification-settings');
    assert.deepEqual(again.body, res.body);
  });

  it('unknown kinds and frequencies are 422 on the field; account kinds stay instant', async () => {
    assertProblem(await user.put('/me/notification-settings', { email: { 'match.exploded': 'off' } }),
      422, 'validation_failed', 'email.match.exploded', 'unknown');
    assertProblem(await user.put('/me/notification-settings', { email: { 'message.new': 'weekly' } }),
      422, 'validation_failed', 'email.message.new', 'not_allowed');
    assertProblem(await user.put('/me/notification-settings', { email: { 'account.password_reset': 'off' } }),
      422, 'validation_failed', 'email.account.password_reset', 'fixed');
    assertProblem(await user.put('/me/notification-settings', { email: 'off' }), 422, 'validation_failed', 'email');
    assertProblem(await user.put('/me/notification-settings', {}), 422, 'validation_failed', 'email');
  });

  it('off: the notification is there, no mail is queued; daily: it waits for the digest', async () => {
    const owner = await newUser(['resident']);
    assertStatus(await owner.put('/me/notification-settings', { email: { 'match.responded': 'off', 'request.approved': 'daily' } }), 200);
    const req = await postRequest(owner, randomTag(6));
    await approve(req.id);
    const [appr] = await ofKind(owner, 'request.approved');
    assert.equal(outboxRows(appr.id).length, 0, 'daily: no instant mail');
    assert.deepEqual(mariadb(`SELECT email, digest_id IS NULL FROM notifications WHERE id = '${appr.id}'`), [['daily', '1']]);
    const vol = await newUser(['volunteer']);
    assertStatus(await vol.post('/matches', { request_id: req.id, message: 'Ja' }), 201);
    const [resp] = await ofKind(owner, 'match.responded');
    assert.ok(resp, 'still in the bell');
    assert.equal(outboxRows(resp.id).length, 0, 'off: no mail');
  });

  it('without a session: 401', async () => {
    assertProblem(await new Client().get('/me/notification-settings'), 401, 'unauthenticated');
    assertProblem(await new Client().get('/me/notifications'), 401, 'unauthenticated');
  });
});

describe('unsubscribe tokens', () => {
  it('a token turns its kind off for its own user only, once; forged tokens are 404', async () => {
    const user = await newUser(['resident']);
    const other = await newUser(['resident']);
    const token = `tok${randomTag(30)}`;
    // Real tokens come with mails (mail.test.mjs); one nobody issued is 404.
    assertProblem(await new Client().post('/unsubscribe', { token }), 404, 'not_found');
    assertProblem(await new Client().post('/unsubscribe', {}), 422, 'validation_failed', 'token');
    assertProblem(await new Client().post('/unsubscribe', { token: 'x'.repeat(200) }), 422, 'validation_failed', 'token');
    // Neither user's settings changed.
    for (const u of [user, other])
      assert.equal((await u.get('/me/notification-settings')).body.email['match.responded'], 'instant');
  });

  it('a one-click POST (RFC 8058 form body, token in the URL) is understood', async () => {
    const res = await new Client().raw('POST', `/unsubscribe?token=nope${randomTag(20)}`,
      'List-Unsubscribe=One-Click', 'application/x-www-form-urlencoded');
    assertProblem(res, 404, 'not_found');
  });
});

describe('alerts: new requests near a volunteer', () => {
  let vol, far, owner, alertId;
  before(async () => {
    vol = await newUser(['volunteer']);
    far = await newUser(['volunteer']);
    owner = await newUser(['resident']);
  });

  it('a volunteer makes an alert; a resident may not', async () => {
    const res = await vol.post('/me/alerts', { postcode: '7811', radius_km: 5, categories: ['shopping', 'transport'], frequency: 'instant' });
    assertStatus(res, 201);
    alertId = res.body.alert.id;
    assert.deepEqual(res.body.alert.categories, ['shopping', 'transport']);
    assert.equal(res.body.alert.area.pc4, '7811');
    assertStatus(await far.post('/me/alerts', { postcode: '7891', radius_km: 1, frequency: 'instant' }), 201);
    assertProblem(await owner.post('/me/alerts', { postcode: '7811', radius_km: 5, frequency: 'daily' }), 403, 'forbidden');
    const list = await vol.get('/me/alerts');
    assertStatus(list, 200);
    assert.deepEqual(list.body.items.map((a) => a.id), [alertId]);
  });

  it('bad input is 422 on the field', async () => {
    assertProblem(await vol.post('/me/alerts', { postcode: '7811', radius_km: 0, frequency: 'daily' }), 422, 'validation_failed', 'radius_km');
    assertProblem(await vol.post('/me/alerts', { postcode: '7811', radius_km: 51, frequency: 'daily' }), 422, 'validation_failed', 'radius_km');
    assertProblem(await vol.post('/me/alerts', { postcode: '7811', radius_km: 5, frequency: 'weekly' }), 422, 'validation_failed', 'frequency');
    assertProblem(await vol.post('/me/alerts', { postcode: '1000AA', radius_km: 5, frequency: 'daily' }), 422, 'unknown_postcode', 'postcode');
    assertProblem(await vol.post('/me/alerts', { postcode: '7811', radius_km: 5, frequency: 'daily', categories: ['nope'] }),
      422, 'validation_failed', 'categories[0]');
    assertProblem(await vol.post('/me/alerts', { postcode: '7811', radius_km: 5, frequency: 'daily', offer_id: 'AAAAAAAAAAAAAAAAAAAAAA' }),
      422, 'validation_failed', 'offer_id');
  });

  it('a fitting request that goes public reaches the alert once; others do not', async () => {
    const fits = await postRequest(owner, randomTag(6));
    const otherCat = await postRequest(owner, randomTag(6), { category: 'garden' });
    assert.equal((await ofKind(vol, 'alert.request')).length, 0, 'pending: nobody told yet');
    await approve(fits.id);
    await approve(otherCat.id);
    const got = await ofKind(vol, 'alert.request');
    assert.deepEqual(got.map((n) => n.link), [`/hulpvraag.html?id=${fits.id}`]);
    assert.equal((await ofKind(far, 'alert.request')).length, 0, 'an alert whose radius does not reach is not told');
    assert.equal((await ofKind(owner, 'alert.request')).length, 0);
    // Hidden and approved again: not told twice.
    assertStatus(await moderator.post(`/requests/${fits.id}/review`, { decision: 'hide', reason: 'even weg' }), 200);
    assertStatus(await moderator.post(`/requests/${fits.id}/review`, { decision: 'approve' }), 200);
    assert.equal((await ofKind(vol, 'alert.request')).length, 1);
  });

  it("an alert is deleted by its owner only; someone else's is 404", async () => {
    assertProblem(await far.delete(`/me/alerts/${alertId}`), 404, 'not_found');
    assertStatus(await vol.delete(`/me/alerts/${alertId}`), 204);
    assertProblem(await vol.delete(`/me/alerts/${alertId}`), 404, 'not_found');
    const again = await postRequest(owner, randomTag(6));
    await approve(again.id);
    assert.equal((await ofKind(vol, 'alert.request')).length, 1, 'no alert, no news');
  });

  it('the alert can come from an offer of the volunteer', async () => {
    const o = await vol.post('/offers', {
      title: 'Boodschappen doen', description: 'Ik doe graag boodschappen.', categories: ['shopping'],
      postcode: DEMO_POSTCODE, radius_km: 8, availability: [{ day: 'sat', from: '09:00', to: '12:00' }],
    });
    assertStatus(o, 201);
    const a = await vol.post('/me/alerts', { postcode: DEMO_POSTCODE, radius_km: 8, categories: ['shopping'], frequency: 'daily', offer_id: o.body.offer.id });
    assertStatus(a, 201);
    assert.equal(a.body.alert.offer_id, o.body.offer.id);
    assertProblem(await far.post('/me/alerts', { postcode: DEMO_POSTCODE, radius_km: 8, frequency: 'daily', offer_id: o.body.offer.id }),
      422, 'validation_failed', 'offer_id');
  });
});

describe('e-mail verification', () => {
  it('a new account is unverified: it browses, but posting waits for the link', async () => {
    const u = await newUser(['resident', 'volunteer'], {}, 'unverified', { unverified: true });
    assert.equal(u.user.email_verified, false);
    assertStatus(await u.get('/requests'), 200);
    assertProblem(await u.post('/requests', { title: 'Hulp', description: 'Graag hulp', category: 'shopping', postcode: DEMO_POSTCODE }),
      403, 'email_unverified');
    assertProblem(await u.post('/offers', {
      title: 'Hulp', description: 'Ik help', categories: ['shopping'], postcode: DEMO_POSTCODE, radius_km: 5,
      availability: [{ day: 'mon', from: '09:00', to: '10:00' }],
    }), 403, 'email_unverified');
    // The confirmation mail waits in the outbox, sealed.
    const rows = mariadb(`SELECT COUNT(*) FROM outbox WHERE user_id = '${u.user.id}' AND kind = 'account.email_verify'`);
    assert.equal(rows[0][0], '1');
    // A new mail on request; the link's token confirms the address once.
    assertStatus(await u.post('/me/verify-email'), 202);
    const out = ctl(['outbox-token', '--email', u.email, '--verify']);
    assert.equal(out.status, 0, out.stderr);
    assertStatus(await new Client().post('/accounts/verify', { token: out.stdout.trim() }), 204);
    assertProblem(await new Client().post('/accounts/verify', { token: out.stdout.trim() }), 422, 'validation_failed', 'token');
    assert.equal((await u.get('/me')).body.user.email_verified, true);
    assertStatus(await u.post('/requests', { title: 'Hulp', description: 'Graag hulp', category: 'shopping', postcode: DEMO_POSTCODE }), 201);
    // Verified: asking again sends nothing more.
    assertStatus(await u.post('/me/verify-email'), 202);
    const after = mariadb(`SELECT COUNT(*) FROM outbox WHERE user_id = '${u.user.id}' AND kind = 'account.email_verify'`);
    assert.equal(after[0][0], '2');
  });

  it('a forged token is 422 on token; asking too often is 429', async () => {
    assertProblem(await new Client().post('/accounts/verify', { token: 'forged' }), 422, 'validation_failed', 'token');
    assertProblem(await new Client().post('/accounts/verify', {}), 422, 'validation_failed', 'token');
    const u = await newUser(['resident'], {}, 'impatient', { unverified: true });
    let last;
    for (let i = 0; i < 6; i++) last = await u.post('/me/verify-email');
    assertProblem(last, 429, 'rate_limited');
  });

  it('the password reset mail is queued for the mailer, sealed', async () => {
    const { res, email } = await register(['resident']);
    assertStatus(res, 201);
    assertStatus(await new Client().post('/password-reset', { email }), 202);
    const out = ctl(['outbox-token', '--email', email]);
    assert.equal(out.status, 0, out.stderr);
    assert.match(out.stdout.trim(), /^[A-Za-z0-9_-]{43}$/);
  });
});

describe('export and erasure', () => {
  it('the export holds what the user was told, their settings and alerts; erasure takes it all, and no mail is sent after', async () => {
    const vol = await newUser(['volunteer']);
    const owner = await newUser(['resident']);
    assertStatus(await vol.post('/me/alerts', { postcode: DEMO_POSTCODE, radius_km: 3, frequency: 'instant' }), 201);
    assertStatus(await vol.put('/me/notification-settings', { email: { 'match.cancelled': 'off' } }), 200);
    const req = await postRequest(owner, randomTag(6));
    await approve(req.id);
    const exp = await vol.get('/me/export');
    assertStatus(exp, 200);
    const part = exp.body.notifications;
    assert.ok(part.items.some((n) => n.kind === 'alert.request' && n.link === `/hulpvraag.html?id=${req.id}`));
    assert.equal(part.settings['match.cancelled'], 'off');
    assert.equal(part.alerts.length, 1);
    assertStatus(await vol.delete('/me', { password: vol.password }), 204);
    const left = mariadb(`SELECT (SELECT COUNT(*) FROM notifications WHERE user_id = '${vol.user.id}'),
      (SELECT COUNT(*) FROM alerts WHERE user_id = '${vol.user.id}'),
      (SELECT COUNT(*) FROM alert_targets WHERE user_id = '${vol.user.id}'),
      (SELECT COUNT(*) FROM notification_settings WHERE user_id = '${vol.user.id}'),
      (SELECT COUNT(*) FROM outbox WHERE user_id = '${vol.user.id}' AND state = 'queued')`);
    assert.deepEqual(left, [['0', '0', '0', '0', '0']]);
  });
});
