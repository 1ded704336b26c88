// regressions.test.mjs — defects found by using the product as its users
// would (issue 15), one test each, named after what it guards; each failed
// before its fix.

import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';

import {
  BASE_URL, Client, DEMO_POSTCODE, REPO, asDemo, assertProblem, assertStatus, newUser, randomTag, register,
} from './lib/client.mjs';

let moderator, admin;

async function openRequest(owner, tag) {
  const res = await owner.post('/requests', {
    title: `Vervoer ${tag}`, description: `Wie brengt mij naar het ziekenhuis? ${tag}`,
    category: 'transport', postcode: DEMO_POSTCODE,
  });
  assertStatus(res, 201);
  assertStatus(await moderator.post(`/requests/${res.body.request.id}/review`, { decision: 'approve' }), 200);
  return res.body.request;
}

before(async () => {
  moderator = await asDemo('moderator');
  admin = await asDemo('admin');
});

describe('issue 15', () => {
  it('a declined volunteer may respond again after the accepted match is cancelled (15.2)', async () => {
    const owner = await newUser(['resident']);
    const anna = await newUser(['volunteer']);
    const bram = await newUser(['volunteer']);
    const req = await openRequest(owner, randomTag(6));
    const a = (await anna.post('/matches', { request_id: req.id, message: 'Ik kan.' })).body.match;
    const b = (await bram.post('/matches', { request_id: req.id, message: 'Ik ook.' })).body.match;
    assertStatus(await owner.post(`/matches/${a.id}/accept`), 200);
    assert.equal((await bram.get(`/matches/${b.id}`)).body.match.status, 'declined');
    // While the request is matched, nobody new gets on it.
    const meanwhile = await bram.post('/matches', { request_id: req.id, message: 'Nog steeds?' });
    assert.ok([404, 409].includes(meanwhile.status), `while matched: ${meanwhile.status}`);
    assertStatus(await owner.post(`/matches/${a.id}/cancel`, { reason: 'Anna kan niet meer' }), 200);
    const again = await bram.post('/matches', { request_id: req.id, message: 'Ik kan nog steeds!' });
    assertStatus(again, 201, 'the declined volunteer responds again');
    assert.equal(again.body.match.status, 'responded');
    assert.equal(again.body.match.id, b.id, 'the same match, its conversation kept');
    const msgs = (await bram.get(`/matches/${b.id}/messages`)).body.items.map((m) => m.body);
    assert.ok(msgs.includes('Ik ook.') && msgs.includes('Ik kan nog steeds!'));
    assertStatus(await owner.post(`/matches/${b.id}/accept`), 200);
    // A second response while live is still a conflict.
    assertProblem(await bram.post('/matches', { request_id: req.id, message: 'x' }), 409, 'conflict');
  });

  it('a declined volunteer may be invited again (15.2)', async () => {
    const owner = await newUser(['resident']);
    const vol = await newUser(['volunteer']);
    const req = await openRequest(owner, randomTag(6));
    const inv = (await owner.post('/matches', { request_id: req.id, volunteer_id: vol.user.id, message: 'Kunt u?' })).body.match;
    assertStatus(await vol.post(`/matches/${inv.id}/decline`), 200);
    const again = await owner.post('/matches', { request_id: req.id, volunteer_id: vol.user.id, message: 'Volgende week?' });
    assertStatus(again, 201);
    assert.equal(again.body.match.status, 'invited');
  });

  it('absurd hours for one match are a clear 422; 1.5 is one and a half (15.1)', async () => {
    const owner = await newUser(['resident']);
    const vol = await newUser(['volunteer']);
    const req = await openRequest(owner, randomTag(6));
    const m = (await vol.post('/matches', { request_id: req.id, message: 'Ja' })).body.match;
    assertStatus(await owner.post(`/matches/${m.id}/accept`), 200);
    for (const hours of [25, 15 * 24, 336])
      assertProblem(await owner.post(`/matches/${m.id}/complete`, { hours }), 422, 'validation_failed', 'hours', 'out_of_range');
    const done = await owner.post(`/matches/${m.id}/complete`, { hours: 1.5 });
    assertStatus(done, 200);
    assert.equal(done.body.match.hours, 1.5);
  });

  it('GET /offers?q= searches title and description, and finds nothing for nonsense (15.3)', async () => {
    const vol = await newUser(['volunteer']);
    const word = `kattenoppas${randomTag(6).toLowerCase().replace(/[^a-z]/g, 'x')}`;
    const o = await vol.post('/offers', {
      title: `Oppas voor ${word}`, description: 'Ik pas op uw kat als u weg bent.', categories: ['pets'],
      postcode: DEMO_POSTCODE, radius_km: 10, availability: [{ day: 'sun', from: '10:00', to: '12:00' }],
    });
    assertStatus(o, 201);
    assertStatus(await moderator.post(`/offers/${o.body.offer.id}/review`, { decision: 'approve' }), 200);
    const none = await vol.get('/offers?q=zzzznotfound');
    assertStatus(none, 200);
    assert.deepEqual(none.body.items, []);
    const hit = await vol.get(`/offers?q=${word}`);
    assert.deepEqual(hit.body.items.map((x) => x.id), [o.body.offer.id]);
    const near = await vol.get(`/offers?q=${word}&near=${encodeURIComponent(DEMO_POSTCODE)}`);
    assert.deepEqual(near.body.items.map((x) => x.id), [o.body.offer.id]);
    const near2 = await vol.get(`/offers?q=zzzznotfound&near=${encodeURIComponent(DEMO_POSTCODE)}`);
    assert.deepEqual(near2.body.items, []);
    assertProblem(await vol.get('/offers?q=a'), 422, 'validation_failed', 'q', 'too_short');
  });

  it('GET /users?q=_ and q=% match only names that hold them (15.4)', async () => {
    const all = await admin.get('/users?limit=100');
    assertStatus(all, 200);
    for (const literal of ['_', '%', '!', '\\']) {
      const res = await admin.get(`/users?q=${encodeURIComponent(literal)}&limit=100`);
      assertStatus(res, 200);
      assert.ok(res.body.items.every((u) => u.display_name.includes(literal)),
        `q=${literal} returned names without it`);
    }
    const named = await newUser(['resident'], { display_name: `Jan_${randomTag(5)}%` });
    const res = await admin.get(`/users?q=${encodeURIComponent(named.registered.display_name)}`);
    assert.deepEqual(res.body.items.map((u) => u.id), [named.user.id]);
  });

  it('a non-ASCII category is a 422 on category, never a 500 (15.6)', async () => {
    const res = await newUser(['resident', 'volunteer']);
    for (const path of ['/requests?category=%C3%A9', '/offers?category=%C3%A9', '/organisations?category=%C3%A9'])
      assertProblem(await res.get(path), 422, 'validation_failed', 'category', 'unknown');
    assertProblem(await res.post('/requests', { title: 'Hulp', description: 'Graag', category: 'é', postcode: DEMO_POSTCODE }),
      422, 'validation_failed', 'category', 'unknown');
    assertProblem(await res.post('/offers', {
      title: 'Hulp', description: 'Ik help', categories: ['é'], postcode: DEMO_POSTCODE, radius_km: 5,
      availability: [{ day: 'mon', from: '09:00', to: '10:00' }],
    }), 422, 'validation_failed', 'categories', 'unknown');
    assertProblem(await res.post('/me/alerts', { postcode: DEMO_POSTCODE, radius_km: 5, frequency: 'daily', categories: ['é'] }),
      422, 'validation_failed', 'categories[0]', 'unknown');
  });
});

describe('issue 15, the service area', () => {
  // The test stack serves Emmen (scripts/up's default, as the demo).
  it('a postcode outside the service area is refused wherever one is kept (15.7)', async () => {
    const { res } = await register(['resident'], { postcode: '9999' });
    assertProblem(res, 422, 'outside_service_area', 'postcode', 'outside_service_area');
    const u = await newUser(['resident', 'volunteer']);
    assertProblem(await u.patch('/me', { postcode: '1011' }), 422, 'outside_service_area', 'postcode');
    assertProblem(await u.post('/requests', { title: 'Hulp', description: 'Graag', category: 'shopping', postcode: '9999' }),
      422, 'outside_service_area', 'postcode');
    assertProblem(await u.post('/offers', {
      title: 'Hulp', description: 'Ik help', categories: ['shopping'], postcode: '9999', radius_km: 5,
      availability: [{ day: 'mon', from: '09:00', to: '10:00' }],
    }), 422, 'outside_service_area', 'postcode');
    assertProblem(await u.post('/me/alerts', { postcode: '9999', radius_km: 5, frequency: 'daily' }),
      422, 'outside_service_area', 'postcode');
    assertProblem(await admin.post('/organisations', { name: 'Ver weg', description: 'Buiten Emmen', categories: ['respite'], postcode: '9999' }),
      422, 'outside_service_area', 'postcode');
    // Inside, all of Emmen's areas are fine; searching near any postcode still works.
    assertStatus(await u.patch('/me', { postcode: '7891' }), 200);
    assertStatus(await u.get('/requests?near=9999'), 200);
  });
});

describe('issue 15, roles', () => {
  it('a resident can become a volunteer from the profile, and back (15.11)', async () => {
    const u = await newUser(['resident']);
    assertProblem(await u.post('/me/alerts', { postcode: DEMO_POSTCODE, radius_km: 5, frequency: 'daily' }), 403, 'forbidden');
    const res = await u.patch('/me', { roles: ['resident', 'volunteer'] });
    assertStatus(res, 200);
    assert.deepEqual(res.body.user.roles.sort(), ['resident', 'volunteer']);
    assertStatus(await u.post('/me/alerts', { postcode: DEMO_POSTCODE, radius_km: 5, frequency: 'daily' }), 201);
    assertStatus(await u.patch('/me', { roles: ['resident'] }), 200);
    assertProblem(await u.post('/me/alerts', { postcode: DEMO_POSTCODE, radius_km: 5, frequency: 'daily' }), 403, 'forbidden');
  });

  it('nobody grants themself professional, moderator or admin through the profile; granted roles stay (15.11)', async () => {
    const u = await newUser(['resident']);
    for (const role of ['professional', 'moderator', 'admin'])
      assertProblem(await u.patch('/me', { roles: ['resident', role] }), 422, 'validation_failed', 'roles');
    assertProblem(await u.patch('/me', { roles: [] }), 422, 'validation_failed', 'roles');
    assertStatus(await admin.patch(`/users/${u.user.id}`, { roles: ['resident', 'professional'] }), 200);
    const res = await u.patch('/me', { roles: ['volunteer'] });
    assertStatus(res, 200);
    assert.deepEqual(res.body.user.roles.sort(), ['professional', 'volunteer']);
  });
});

describe('issue 15, registration', () => {
  it("registration answers every field's problem at once (15.10)", async () => {
    const { res: first, email } = await register(['resident']);
    assertStatus(first, 201);
    const { res } = await register(['resident'], {
      email, password: 'kort', display_name: '', accept_terms: false, postcode: '9999',
    });
    assertProblem(res, 422, 'validation_failed');
    const fields = Object.fromEntries(res.body.errors.map((e) => [e.field, e.code]));
    assert.equal(fields.email, 'taken', JSON.stringify(res.body.errors));
    assert.ok(fields.password, 'password');
    assert.ok(fields.display_name, 'display_name');
    assert.equal(fields.accept_terms, 'required');
    assert.equal(fields.postcode, 'outside_service_area');
    // Alone, a taken address is still 409 email_taken.
    const again = await register(['resident'], { email });
    assertProblem(again.res, 409, 'email_taken');
  });
});

// POST /session from another loopback address (127.0.0.N: the kernel takes
// any source in 127/8), as a second person somewhere else would.
async function loginFrom(localAddress, email, password) {
  const { request } = await import('node:http');
  const { BASE_URL } = await import('./lib/client.mjs');
  const url = new URL(`${BASE_URL}/api/v1/session`);
  const body = JSON.stringify({ email, password });
  return new Promise((resolve, reject) => {
    const req = request({
      host: url.hostname, port: url.port, path: url.pathname, method: 'POST', localAddress,
      headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
    }, (res) => {
      let text = '';
      res.on('data', (c) => { text += c; });
      res.on('end', () => resolve({ status: res.statusCode, body: text ? JSON.parse(text) : null }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('issue 16, findings', () => {
  it('wrong passwords from one address do not lock the account out for another address (16.2)', async () => {
    const victim = await newUser(['resident']);
    for (let i = 0; i < 6; i++)
      await loginFrom('127.0.0.66', victim.email, 'wrong-password-guess');
    const attacker = await loginFrom('127.0.0.66', victim.email, victim.password);
    assert.equal(attacker.status, 429, 'the address that failed is slowed down, even with the right password');
    const elsewhere = await loginFrom('127.0.0.77', victim.email, victim.password);
    assert.equal(elsewhere.status, 200, 'the right password from an address that has not failed gets in');
  });

  it('a password reset starts the count afresh (16.2)', async () => {
    const u = await newUser(['resident']);
    for (let i = 0; i < 6; i++)
      await loginFrom('127.0.0.88', u.email, 'wrong-password-guess');
    assert.equal((await loginFrom('127.0.0.88', u.email, u.password)).status, 429);
    const { Client, ctl } = await import('./lib/client.mjs');
    assertStatus(await new Client().post('/password-reset', { email: u.email }), 202);
    const out = ctl(['outbox-token', '--email', u.email]);
    assert.equal(out.status, 0, out.stderr);
    assertStatus(await new Client().post('/password-reset/confirm', { token: out.stdout.trim(), password: 'een-nieuw-wachtwoord' }), 204);
    assert.equal((await loginFrom('127.0.0.88', u.email, 'een-nieuw-wachtwoord')).status, 200);
  });

  it('a blocked account answers alike to the right and a wrong password (16.3)', async () => {
    const u = await newUser(['resident']);
    assertStatus(await admin.patch(`/users/${u.user.id}`, { status: 'blocked' }), 200);
    const right = await loginFrom('127.0.0.99', u.email, u.password);
    const wrong = await loginFrom('127.0.0.99', u.email, 'not-the-password');
    assert.equal(right.status, 403);
    assert.equal(wrong.status, right.status);
    assert.equal(wrong.body.code, right.body.code);
    assert.equal(wrong.body.code, 'account_blocked');
  });
});

describe('issue 16, sessions and the audit log', () => {
  it('an idle moderator session ends after 30 minutes; a resident\'s lasts (V7.3)', async () => {
    const { mariadb } = await import('./lib/explain.mjs');
    const mod = await newUser(['resident']);
    assertStatus(await admin.patch(`/users/${mod.user.id}`, { roles: ['resident', 'moderator'] }), 200);
    const res = await newUser(['resident']);
    const { Client } = await import('./lib/client.mjs');
    const modSession = new Client('moderator');
    await modSession.mustLogin(mod.email, mod.password);
    assertStatus(await modSession.get('/session'), 200);
    for (const u of [mod, res])
      mariadb(`UPDATE sessions SET last_seen_at = NOW(3) - INTERVAL 31 MINUTE WHERE user_id = '${u.user.id}'`);
    assertProblem(await modSession.get('/session'), 401, 'unauthenticated');
    assertProblem(await mod.get('/session'), 401, 'unauthenticated');
    assert.equal(mariadb(`SELECT COUNT(*) FROM sessions WHERE user_id = '${mod.user.id}'`)[0][0], '0',
      'the idle sessions are gone server-side');
    assertStatus(await res.get('/session'), 200, 'a resident idle for 31 minutes is still logged in');
    mariadb(`UPDATE sessions SET last_seen_at = NOW(3) - INTERVAL 8 DAY WHERE user_id = '${res.user.id}'`);
    assertProblem(await res.get('/session'), 401, 'unauthenticated');
  });

  it('failed logins and refused actions are in the audit log with the address (V16)', async () => {
    const { mariadb } = await import('./lib/explain.mjs');
    const u = await newUser(['resident']);
    await loginFrom('127.0.0.55', u.email, 'wrong-password-guess');
    assertProblem(await u.get('/admin/queue'), 403, 'forbidden');
    const rows = mariadb(`SELECT action, address FROM audit_log WHERE (target_id = '${u.user.id}' AND action = 'session.failed')
      OR (actor_id = '${u.user.id}' AND action = 'auth.refused') ORDER BY id`);
    assert.deepEqual(rows.map(([a]) => a), ['session.failed', 'auth.refused']);
    assert.equal(rows[0][1], '127.0.0.55');
    assert.match(rows[1][1], /^127\./);
  });

  it('the audit log is append-only for every handler (V16)', async () => {
    const { mariadb } = await import('./lib/explain.mjs');
    for (const h of ['accounts', 'requests', 'offers', 'matches', 'admin', 'mailer']) {
      const grants = mariadb(`SHOW GRANTS FOR 'bh_${h}'@'localhost'`).map(([g]) => g).filter((g) => /`audit_log`/.test(g));
      for (const g of grants)
        assert.ok(!/\b(UPDATE|DELETE|ALL PRIVILEGES)\b/.test(g), `bh_${h}: ${g}`);
    }
  });
});

// ---- issue 15, second halves (12, 13, 8) ------------------------------------

describe("issue 15, nginx's own pages", () => {
  const anon = () => new Client('anonymous');
  const SITE = BASE_URL;

  it('a mistyped page URL gets the Dutch 404 page in the site\'s own layout (15.12)', async () => {
    for (const path of ['/hulpvraaag.html', '/bestaat/niet', '/js/pages/geen.js']) {
      const r = await fetch(SITE + path);
      const text = await r.text();
      assert.equal(r.status, 404, path);
      assert.match(r.headers.get('content-type') ?? '', /^text\/html/, path);
      assert.match(text, /<html lang="nl">/, `${path}: Dutch first`);
      assert.match(text, /class="site-header"/, `${path}: the site's header and navigation`);
      assert.match(text, /class="site-footer"/, `${path}: the site's footer`);
      assert.doesNotMatch(text, /<center>|nginx/i, `${path}: not nginx's own page`);
    }
  });

  it("web/README.md and other docs are not served from the web root (15.12)", async () => {
    for (const path of ['/README.md', '/admin/README.md', '/web/README.md']) {
      const r = await fetch(SITE + path);
      const text = await r.text();
      assert.equal(r.status, 404, path);
      assert.doesNotMatch(text, /# web\/|Plain HTML pages/, `${path}: the docs leak`);
    }
  });

  it('every error nginx makes under /api/ is problem+json: 404, 405, 413, 414 (15.12)', async () => {
    assertProblem(await anon().get('/api/v1/nothing-here', { skipSpec: true }), 404, 'not_found');
    assertProblem(await anon().get('/api/nothing', { skipSpec: true }), 404, 'not_found');
    // A method nginx itself refuses (the served document is a static file).
    assertProblem(await anon().post('/api/v1/openapi.yaml', {}, { skipSpec: true }), 405, 'method_not_allowed');
    assertProblem(await anon().raw('POST', '/accounts', 'x'.repeat(70 * 1024), 'application/json', { skipSpec: true }),
      413, 'payload_too_large');
    const long = await anon().get(`/requests?q=${'a'.repeat(9000)}`, { skipSpec: true });
    assertProblem(long, 414, 'uri_too_long');
  });
});

describe('issue 15, the API document', () => {
  it('the OpenAPI document is served at /api/v1/openapi.yaml, the same as docs/openapi.yaml (15.13)', async () => {
    const { readFileSync } = await import('node:fs');
    const res = await new Client('anonymous').get('/api/v1/openapi.yaml', { skipSpec: true });
    assertStatus(res, 200);
    assert.match(res.headers.get('content-type') ?? '', /^application\/yaml/);
    assert.equal(res.text, readFileSync(`${REPO}/docs/openapi.yaml`, 'utf8'));
  });
});

describe('issue 15, the directory', () => {
  it('GET /organisations gives the total of the result, not of the page (15.5)', async () => {
    const anon = new Client('anonymous');
    const all = [];
    let cursor = null;
    do {
      const res = await anon.get(`/organisations?limit=5${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      assertStatus(res, 200);
      assert.equal(typeof res.body.total, 'number', 'every page says the total');
      all.push(...res.body.items);
      cursor = res.body.next_cursor;
      if (cursor) assert.ok(res.body.total > 5);
    } while (cursor);
    assert.equal((await anon.get('/organisations?limit=5')).body.total, all.length);
    // The filters count too: near, radius, category and q.
    const near = await anon.get(`/organisations?limit=1&near=${encodeURIComponent(DEMO_POSTCODE)}&radius_km=100`);
    const nearAll = await anon.get(`/organisations?limit=100&near=${encodeURIComponent(DEMO_POSTCODE)}&radius_km=100`);
    assert.equal(near.body.total, nearAll.body.items.length);
    const none = await anon.get('/organisations?q=zzzznotfound');
    assert.equal(none.body.total, 0);
    const cat = all.flatMap((o) => o.categories ?? [])[0];
    if (cat) {
      const byCat = await anon.get(`/organisations?limit=100&category=${cat}`);
      assert.equal((await anon.get(`/organisations?limit=1&category=${cat}`)).body.total, byCat.body.items.length);
    }
  });
});

describe('issue 15, responses', () => {
  it("the requester sees the volunteer's introduction on the response, and the count follows (15.8)", async () => {
    const owner = await newUser(['resident']);
    const vol = await newUser(['volunteer']);
    const other = await newUser(['volunteer']);
    const req = await openRequest(owner, randomTag(6));
    const intro = `Ik ben Anna, ik woon om de hoek en heb een auto. ${randomTag(4)}`;
    const m = (await vol.post('/matches', { request_id: req.id, message: intro })).body.match;
    assert.equal((await vol.get(`/requests/${req.id}`)).body.request.response_count, 1, 'the volunteer sees the count');
    const mine = await owner.get('/matches?as=requester');
    assertStatus(mine, 200);
    const item = mine.body.items.find((x) => x.id === m.id);
    assert.equal(item.introduction?.body, intro, 'the introduction is on the response');
    assert.equal(item.introduction.sender.id, vol.user.id);
    // Later messages do not replace the introduction; the volunteer's own list has it too.
    assertStatus(await owner.post(`/matches/${m.id}/messages`, { body: 'Fijn, wanneer kunt u?' }), 201);
    assert.equal((await owner.get('/matches?as=requester')).body.items.find((x) => x.id === m.id).introduction.body, intro);
    assert.equal((await vol.get('/matches?as=volunteer')).body.items.find((x) => x.id === m.id).introduction.body, intro);
    // A declined volunteer is out of the conversation: no introduction for them (lib/auth.c).
    const o = (await other.post('/matches', { request_id: req.id, message: 'Ik ook.' })).body.match;
    assertStatus(await owner.post(`/matches/${o.id}/decline`), 200);
    const declined = (await other.get('/matches?as=volunteer')).body.items.find((x) => x.id === o.id);
    assert.equal(declined.introduction, undefined, 'a declined volunteer reads no message');
  });
});

describe('issue 15, moderators', () => {
  it('GET /requests/{id}?private=false leaves the private part out and audits no read; the deliberate read is audited (15.9)', async () => {
    const { mariadb } = await import('./lib/explain.mjs');
    const owner = await newUser(['resident']);
    const res = await owner.post('/requests', {
      title: `Boodschappen ${randomTag(6)}`, description: 'Wie helpt mij met de boodschappen?', category: 'shopping',
      postcode: DEMO_POSTCODE, private: { address: 'Hoofdstraat 9', phone: '0591 000 000' },
    });
    assertStatus(res, 201);
    const id = res.body.request.id;
    const reads = () => Number(mariadb(`SELECT COUNT(*) FROM audit_log WHERE action = 'request.private_read' AND target_id = '${id}'`)[0][0]);
    const plain = await moderator.get(`/requests/${id}?private=false`);
    assertStatus(plain, 200);
    assert.equal(plain.body.request.private, undefined, 'no private part without the deliberate step');
    assert.equal(reads(), 0, 'and no read logged');
    const shown = await moderator.get(`/requests/${id}`);
    assert.equal(shown.body.request.private.address, 'Hoofdstraat 9');
    assert.equal(reads(), 1, 'the deliberate read is logged');
    assertProblem(await moderator.get(`/requests/${id}?private=maybe`), 422, 'validation_failed', 'private');
  });
});
