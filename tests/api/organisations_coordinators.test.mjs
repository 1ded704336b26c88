// organisations_coordinators.test.mjs — organisation accounts (issue 18
// part 1, API.md "Organisations, vacancies and the circle around a
// person"), per role. An admin makes a user coordinator of one
// organisation (a second click does no harm) and removes them again; the
// coordinator edits their own organisation's entry, which waits for a
// moderator while the public entry keeps its old text; a moderator approves
// or rejects. Who may not matters most: a coordinator of A cannot touch B,
// a resident and a moderator cannot edit at all, nobody but an admin
// grants. Every answer is checked against docs/openapi.yaml (client.mjs).

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  Client, DEMO_POSTCODE, newUser, asDemo, asAdmin, randomTag,
  assertStatus, assertProblem,
} from './lib/client.mjs';

const NOBODY = 'AAAAAAAAAAAAAAAAAAAAAA';

describe('organisation accounts', () => {
  let admin, moderator, coordinator, resident, orgA, orgB;

  async function makeOrg(name) {
    const res = await admin.post('/organisations', {
      name, description: 'Oude tekst van ' + name, categories: ['respite'], postcode: DEMO_POSTCODE,
    });
    assertStatus(res, 201);
    return res.body.organisation;
  }

  async function auditActions(target) {
    const res = await admin.get(`/admin/audit?target=${target}&limit=100`);
    assertStatus(res, 200);
    return res.body.items.map((i) => i.action);
  }

  before(async () => {
    admin = await asAdmin();
    moderator = await asDemo('moderator');
    coordinator = await newUser(['volunteer']);
    resident = await newUser(['resident']);
    orgA = await makeOrg('Organisatie A ' + randomTag(4));
    orgB = await makeOrg('Organisatie B ' + randomTag(4));
  });

  after(async () => {
    for (const o of [orgA, orgB]) if (o) await admin.delete(`/organisations/${o.id}`);
  });

  it('only an admin grants: 401, 403 for a resident and a moderator, 404 unknown, 201 then 200', async () => {
    const body = { user_id: coordinator.user.id };
    assertProblem(await new Client().post(`/organisations/${orgA.id}/coordinators`, body), 401, 'unauthenticated');
    assertProblem(await resident.post(`/organisations/${orgA.id}/coordinators`, body), 403, 'forbidden');
    assertProblem(await moderator.post(`/organisations/${orgA.id}/coordinators`, body), 403, 'forbidden');
    assertProblem(await admin.post(`/organisations/${NOBODY}/coordinators`, body), 404, 'not_found');
    assertProblem(await admin.post(`/organisations/${orgA.id}/coordinators`, { user_id: NOBODY }), 404, 'not_found');
    assertProblem(await admin.post(`/organisations/${orgA.id}/coordinators`, { user_id: 'x' }), 422, 'validation_failed', 'user_id');

    const first = await admin.post(`/organisations/${orgA.id}/coordinators`, body);
    assertStatus(first, 201);
    assert.deepEqual(first.body.items.map((i) => i.user.id), [coordinator.user.id]);
    const again = await admin.post(`/organisations/${orgA.id}/coordinators`, body);
    assertStatus(again, 200, 'a second click does no harm');
    assert.equal(again.body.items.length, 1);
    const actions = await auditActions(orgA.id);
    assert.equal(actions.filter((a) => a === 'organisation.coordinator.grant').length, 1, 'one audit row for the grant');
  });

  it('a coordinator finds their own organisations (GET /organisations/mine); others get an empty list', async () => {
    const mine = await coordinator.get('/organisations/mine');
    assertStatus(mine, 200);
    assert.deepEqual(mine.body.items.map((o) => o.id), [orgA.id]);
    const none = await resident.get('/organisations/mine');
    assertStatus(none, 200);
    assert.deepEqual(none.body.items, []);
    assertProblem(await new Client().get('/organisations/mine'), 401, 'unauthenticated');
  });

  it('the coordinators are listed to the admin and to that organisation\'s coordinators only', async () => {
    const byAdmin = await admin.get(`/organisations/${orgA.id}/coordinators`);
    assertStatus(byAdmin, 200);
    assert.deepEqual(byAdmin.body.items.map((i) => i.user.id), [coordinator.user.id]);
    const own = await coordinator.get(`/organisations/${orgA.id}/coordinators`);
    assertStatus(own, 200);
    assert.equal(own.body.items.length, 1);
    assertProblem(await coordinator.get(`/organisations/${orgB.id}/coordinators`), 403, 'forbidden');
    assertProblem(await resident.get(`/organisations/${orgA.id}/coordinators`), 403, 'forbidden');
    assertProblem(await moderator.get(`/organisations/${orgA.id}/coordinators`), 403, 'forbidden');
    assertProblem(await new Client().get(`/organisations/${orgA.id}/coordinators`), 401, 'unauthenticated');
    assertProblem(await admin.get(`/organisations/${NOBODY}/coordinators`), 404, 'not_found');
  });

  it('a coordinator\'s edit waits for a moderator; the public entry keeps the old text until approval', async () => {
    const newName = 'Nieuwe naam ' + randomTag(4);
    const res = await coordinator.patch(`/organisations/${orgA.id}`, {
      name: newName, description: 'Nieuwe tekst.', website: 'https://example.org/a', phone: null,
    });
    assertStatus(res, 202);
    const change = res.body.change;
    assert.equal(change.status, 'pending');
    assert.equal(change.organisation.id, orgA.id);
    assert.equal(change.proposed_by.id, coordinator.user.id);
    assert.deepEqual(change.changes, { name: newName, description: 'Nieuwe tekst.', website: 'https://example.org/a', phone: null });

    const before = await new Client().get(`/organisations/${orgA.id}`);
    assertStatus(before, 200);
    assert.equal(before.body.organisation.name, orgA.name, 'the old name stays public');
    assert.equal(before.body.organisation.description, orgA.description);

    // Only moderators see the pending changes, and only they decide.
    assertProblem(await resident.get('/admin/organisation-changes'), 403, 'forbidden');
    assertProblem(await coordinator.get('/admin/organisation-changes'), 403, 'forbidden');
    assertProblem(await coordinator.post(`/admin/organisation-changes/${change.id}/review`, { decision: 'approve' }), 403, 'forbidden');
    const list = await moderator.get('/admin/organisation-changes?limit=100');
    assertStatus(list, 200);
    assert.ok(list.body.items.some((c) => c.id === change.id), 'the change is in the moderator\'s list');
    assertProblem(await moderator.get('/admin/organisation-changes?status=x'), 422, 'validation_failed', 'status');
    assertProblem(await moderator.post(`/admin/organisation-changes/${change.id}/review`, { decision: 'maybe' }), 422, 'validation_failed', 'decision');
    assertProblem(await moderator.post(`/admin/organisation-changes/${NOBODY}/review`, { decision: 'approve' }), 404, 'not_found');

    const ok = await moderator.post(`/admin/organisation-changes/${change.id}/review`, { decision: 'approve', note: 'Klopt.' });
    assertStatus(ok, 200);
    assert.equal(ok.body.change.status, 'approved');
    assert.equal(ok.body.change.note, 'Klopt.');
    assertProblem(await moderator.post(`/admin/organisation-changes/${change.id}/review`, { decision: 'reject' }), 409, 'conflict');

    const after = (await new Client().get(`/organisations/${orgA.id}`)).body.organisation;
    assert.equal(after.name, newName);
    assert.equal(after.description, 'Nieuwe tekst.');
    assert.equal(after.website, 'https://example.org/a');
    assert.deepEqual(after.categories, ['respite'], 'what the change did not name stays');
    const approved = await moderator.get('/admin/organisation-changes?status=approved&limit=100');
    assert.ok(approved.body.items.some((c) => c.id === change.id));
    const actions = await auditActions(orgA.id);
    assert.ok(actions.includes('organisation.change.propose'));
    assert.ok(actions.includes('organisation.change.approve'));
  });

  it('a rejected change leaves the entry as it was', async () => {
    const before = (await new Client().get(`/organisations/${orgA.id}`)).body.organisation;
    const res = await coordinator.patch(`/organisations/${orgA.id}`, { description: 'Afgewezen tekst.', categories: ['shopping'] });
    assertStatus(res, 202);
    const no = await moderator.post(`/admin/organisation-changes/${res.body.change.id}/review`, { decision: 'reject' });
    assertStatus(no, 200);
    assert.equal(no.body.change.status, 'rejected');
    const now = (await new Client().get(`/organisations/${orgA.id}`)).body.organisation;
    assert.equal(now.description, before.description);
    assert.deepEqual(now.categories, before.categories);
  });

  it('a coordinator of A cannot change B; a resident and a moderator cannot change any; bad input is a 422', async () => {
    assertProblem(await coordinator.patch(`/organisations/${orgB.id}`, { name: 'Overgenomen' }), 403, 'forbidden');
    assertProblem(await resident.patch(`/organisations/${orgA.id}`, { name: 'Overgenomen' }), 403, 'forbidden');
    assertProblem(await moderator.patch(`/organisations/${orgA.id}`, { name: 'Overgenomen' }), 403, 'forbidden');
    assertProblem(await new Client().patch(`/organisations/${orgA.id}`, { name: 'Overgenomen' }), 401, 'unauthenticated');
    assertProblem(await coordinator.patch(`/organisations/${NOBODY}`, { name: 'X' }), 403, 'forbidden');
    assertProblem(await coordinator.patch(`/organisations/${orgA.id}`, { website: 'ftp://x' }), 422, 'validation_failed', 'website');
    assertProblem(await coordinator.patch(`/organisations/${orgA.id}`, { categories: ['no-such-category'] }), 422, 'validation_failed', 'categories[0]');
    const b = (await new Client().get(`/organisations/${orgB.id}`)).body.organisation;
    assert.equal(b.name, orgB.name, 'B is untouched');
  });

  it('the admin\'s own PATCH stays immediate', async () => {
    const name = 'Door admin ' + randomTag(4);
    const res = await admin.patch(`/organisations/${orgB.id}`, { name });
    assertStatus(res, 200);
    assert.equal(res.body.organisation.name, name);
    assert.equal((await new Client().get(`/organisations/${orgB.id}`)).body.organisation.name, name);
  });

  it('only an admin removes a coordinator (204, then 404); the removed coordinator can edit no more', async () => {
    const path = `/organisations/${orgA.id}/coordinators/${coordinator.user.id}`;
    assertProblem(await resident.delete(path), 403, 'forbidden');
    assertProblem(await moderator.delete(path), 403, 'forbidden');
    assertProblem(await coordinator.delete(path), 403, 'forbidden');
    assertStatus(await admin.delete(path), 204);
    assertProblem(await admin.delete(path), 404, 'not_found');
    assertProblem(await admin.delete(`/organisations/${NOBODY}/coordinators/${coordinator.user.id}`), 404, 'not_found');
    assertProblem(await coordinator.patch(`/organisations/${orgA.id}`, { name: 'Nog even' }), 403, 'forbidden');
    assertProblem(await coordinator.get(`/organisations/${orgA.id}/coordinators`), 403, 'forbidden');
    assert.deepEqual((await coordinator.get('/organisations/mine')).body.items, [], 'no longer among their organisations');
    const actions = await auditActions(orgA.id);
    assert.ok(actions.includes('organisation.coordinator.remove'));
  });
});
