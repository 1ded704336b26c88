// privacy.test.mjs — what is private stays sealed at rest. A user whose
// e-mail address, password and phone number carry unique markers registers,
// logs in (also once with a wrong password carrying a marker), sets the
// phone number, asks for a password reset (a sealed mail in the outbox) and
// exports their data. Then every file of the database (binary-safe:
// ibdata*, ib_logfile*, *.ibd, ...) and every log is searched for the
// markers: none may be there in plaintext. A marker in the display name,
// which is public and stored in plaintext, proves the search can find what
// is there.

import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client, VAR, DEMO_POSTCODE, randomTag, searchFiles, sleep, assertStatus, assertProblem } from './lib/client.mjs';

describe('private data is never stored or logged in plaintext', () => {
  const mark = randomTag(16);
  const secret = {
    email: `privacy-${mark}-mail@example.org`,
    password: `pw-${mark}-secret`,
    wrongPassword: `pw-${randomTag(16)}-wrong`,
    phone: `+31-6-${String(Date.now() % 1e8).padStart(8, '0')}-${String(Math.floor(Math.random() * 1e4)).padStart(4, '0')}`.slice(0, 22),
  };
  const publicName = `Openbaar ${randomTag(16)}`;
  let markers;

  before(async () => {
    assert.ok(existsSync(join(VAR, 'mysql')),
      `no database folder at ${join(VAR, 'mysql')}: set BURENHULP_VAR to the state folder of the stack under test`);
    const c = new Client('privacy');
    const reg = await c.post('/accounts', {
      email: secret.email, password: secret.password, display_name: publicName,
      postcode: DEMO_POSTCODE, roles: ['caregiver'], accept_terms: true,
    });
    assertStatus(reg, 201);
    assertProblem(await new Client().login(secret.email, secret.wrongPassword), 401, 'invalid_credentials');
    await c.mustLogin(secret.email, secret.password);
    const patched = await c.patch('/me', { phone: secret.phone });
    assertStatus(patched, 200);
    assert.equal(patched.body.user.phone, secret.phone);
    assertStatus(await new Client().post('/password-reset', { email: secret.email }), 202);
    assertStatus(await c.get('/me/export'), 200);
    // InnoDB writes its redo log at commit (flushed to disk at least once a
    // second): give it that second, and the logs their buffers.
    await sleep(1500);
    markers = {
      'e-mail address': secret.email,
      'e-mail marker': `${mark}-mail`,
      password: secret.password,
      'wrong password': secret.wrongPassword,
      phone: secret.phone,
    };
  });

  it('the search finds what is stored in plaintext (the public display name)', async () => {
    let found = null;
    for (let i = 0; i < 10 && !(found?.hits.length); i++) {
      if (i) await sleep(1000);
      found = await searchFiles(publicName, [join(VAR, 'mysql')]);
    }
    assert.ok(found.files > 0, `no files under ${join(VAR, 'mysql')}`);
    assert.ok(found.hits.length > 0,
      `the display name is not found in ${found.files} files (${found.bytes} bytes): the search proves nothing`);
  });

  it('no marker of e-mail, password or phone is in any file under $VAR/mysql or $VAR/log', async () => {
    const { hits, files, bytes } = await searchFiles(Object.values(markers));
    assert.ok(files > 3, `searched only ${files} files`);
    const named = hits.map((h) => `${Object.keys(markers).find((k) => markers[k] === h.needle)} in ${h.file}`);
    assert.deepEqual(named, [], `plaintext found (searched ${files} files, ${bytes} bytes)`);
  });
});
