// mail.test.mjs — the mail a user gets, as the SMTP server receives it
// (scripts/up's local server keeps each in $BURENHULP_VAR/mail/new/). The
// mailer (mailer/) sends the outbox: the stories below are what a user
// notices — the reset link arrives and works, in their language, with a
// way to unsubscribe where due — and what an operator relies on: mail
// waits while the SMTP server is down and goes out once when it is back;
// after kill -9 of the mailer mid-batch every mail still arrives, at most
// the one in flight twice and then under the same Message-ID; a refused
// address is not tried again; the mailer's log names no address.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, mkdirSync, openSync, closeSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Client, VAR, REPO, BASE_URL, newUser, register, ctl, uniqueEmail, uniquePassword, assertStatus, sleep } from './lib/client.mjs';
import { mariadb } from './lib/explain.mjs';
import { waitForMail, findMails, readMails, publicUrl } from './lib/mail.mjs';

const PUBLIC = () => publicUrl();
const newId = () => randomBytes(16).toString('base64url');

function pidOf(name) {
  const f = join(VAR, 'run', `${name}.pid`);
  return existsSync(f) ? Number(readFileSync(f, 'utf8').trim()) : 0;
}
function alive(pid) {
  try { process.kill(pid, 0); return true; } catch { return false; }
}
async function waitDead(pid, ms = 10_000) {
  const t0 = Date.now();
  while (alive(pid) && Date.now() - t0 < ms) await sleep(50);
  assert.ok(!alive(pid), `process ${pid} still runs`);
}
// scripts/up again, as an operator would after a crash: starts what is
// not running (the SMTP server, the mailer), leaves the rest alone. The
// stack under test is the one BURENHULP_URL and BURENHULP_VAR name: run by
// hand without BURENHULP_PORT, scripts/up would otherwise rewrite that stack
// for its default port 8080, where another engineer's stack may listen.
function upAgain() {
  const env = { ...process.env, BURENHULP_VAR: VAR };
  env.BURENHULP_PORT ||= new URL(BASE_URL).port || '80';
  const r = spawnSync(join(REPO, 'scripts', 'up'), ['--no-build'], {
    cwd: REPO, env, encoding: 'utf8', timeout: 180_000,
  });
  assert.equal(r.status, 0, `scripts/up --no-build: ${r.stderr.slice(-2000)}`);
}
function userIdOf(client) {
  assert.ok(client.user?.id, 'the client knows its user');
  return client.user.id;
}
// A TCP port nobody listens on now.
function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => ok(port)); });
  });
}
async function waitListening(port, ms = 10_000) {
  const { connect } = await import('node:net');
  const t0 = Date.now();
  for (;;) {
    const up = await new Promise((ok) => {
      const s = connect(port, '127.0.0.1', () => { s.destroy(); ok(true); });
      s.once('error', () => ok(false));
    });
    if (up) return;
    assert.ok(Date.now() - t0 < ms, `nothing listens on ${port}`);
    await sleep(100);
  }
}
function sqlStr(s) { return `'${String(s).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`; }

// A notification row and its instant outbox row, as lib/notify writes them.
function queueNotification(userId, { kind = 'match.accepted', link, arg = null, copies = 1 } = {}) {
  const nid = newId();
  link ??= `/match.html?id=${newId()}`;
  mariadb(`INSERT INTO notifications (id, user_id, kind, link, arg, email, created_at)
    VALUES (${sqlStr(nid)}, ${sqlStr(userId)}, ${sqlStr(kind)}, ${sqlStr(link)},
    ${arg === null ? 'NULL' : sqlStr(arg)}, 'instant', NOW(3));
    INSERT INTO outbox (user_id, kind, notification_id, state, due_at, attempts, created_at)
    SELECT ${sqlStr(userId)}, ${sqlStr(kind)}, ${sqlStr(nid)}, 'queued', NOW(3), 0, NOW(3)
    FROM seq_1_to_${copies};`);
  return { nid, link };
}

function checkCommonHeaders(m, to, language) {
  assert.equal(m.header('To'), to);
  assert.match(m.header('From') ?? '', /<[^@>]+@[^>]+>|^[^<>\s]+@\S+$/);
  assert.match(m.header('Message-ID') ?? '', /^<\d+\.\d+@[A-Za-z0-9.-]+>$/, 'Message-ID <ID.EPOCH@HOST>');
  const date = Date.parse(m.header('Date') ?? '');
  assert.ok(Number.isFinite(date), `a Date: ${m.header('Date')}`);
  assert.match(m.header('Date'), /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000$/);
  assert.ok(Math.abs(Date.now() - date) < 10 * 60_000, 'the Date is now');
  assert.equal(m.header('MIME-Version'), '1.0');
  assert.match(m.header('Content-Type') ?? '', /^text\/plain; charset=UTF-8$/i);
  assert.equal(m.header('Content-Language'), language);
  assert.equal(m.header('Auto-Submitted'), 'auto-generated');
}

describe('mail, as the SMTP server receives it', { timeout: 600_000 }, () => {
  const addresses = [];

  before(() => {
    assert.ok(existsSync(join(VAR, 'run', 'mailer.pid')),
      `no mailer in ${VAR}: scripts/up starts one (BURENHULP_VAR names the stack under test)`);
  });

  it('the password-reset mail arrives in Dutch, to the right address, and its link sets a new password', async () => {
    const c = await newUser(['resident']);
    addresses.push(c.email);
    assertStatus(await new Client().post('/password-reset', { email: c.email }), 202);
    const [m] = await waitForMail({ to: c.email, subject: /wachtwoord/i });
    checkCommonHeaders(m, c.email, 'nl');
    assert.equal(m.header('Subject'), 'Nieuw wachtwoord voor Burenhulp');
    assert.equal(m.header('List-Unsubscribe'), null, 'no List-Unsubscribe on an account mail');
    assert.equal(m.header('List-Unsubscribe-Post'), null);
    assert.match(m.body, /^Hallo /, 'a Dutch greeting');
    const link = new RegExp(`${PUBLIC().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/wachtwoord-herstellen\\.html#token=([A-Za-z0-9_-]{43})`).exec(m.body);
    assert.ok(link, `the reset link in the body:\n${m.body}`);
    const fresh = uniquePassword();
    assertStatus(await new Client().post('/password-reset/confirm', { token: link[1], password: fresh }), 204);
    await new Client().mustLogin(c.email, fresh);
    assert.doesNotMatch(m.body, /afmelden\.html/, 'no unsubscribe link in an account mail');
  });

  it('a notification mail to an English user: English, the link to the match, one-click unsubscribe (RFC 8058)', async () => {
    const c = await newUser(['volunteer'], { locale: 'en' });
    addresses.push(c.email);
    const uid = userIdOf(c);
    const title = `Boodschappen bij café ${randomBytes(3).toString('hex')}`;
    const { link } = queueNotification(uid, { kind: 'match.accepted', arg: title });
    const [m] = await waitForMail({ to: c.email, kind: 'match.accepted' });
    checkCommonHeaders(m, c.email, 'en');
    assert.ok(m.header('Subject').includes(title), `the request's title in the subject: ${m.header('Subject')}`);
    assert.match(m.rawHeader('Subject'), /=\?UTF-8\?[BQ]\?/i, 'an accented subject is RFC 2047-encoded');
    assert.match(m.body, /^Hello /, 'an English greeting');
    assert.ok(m.body.includes(`${PUBLIC()}${link}`), `the link to the match:\n${m.body}`);
    const unsub = /^<(.+)\/api\/v1\/unsubscribe\?token=([A-Za-z0-9_-]{43})>$/.exec(m.header('List-Unsubscribe') ?? '');
    assert.ok(unsub, `List-Unsubscribe: ${m.header('List-Unsubscribe')}`);
    assert.equal(unsub[1], PUBLIC());
    assert.equal(m.header('List-Unsubscribe-Post'), 'List-Unsubscribe=One-Click');
    assert.ok(m.body.includes(`${PUBLIC()}/afmelden.html#token=${unsub[2]}`), 'the same token in the footer');
    assert.ok(m.body.includes(`${PUBLIC()}/profiel.html#meldingen`), 'where to change the settings');
    const [[n]] = mariadb(`SELECT COUNT(*) FROM unsubscribe_tokens WHERE user_id = ${sqlStr(uid)} AND kind = 'match.accepted' AND used_at IS NULL`);
    assert.equal(n, '1', 'one unsubscribe token stored (its hash) for that kind');
    const [[state, sentAt]] = mariadb(`SELECT state, sent_at IS NOT NULL FROM outbox WHERE notification_id IN
      (SELECT id FROM notifications WHERE user_id = ${sqlStr(uid)})`);
    assert.deepEqual([state, sentAt], ['sent', '1']);
    // The mail program's one-click POST (RFC 8058) to that URL: the kind is off.
    const path = new URL(m.header('List-Unsubscribe').slice(1, -1)).pathname;
    const oneClick = await new Client().raw('POST', `${path}?token=${unsub[2]}`,
      'List-Unsubscribe=One-Click', 'application/x-www-form-urlencoded', { skipSpec: true });
    assertStatus(oneClick, 204, 'one-click unsubscribe');
    const settings = await c.get('/me/notification-settings');
    assertStatus(settings, 200);
    assert.equal(settings.body.email['match.accepted'], 'off', 'match.accepted is off by e-mail');
    const again = await new Client().raw('POST', `${path}?token=${unsub[2]}`,
      'List-Unsubscribe=One-Click', 'application/x-www-form-urlencoded', { skipSpec: true });
    assert.ok([404, 422].includes(again.status), `a used token is refused (${again.status})`);
  });

  it('a recipient the server refuses (550) is marked bounced and not tried again', async () => {
    const email = `refuse-${randomBytes(6).toString('hex')}@example.org`;
    const { res } = await register(['resident'], { email });
    assertStatus(res, 201);
    const [[uid]] = mariadb(`SELECT id FROM users WHERE display_name = ${sqlStr(res.body.user.display_name)}`);
    // Registration queues the verification mail: the first the server
    // refuses. Every later mail to that user fails without being sent.
    assertStatus(await new Client().post('/password-reset', { email }), 202);
    let rows = [];
    for (let i = 0; i < 100; i++) {
      rows = mariadb(`SELECT o.kind, o.state, o.last_error, u.email_bounced_at IS NOT NULL
        FROM outbox o JOIN users u ON u.id = o.user_id WHERE o.user_id = ${sqlStr(uid)} ORDER BY o.id`);
      if (rows.length >= 2 && rows.every((r) => r[1] !== 'queued')) break;
      await sleep(100);
    }
    assert.ok(rows.length >= 2, `the verification and the reset mail (${JSON.stringify(rows)})`);
    assert.deepEqual(rows[0].slice(1), ['failed', 'recipient refused', '1'],
      'the first mail failed at RCPT, and the address is marked bounced');
    for (const r of rows.slice(1))
      assert.deepEqual(r.slice(1, 3), ['failed', 'recipient bounced before'], `${r[0]} is not tried`);
    assert.equal((await findMails({ to: email })).length, 0, 'nothing reached the mailbox');
  });

  it('burenhulpctl digest --now: one digest per user with the day\'s daily items, not a second one', async () => {
    const c = await newUser(['volunteer']);
    addresses.push(c.email);
    const uid = userIdOf(c);
    const links = [`/request.html?id=${newId()}`, `/request.html?id=${newId()}`];
    mariadb(links.map((l, i) => `INSERT INTO notifications (id, user_id, kind, link, arg, email, created_at)
      VALUES (${sqlStr(newId())}, ${sqlStr(uid)}, 'alert.request', ${sqlStr(l)}, ${sqlStr(`Hulpvraag ${i}`)}, 'daily', NOW(3));`).join('\n'));
    const out = ctl(['digest', '--now']);
    assert.equal(out.status, 0, out.stderr);
    assert.match(out.stdout, /digest: [1-9]\d* digests written/);
    const [m] = await waitForMail({ to: c.email, kind: 'digest' });
    checkCommonHeaders(m, c.email, 'nl');
    assert.match(m.header('Subject'), /2 nieuwe meldingen/);
    for (const l of links) assert.ok(m.body.includes(`${PUBLIC()}${l}`), `the digest links ${l}`);
    assert.match(m.header('List-Unsubscribe') ?? '', /\/api\/v1\/unsubscribe\?token=/);
    const [[linked]] = mariadb(`SELECT COUNT(*) FROM notifications WHERE user_id = ${sqlStr(uid)} AND digest_id IS NOT NULL`);
    assert.equal(linked, '2');
    const again = ctl(['digest', '--now']);
    assert.equal(again.status, 0, again.stderr);
    await sleep(1000);
    assert.equal((await findMails({ to: c.email, kind: 'digest' })).length, 1, 'one digest only');
  });

  it('an accepted match not completed after reminder_days: the requester is reminded once', async () => {
    const owner = await newUser(['resident']);
    const vol = await newUser(['volunteer']);
    addresses.push(owner.email, vol.email);
    const rid = newId();
    const mid = newId();
    const title = `Hulp bij de tuin ${randomBytes(3).toString('hex')}`;
    mariadb(`INSERT INTO requests (id, owner_id, posted_as, title, description, category_id, pc4, lat, lon,
        status, created_at, updated_at, expires_at)
      SELECT ${sqlStr(rid)}, ${sqlStr(userIdOf(owner))}, 'resident', ${sqlStr(title)}, 'Een test.',
        (SELECT id FROM categories ORDER BY id LIMIT 1), pc4, lat, lon, 'matched',
        NOW(3) - INTERVAL 9 DAY, NOW(3), NOW(3) + INTERVAL 20 DAY FROM postcodes WHERE pc4 = '7811';
      INSERT INTO matches (id, request_id, volunteer_id, initiated_by, status, created_at, accepted_at, updated_at)
      VALUES (${sqlStr(mid)}, ${sqlStr(rid)}, ${sqlStr(userIdOf(vol))}, 'volunteer', 'accepted',
        NOW(3) - INTERVAL 9 DAY, NOW(3) - INTERVAL 8 DAY, NOW(3));`);
    let reminded = [];
    for (let i = 0; i < 100 && !reminded.length; i++) {
      reminded = mariadb(`SELECT 1 FROM matches WHERE id = ${sqlStr(mid)} AND reminded_at IS NOT NULL`);
      if (!reminded.length) await sleep(100);
    }
    assert.equal(reminded.length, 1, 'reminded_at is set');
    const rows = mariadb(`SELECT user_id, link FROM notifications WHERE kind = 'match.reminder' AND link = ${sqlStr(`/match.html?id=${mid}`)}`);
    assert.deepEqual(rows, [[userIdOf(owner), `/match.html?id=${mid}`]], 'one reminder, for the requester only');
    const [m] = await waitForMail({ to: owner.email, kind: 'match.reminder' });
    assert.ok(m.body.includes(`${PUBLIC()}/match.html?id=${mid}`));
    assert.ok(m.header('Subject').includes(title));
    await sleep(2500);
    assert.equal((await findMails({ to: owner.email, kind: 'match.reminder' })).length, 1, 'once');
    assert.equal((await findMails({ to: vol.email, kind: 'match.reminder' })).length, 0, 'nothing for the volunteer');
  });

  it('the SMTP server down for 15 s: the mail waits, then arrives exactly once', async () => {
    const c = await newUser(['resident']);
    addresses.push(c.email);
    const uid = userIdOf(c);
    const smtp = pidOf('smtp');
    assert.ok(smtp && alive(smtp), 'the local SMTP server runs');
    process.kill(smtp, 'SIGTERM');
    await waitDead(smtp);
    try {
      assertStatus(await new Client().post('/password-reset', { email: c.email }), 202);
      await sleep(15_000);
      assert.equal((await findMails({ to: c.email, subject: /wachtwoord/i })).length, 0);
      const [[state, attempts, err]] = mariadb(`SELECT state, attempts, last_error IS NOT NULL FROM outbox
        WHERE user_id = ${sqlStr(uid)} AND kind LIKE '%password_reset'`);
      assert.equal(state, 'queued', 'still queued while the server is down');
      assert.ok(Number(attempts) >= 2, `tried again with back-off (${attempts} attempts)`);
      assert.equal(err, '1');
    } finally {
      upAgain();
    }
    const [m] = await waitForMail({ to: c.email, subject: /wachtwoord/i, timeout: 30_000 });
    await sleep(3000);
    const all = await findMails({ to: c.email, subject: /wachtwoord/i });
    assert.equal(all.length, 1, 'delivered once');
    assert.equal(all[0].header('Message-ID'), m.header('Message-ID'));
  });

  it('kill -9 of the mailer during a batch of 1 000: every mail arrives, at most one twice, under the same Message-ID', async () => {
    const c = await newUser(['volunteer']);
    const uid = userIdOf(c);
    const mailer = pidOf('mailer');
    assert.ok(mailer && alive(mailer), 'the mailer runs');
    const { nid } = queueNotification(uid, { kind: 'match.accepted', arg: 'Batch', copies: 1000 });
    const [[first, last]] = mariadb(`SELECT MIN(id), MAX(id) FROM outbox WHERE notification_id = ${sqlStr(nid)}`);
    // Kill it mid-batch: once some mail is out, most is not.
    let seen = 0;
    for (let i = 0; i < 600 && seen < 50; i++) {
      seen = (await findMails({ to: c.email, kind: 'match.accepted' })).length;
      if (seen < 50) await sleep(50);
    }
    process.kill(mailer, 'SIGKILL');
    await waitDead(mailer);
    const atKill = (await findMails({ to: c.email, kind: 'match.accepted' })).length;
    assert.ok(atKill >= 50 && atKill < 1000, `killed mid-batch (${atKill} of 1000 out)`);
    upAgain();
    assert.notEqual(pidOf('mailer'), mailer, 'a new mailer');
    let mails = [];
    for (let i = 0; i < 1800; i++) {
      mails = await findMails({ to: c.email, kind: 'match.accepted' });
      if (new Set(mails.map((m) => m.header('Message-ID'))).size >= 1000) break;
      await sleep(100);
    }
    await sleep(2000);
    mails = await findMails({ to: c.email, kind: 'match.accepted' });
    const byId = new Map();
    for (const m of mails) byId.set(m.header('Message-ID'), (byId.get(m.header('Message-ID')) ?? 0) + 1);
    assert.equal(byId.size, 1000, `every one of the 1000 mails arrived (${byId.size} distinct)`);
    const want = new Set();
    for (let id = Number(first); id <= Number(last); id++) want.add(id);
    for (const mid of byId.keys()) assert.ok(want.has(Number(/^<(\d+)\./.exec(mid)[1])), `${mid} is one of the batch`);
    const twice = [...byId.values()].filter((n) => n > 1);
    assert.ok(mails.length <= 1001 && twice.length <= 1 && twice.every((n) => n === 2),
      `at most the mail in flight again (${mails.length} mails, ${twice.length} duplicated)`);
    const [[unsent]] = mariadb(`SELECT COUNT(*) FROM outbox WHERE notification_id = ${sqlStr(nid)} AND state <> 'sent'`);
    assert.equal(unsent, '0', 'every row sent');
  });

  it('STARTTLS: to a server that requires it, the mail goes over TLS (the certificate checked against smtp_ca_file)', async () => {
    const dir = join(VAR, 'mail-tls');
    mkdirSync(dir, { recursive: true });  // box/ is made by aiosmtpd's Mailbox (with tmp/ new/ cur/)
    const cert = join(dir, 'cert.pem');
    const key = join(dir, 'key.pem');
    const ossl = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1',
      '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout', key, '-out', cert], { encoding: 'utf8' });
    assert.equal(ossl.status, 0, `openssl: ${ossl.stderr}`);
    const port = await freePort();
    // aiosmtpd with a certificate refuses MAIL before STARTTLS.
    const tls = spawn('/usr/bin/python3', ['-m', 'aiosmtpd', '-n', '-l', `127.0.0.1:${port}`,
      '--tlscert', cert, '--tlskey', key, '-c', 'aiosmtpd.handlers.Mailbox', join(dir, 'box')],
    { stdio: 'ignore', env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } });
    let second = null;
    const mailer = pidOf('mailer');
    try {
      await waitListening(port);
      // The stack's mailer steps aside for one that sends to this server.
      process.kill(mailer, 'SIGTERM');
      await waitDead(mailer);
      const conf = readFileSync(join(VAR, 'etc', 'mailer.conf'), 'utf8')
        .replace(/^smtp_url\s*=.*$/m, `smtp_url = smtp://127.0.0.1:${port}`) + `smtp_ca_file = ${cert}\n`;
      const confPath = join(dir, 'mailer.conf');
      writeFileSync(confPath, conf, { mode: 0o600 });
      const log = openSync(join(dir, 'mailer.log'), 'a');
      const build = process.env.BURENHULP_BUILD || join(REPO, 'build');
      second = spawn(join(build, 'mailer', 'burenhulp-mailer'), ['-c', confPath], { stdio: ['ignore', 'ignore', log] });
      closeSync(log);
      const c = await newUser(['resident']);
      addresses.push(c.email);
      assertStatus(await new Client().post('/password-reset', { email: c.email }), 202);
      let found = null;
      for (let i = 0; i < 200 && !found; i++) {
        const newDir = join(dir, 'box', 'new');
        for (const f of existsSync(newDir) ? readdirSync(newDir) : []) {
          const text = readFileSync(join(newDir, f), 'latin1');
          if (text.includes(`X-RcptTo: ${c.email}`) && /^Subject: Nieuw wachtwoord/m.test(text)) found = text;
        }
        if (!found) await sleep(100);
      }
      assert.ok(found, 'the reset mail reached the STARTTLS-only server');
    } finally {
      if (second) { second.kill('SIGTERM'); await waitDead(second.pid); }
      tls.kill('SIGTERM');
      await waitDead(tls.pid);
      upAgain();
    }
  });

  it("the mailer's log names no address, no subject and no body", async () => {
    const log = readFileSync(join(VAR, 'log', 'mailer.log'), 'utf8');
    assert.ok(/sent outbox id=\d+ code=250/.test(log), 'the log has what it should: ids and codes');
    assert.ok(!log.includes('@'), 'no address');
    for (const a of addresses) assert.ok(!log.includes(a.split('@')[0]), `not even the local part of ${a}`);
    for (const w of ['wachtwoord', 'Boodschappen', 'Hallo', 'Hello', 'token=']) assert.ok(!log.includes(w), `no "${w}"`);
  });
});
