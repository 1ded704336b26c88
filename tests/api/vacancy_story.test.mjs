// vacancy_story.test.mjs — the Talentenbank end to end through the API
// (issue 18): a coordinator posts a vacancy, it waits for a moderator and
// meanwhile is in no volunteer's suggestions and reaches no alert; the
// moderator approves it; then the volunteer with the right talent finds it
// first in GET /me/vacancy-suggestions, is told once by their alert of
// vacancies (notification and mail), and their response shows in the
// figures of the day.
//
// Needs the mailer's fast pace (scripts/test's stack).

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { asAdmin, asDemo, assertStatus, newUser, randomTag, sleep, DEMO_POSTCODE } from './lib/client.mjs';
import { waitForMail } from './lib/mail.mjs';

async function ofKind(client, kind) {
  const res = await client.get('/me/notifications?limit=100');
  assertStatus(res, 200);
  return res.body.items.filter((n) => n.kind === kind);
}

describe('a vacancy from posting to the volunteer who fits it', () => {
  const tag = randomTag(6);
  let admin, moderator, coordinator, volunteer, org, vacancy;

  before(async () => {
    admin = await asAdmin();
    moderator = await asDemo('moderator');
    [coordinator, volunteer] = await Promise.all([newUser(['volunteer']), newUser(['volunteer'])]);
    const o = await admin.post('/organisations', {
      name: `Wijkkeuken ${tag}`, description: 'Koken voor de buurt.', categories: ['meals'], postcode: DEMO_POSTCODE,
    });
    assertStatus(o, 201);
    org = o.body.organisation;
    assertStatus(await admin.post(`/organisations/${org.id}/coordinators`, { user_id: coordinator.user.id }), 201);
    assertStatus(await volunteer.patch('/me', { talents: ['cooking'] }), 200);
    assertStatus(await volunteer.post('/me/alerts', {
      kind: 'vacancies', postcode: '7811', radius_km: 10, talents: ['cooking'], frequency: 'instant',
    }), 201);
    // The coordinator's own alert fits too: the poster is still not told.
    assertStatus(await coordinator.post('/me/alerts', { kind: 'vacancies', postcode: '7811', radius_km: 10, frequency: 'daily' }), 201);
  });

  after(async () => {
    if (org) await admin.delete(`/organisations/${org.id}`);
  });

  it('pending: in nobody\'s suggestions and no alert; approved: suggested first, told once, counted', async () => {
    const posted = await coordinator.post('/vacancies', {
      organisation_id: org.id, title: `Kok voor de wijkmaaltijd ${tag}`,
      description: 'Eens per week koken met en voor buurtgenoten.', talents: ['cooking'], categories: ['meals'],
      postcode: DEMO_POSTCODE, hours_per_month: 12, needs_vog: false,
    });
    assertStatus(posted, 201);
    vacancy = posted.body.vacancy;
    assert.equal(vacancy.status, 'pending');
    await sleep(1000);	// the alerts job polls every 100 ms here
    const before = await volunteer.get('/me/vacancy-suggestions?limit=50');
    assertStatus(before, 200);
    assert.ok(!before.body.some((s) => s.vacancy.id === vacancy.id), 'pending: not suggested');
    assert.equal((await ofKind(volunteer, 'alert.vacancy')).length, 0, 'pending: nobody told');

    assertStatus(await moderator.post(`/vacancies/${vacancy.id}/review`, { decision: 'approve' }), 200);
    const after = await volunteer.get('/me/vacancy-suggestions?limit=50&lang=nl');
    assertStatus(after, 200);
    const mine = after.body.find((s) => s.vacancy.id === vacancy.id);
    assert.ok(mine, 'approved: suggested');
    assert.deepEqual(mine.talents_in_common, [{ id: 'cooking', name: 'Koken' }]);
    assert.equal(mine.vacancy.organisation.name, `Wijkkeuken ${tag}`);

    const [mail] = await waitForMail({ to: volunteer.email, kind: 'alert.vacancy', subject: tag });
    assert.ok(mail, 'an instant mail');
    const told = await ofKind(volunteer, 'alert.vacancy');
    assert.deepEqual(told.map((n) => n.link), [`/vacature.html?id=${vacancy.id}`]);
    assert.equal((await ofKind(coordinator, 'alert.vacancy')).length, 0, 'the poster is not told of their own');
    const own = await coordinator.get('/me/vacancy-suggestions?limit=50');
    assertStatus(own, 200);
    assert.ok(!own.body.some((s) => s.vacancy.id === vacancy.id), 'a coordinator is not suggested their own organisation\'s vacancy');

    // Hidden and approved again: no second alert.
    assertStatus(await moderator.post(`/vacancies/${vacancy.id}/review`, { decision: 'hide', reason: 'even weg' }), 200);
    const hidden = await volunteer.get('/me/vacancy-suggestions?limit=50');
    assert.ok(!hidden.body.some((s) => s.vacancy.id === vacancy.id), 'hidden: not suggested');
    assertStatus(await moderator.post(`/vacancies/${vacancy.id}/review`, { decision: 'approve' }), 200);
    await sleep(1000);
    assert.equal((await ofKind(volunteer, 'alert.vacancy')).length, 1, 'told once');

    // The response, then the figures of today for Emmen count it.
    assertStatus(await volunteer.post(`/vacancies/${vacancy.id}/responses`, { message: 'Ik kook graag mee!' }), 201);
    const answered = await volunteer.get('/me/vacancy-suggestions?limit=50');
    assert.ok(!answered.body.some((s) => s.vacancy.id === vacancy.id), 'answered: no longer suggested');
    const today = new Date().toISOString().slice(0, 10);
    const stats = await moderator.get(`/admin/stats?from=${today}&to=${today}&municipality=Emmen`);
    assertStatus(stats, 200);
    const row = stats.body.vacancies.per_organisation.find((r) => r.organisation.id === org.id);
    assert.ok(row, 'the organisation is in the figures');
    assert.equal(row.vacancies_posted, 5, 'one vacancy, rounded to 5');
    assert.equal(row.vacancy_responses, null, 'one volunteer: suppressed');
    assert.deepEqual(row.suppressed_fields, ['vacancy_responses']);
  });
});
