// org_changes.test.mjs — defects left from organisation accounts (issue 18
// part 1), one test each, named after what it guards; each failed before
// its fix. A coordinator's empty PATCH, or one that changes nothing, made an
// empty pending change for the moderators, and a repeated click a second
// copy of the change; a coordinator's organisations and
// proposed changes were missing from their export and stayed after erasure.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import {
  VAR, DEMO_POSTCODE, newUser, asDemo, asAdmin, randomTag, assertStatus, assertProblem,
} from './lib/client.mjs';

function sql(text) {
  const r = spawnSync('mariadb', ['--no-defaults', `--socket=${join(VAR, 'run', 'mysqld.sock')}`,
    '-u', userInfo().username, '-N', '-B', 'burenhulp', '-e', text], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(r.status, 0, `mariadb: ${r.stderr || r.error}`);
  return r.stdout.split('\n').filter((l) => l.length).map((l) => l.split('\t'));
}
const q = (s) => `'${String(s).replace(/[^A-Za-z0-9_-]/g, '')}'`;	// ids only

let admin, moderator;
const made = [];

async function makeOrg(name, fields = {}) {
  const res = await admin.post('/organisations', {
    name, description: 'Tekst van ' + name, categories: ['respite', 'company'], postcode: DEMO_POSTCODE,
    website: 'https://example.org/' + randomTag(4), ...fields,
  });
  assertStatus(res, 201);
  made.push(res.body.organisation.id);
  return res.body.organisation;
}

async function coordinatorOf(org) {
  const c = await newUser(['volunteer']);
  assertStatus(await admin.post(`/organisations/${org.id}/coordinators`, { user_id: c.user.id }), 201);
  return c;
}

async function pendingOf(orgId) {
  const res = await moderator.get('/admin/organisation-changes?limit=100');
  assertStatus(res, 200);
  return res.body.items.filter((c) => c.organisation.id === orgId);
}

before(async () => {
  admin = await asAdmin();
  moderator = await asDemo('moderator');
});

after(async () => {
  for (const id of made) await admin.delete(`/organisations/${id}`);
});

describe('a coordinator\'s PATCH that changes nothing', () => {
  it('an empty PATCH is a 422 naming the body, and makes no pending change', async () => {
    const org = await makeOrg('Leeg ' + randomTag(4));
    const c = await coordinatorOf(org);
    const res = await c.patch(`/organisations/${org.id}`, {});
    assertProblem(res, 422, 'validation_failed', 'body', 'empty');
    assertProblem(await c.patch(`/organisations/${org.id}`, { colour: 'rood' }), 422, 'validation_failed', 'body', 'empty');
    assert.deepEqual(await pendingOf(org.id), [], 'nothing for the moderators');
    // The admin's empty PATCH is refused the same way.
    assertProblem(await admin.patch(`/organisations/${org.id}`, {}), 422, 'validation_failed', 'body', 'empty');
  });

  it('a PATCH equal to the current entry is a 422 no_change, and makes no pending change', async () => {
    const org = await makeOrg('Gelijk ' + randomTag(4), { phone: null });
    const c = await coordinatorOf(org);
    const same = {
      name: org.name, description: org.description, categories: ['company', 'respite'],
      postcode: DEMO_POSTCODE, website: org.website, phone: null,
    };
    const res = await c.patch(`/organisations/${org.id}`, same);
    assertProblem(res, 422, 'no_change', 'body', 'no_change');
    assertProblem(await c.patch(`/organisations/${org.id}`, { name: org.name }), 422, 'no_change');
    assert.deepEqual(await pendingOf(org.id), [], 'nothing for the moderators');

    // One field that differs is a change, of that field.
    const real = await c.patch(`/organisations/${org.id}`, { ...same, description: 'Echt nieuw.' });
    assertStatus(real, 202);
    assert.equal((await pendingOf(org.id)).length, 1);
    const cats = await c.patch(`/organisations/${org.id}`, { categories: ['respite'] });
    assertStatus(cats, 202, 'fewer categories is a change');
  });
});

describe('a coordinator\'s repeated click', () => {
  it('the same change sent twice is one pending change (202 both times, the same id)', async () => {
    const org = await makeOrg('Dubbel ' + randomTag(4));
    const c = await coordinatorOf(org);
    const body = { name: 'Dubbel nieuw ' + randomTag(4), categories: ['meals'], phone: null };
    const first = await c.patch(`/organisations/${org.id}`, body);
    assertStatus(first, 202);
    const again = await c.patch(`/organisations/${org.id}`, body);
    assertStatus(again, 202);
    assert.equal(again.body.change.id, first.body.change.id, 'the same change');
    assert.equal((await pendingOf(org.id)).length, 1, 'one change for the moderators');
    // A different change is a change of its own.
    const other = await c.patch(`/organisations/${org.id}`, { ...body, phone: '0591 123456' });
    assertStatus(other, 202);
    assert.notEqual(other.body.change.id, first.body.change.id);
    assert.equal((await pendingOf(org.id)).length, 2);
  });
});

describe('a coordinator in the account export and erasure', () => {
  it('GET /me/export holds the organisations one coordinates and the changes one proposed; DELETE /me removes them', async () => {
    const org = await makeOrg('Export ' + randomTag(4));
    const c = await coordinatorOf(org);
    const proposed = await c.patch(`/organisations/${org.id}`, { description: 'Voorstel voor de export.' });
    assertStatus(proposed, 202);
    const changeId = proposed.body.change.id;

    const exp = await c.get('/me/export');
    assertStatus(exp, 200);
    assert.deepEqual(exp.body.organisations.map((o) => [o.id, o.name]), [[org.id, org.name]]);
    assert.ok(exp.body.organisations[0].since, 'since when');
    const ch = exp.body.organisation_changes;
    assert.equal(ch.length, 1);
    assert.equal(ch[0].id, changeId);
    assert.equal(ch[0].organisation.id, org.id);
    assert.equal(ch[0].status, 'pending');
    assert.deepEqual(ch[0].changes, { description: 'Voorstel voor de export.' });
    // Someone else's export holds neither.
    const other = await newUser(['volunteer']);
    const theirs = (await other.get('/me/export')).body;
    assert.deepEqual(theirs.organisations, []);
    assert.deepEqual(theirs.organisation_changes, []);

    assertStatus(await c.delete('/me', { password: c.password }), 204);
    assert.deepEqual(sql(`SELECT COUNT(*) FROM organisation_coordinators WHERE user_id = ${q(c.user.id)}`), [['0']]);
    assert.deepEqual(sql(`SELECT COUNT(*) FROM organisation_changes WHERE proposed_by = ${q(c.user.id)}`), [['0']]);
    // The change itself stays for the moderators, proposed by nobody now.
    const list = await moderator.get('/admin/organisation-changes?limit=100');
    const left = list.body.items.find((x) => x.id === changeId);
    assert.ok(left, 'the change is still there to review');
    assert.equal(left.proposed_by, null);
    const coords = await admin.get(`/organisations/${org.id}/coordinators`);
    assert.deepEqual(coords.body.items, [], 'no longer a coordinator');
  });
});

