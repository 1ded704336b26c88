// circles.test.mjs — the circle around a person (issue 18 part 3, API.md
// "Organisations, vacancies and the circle around a person"). A caregiver
// makes a circle and invites by e-mail; the invitee accepts with the mail's
// token (once); a request goes to the circle first: only its members see it
// and are told, and it never shows for a non-member in any list, search,
// suggestion, alert or by id; leaving ends access at once; publish makes it
// public after all. Every answer is checked against docs/openapi.yaml.

import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  Client, DEMO_POSTCODE, newUser, asDemo, randomTag, uniqueEmail, register,
  verifyEmail, assertStatus, assertProblem, sleep,
} from './lib/client.mjs';
import { waitForMail, findMails } from './lib/mail.mjs';

const NOBODY = 'AAAAAAAAAAAAAAAAAAAAAA';

function requestBody(tag, extra = {}) {
  return {
    title: `Kring boodschappen ${tag}`,
    description: `Wie uit de kring doet de boodschappen ${tag}?`,
    category: 'shopping',
    postcode: DEMO_POSTCODE,
    ...extra,
  };
}

// The token in an invitation mail to address (waits for the mailer).
async function invitationToken(address, count = 1) {
  const mails = await waitForMail({ to: address, kind: 'circle.invitation', count });
  const m = mails[mails.length - 1].body.match(/kring-uitnodiging\.html#token=([A-Za-z0-9_-]+)/);
  assert.ok(m, 'the invitation mail carries a link with a token');
  return m[1];
}

async function ids(client, path) {
  const res = await client.get(path);
  assertStatus(res, 200, path);
  return res.body.items.map((i) => i.id ?? i.request?.id);
}

describe('the circle around a person', () => {
  let owner, member, outsider, volunteer, professional, resident, moderator, circle, memberEmail;

  before(async () => {
    owner = await newUser(['caregiver']);
    resident = await newUser(['resident']);
    volunteer = await newUser(['volunteer']);
    outsider = await newUser(['volunteer']);
    professional = await asDemo('professional');
    moderator = await asDemo('moderator');
    // The member is invited before they have an account.
    memberEmail = uniqueEmail('circle-member');
  });

  it('only caregivers and professionals make a circle (401, 403, 422, 201)', async () => {
    assertProblem(await new Client().post('/circles', { first_name: 'Oma' }), 401, 'unauthenticated');
    assertProblem(await resident.post('/circles', { first_name: 'Oma' }), 403, 'forbidden');
    assertProblem(await volunteer.post('/circles', { first_name: 'Oma' }), 403, 'forbidden');
    assertProblem(await owner.post('/circles', {}), 422, 'validation_failed', 'first_name');
    const res = await owner.post('/circles', { first_name: 'Oma Jansen' });
    assertStatus(res, 201);
    circle = res.body.circle;
    assert.equal(circle.first_name, 'Oma Jansen');
    assert.equal(circle.role, 'owner');
    const pro = await professional.post('/circles', { first_name: 'Meneer K' });
    assertStatus(pro, 201);
  });

  it('nobody but the owner sees or manages the circle: 404 for outsiders and staff', async () => {
    for (const c of [outsider, resident, moderator, professional]) {
      assertProblem(await c.get(`/circles/${circle.id}`), 404, 'not_found');
      assertProblem(await c.post(`/circles/${circle.id}/invitations`, { email: uniqueEmail('x') }), 404, 'not_found');
      assert.ok(!(await ids(c, '/circles')).includes(circle.id));
    }
    assertProblem(await owner.get(`/circles/${NOBODY}`), 404, 'not_found');
  });

  it('the owner invites by e-mail; the mail arrives once with a link; the address is sealed', async () => {
    assertProblem(await owner.post(`/circles/${circle.id}/invitations`, { email: 'geen-adres' }), 422, 'validation_failed', 'email');
    const res = await owner.post(`/circles/${circle.id}/invitations`, { email: memberEmail });
    assertStatus(res, 201);
    assert.equal(res.body.invitation.email, memberEmail);
    const token = await invitationToken(memberEmail);
    assert.ok(token.length >= 40);
    await sleep(1500);
    assert.equal((await findMails({ to: memberEmail, kind: 'circle.invitation' })).length, 1, 'the mail arrives once');
    const view = await owner.get(`/circles/${circle.id}`);
    assertStatus(view, 200);
    assert.deepEqual(view.body.circle.invitations.map((i) => i.email), [memberEmail]);
  });

  it('accepting needs a login; the token works once; a member accepting again changes nothing', async () => {
    const token = await invitationToken(memberEmail);
    assertProblem(await new Client().post('/circles/invitations/accept', { token }), 401, 'unauthenticated');
    const reg = await register(['resident'], { email: memberEmail });
    assertStatus(reg.res, 201);
    await verifyEmail(memberEmail);
    member = new Client('member');
    await member.mustLogin(memberEmail, reg.password);
    assertProblem(await member.post('/circles/invitations/accept', { token, circle_id: NOBODY }), 409, 'invitation_other_circle');
    const ok = await member.post('/circles/invitations/accept', { token });
    assertStatus(ok, 200);
    assert.equal(ok.body.circle.id, circle.id);
    assert.equal(ok.body.circle.role, 'member');
    assertStatus(await member.post('/circles/invitations/accept', { token }), 200, 'again: 200, nothing changes');
    // Used: nobody else gets in with it.
    assertProblem(await outsider.post('/circles/invitations/accept', { token }), 409, 'invitation_used');
    assertProblem(await outsider.post('/circles/invitations/accept', { token: 'x'.repeat(43) }), 404, 'invitation_unknown');
    const view = await member.get(`/circles/${circle.id}`);
    assertStatus(view, 200);
    assert.deepEqual(view.body.circle.members.map((m) => m.id), [member.user.id]);
    assert.equal(view.body.circle.invitations, undefined, 'a member does not see the invitations');
    assert.ok((await ids(member, '/circles')).includes(circle.id));
    // A member does not invite.
    assertProblem(await member.post(`/circles/${circle.id}/invitations`, { email: uniqueEmail('y') }), 403, 'forbidden');
  });

  it('a revoked invitation no longer works', async () => {
    const email = uniqueEmail('revoked');
    const res = await owner.post(`/circles/${circle.id}/invitations`, { email });
    assertStatus(res, 201);
    const token = await invitationToken(email);
    assertStatus(await owner.delete(`/circles/${circle.id}/invitations/${res.body.invitation.id}`), 204);
    assertStatus(await owner.delete(`/circles/${circle.id}/invitations/${res.body.invitation.id}`), 204, 'again');
    assertProblem(await outsider.post('/circles/invitations/accept', { token }), 404, 'invitation_unknown');
  });

  describe('a request to the circle first', () => {
    let req, tag;

    before(async () => {
      tag = randomTag(8);
      // The outsider volunteer has an alert that fits and an offer that fits.
      assertStatus(await outsider.post('/me/alerts', { postcode: '7811', radius_km: 10, frequency: 'instant' }), 201);
      const offer = await outsider.post('/offers', {
        title: `Boodschappen ${tag}`, description: 'Ik doe graag boodschappen.', categories: ['shopping'],
        postcode: DEMO_POSTCODE, radius_km: 10, availability: [{ day: 'sat', from: '09:00', to: '13:00' }],
      });
      assertStatus(offer, 201);
      assertStatus(await moderator.post(`/offers/${offer.body.offer.id}/review`, { decision: 'approve' }), 200);
    });

    it('checks its fields (422 naming the field)', async () => {
      assertProblem(await owner.post('/requests', requestBody(tag, { audience: 'circle' })), 422, 'validation_failed', 'circle_id');
      assertProblem(await owner.post('/requests', requestBody(tag, { audience: 'circle', circle_id: NOBODY })), 422, 'validation_failed', 'circle_id');
      assertProblem(await professional.post('/requests', requestBody(tag, { audience: 'circle', circle_id: circle.id })), 422, 'validation_failed', 'circle_id');
      assertProblem(await owner.post('/requests', requestBody(tag, { audience: 'circle', circle_id: circle.id, circle_until: '2001-01-01T00:00:00Z' })), 422, 'validation_failed', 'circle_until');
      assertProblem(await owner.post('/requests', requestBody(tag, { circle_id: circle.id })), 422, 'validation_failed', 'circle_id');
    });

    it('is open at once for the circle, and its members are told (circle.request)', async () => {
      const res = await owner.post('/requests', requestBody(tag, { audience: 'circle', circle_id: circle.id, circle_hours: 24 }));
      assertStatus(res, 201);
      req = res.body.request;
      assert.equal(req.status, 'open');
      assert.equal(req.audience, 'circle');
      assert.equal(req.circle_id, circle.id);
      const n = await member.get('/me/notifications');
      assertStatus(n, 200);
      assert.ok(n.body.items.some((i) => i.kind === 'circle.request' && i.link.includes(req.id)));
      await waitForMail({ to: memberEmail, kind: 'circle.request' });
    });

    it('a member sees it by id and on the agenda', async () => {
      const res = await member.get(`/requests/${req.id}`);
      assertStatus(res, 200);
      assert.equal(res.body.request.audience, 'circle');
      assert.equal(res.body.request.private, undefined);
      const view = await member.get(`/circles/${circle.id}`);
      assert.ok(view.body.circle.agenda.some((a) => a.id === req.id && a.status === 'open'));
    });

    it('a non-member sees nothing: by id 404, lists, search, near, suggestions, alerts', async () => {
      for (const c of [outsider, volunteer, resident, professional, new Client()]) {
        const res = await c.get(`/requests/${req.id}`);
        assert.ok([401, 404].includes(res.status), `by id: ${res.status}`);
        assert.ok(!(await ids(c, '/requests?limit=100')).includes(req.id), 'list');
        assert.ok(!(await ids(c, `/requests?q=${tag}`)).includes(req.id), 'search');
        assert.ok(!(await ids(c, `/requests?near=7811&radius_km=5&limit=100`)).includes(req.id), 'near');
        assert.ok(!(await ids(c, `/requests?near=7811&radius_km=5&q=${tag}`)).includes(req.id), 'near + search');
      }
      assertProblem(await professional.get(`/requests/${req.id}/suggestions`), 404, 'not_found');
      const sug = await outsider.get('/me/suggestions?limit=50');
      assertStatus(sug, 200);
      assert.ok(!sug.body.some((x) => x.request.id === req.id), 'not in a fitting volunteer\'s suggestions');
      assertProblem(await outsider.patch(`/requests/${req.id}`, { title: 'x' }), 404, 'not_found');
      assertProblem(await outsider.post(`/requests/${req.id}/publish`), 404, 'not_found');
      assertProblem(await outsider.post('/matches', { request_id: req.id, message: 'Ik help!' }), 404, 'not_found');
      // No alert and no circle notification for the outsider.
      const n = await outsider.get('/me/notifications?limit=100');
      assert.ok(!n.body.items.some((i) => i.link.includes(req.id)), 'no alert for a non-member');
      assert.equal((await findMails({ to: outsider.email })).filter((m) => m.body.includes(req.id)).length, 0);
    });

    it('a member who is no volunteer responds; the owner cannot invite outside the circle', async () => {
      const res = await member.post('/matches', { request_id: req.id, message: 'Ik doe het zaterdag.' });
      assertStatus(res, 201);
      assert.equal(res.body.match.status, 'responded');
      assertStatus(await member.post(`/matches/${res.body.match.id}/cancel`, { reason: 'Toch niet' }), 200);
      assertProblem(await owner.post('/matches', { request_id: req.id, volunteer_id: outsider.user.id, message: 'Wil jij?' }), 422, 'validation_failed', 'volunteer_id');
    });

    it('a member who leaves loses access at once (404); a removed member too', async () => {
      assertStatus(await member.delete(`/circles/${circle.id}/members/me`), 204);
      assertProblem(await member.get(`/requests/${req.id}`), 404, 'not_found');
      assertProblem(await member.get(`/circles/${circle.id}`), 404, 'not_found');
      assertProblem(await member.delete(`/circles/${circle.id}/members/me`), 404, 'not_found');
      // Back in with a new invitation, then removed by the owner.
      const inv = await owner.post(`/circles/${circle.id}/invitations`, { email: memberEmail });
      assertStatus(inv, 201);
      const token = await invitationToken(memberEmail, 2);
      assertStatus(await member.post('/circles/invitations/accept', { token }), 200);
      assertStatus(await member.get(`/requests/${req.id}`), 200);
      assertProblem(await member.delete(`/circles/${circle.id}/members/${owner.user.id}`), 403, 'forbidden');
      assertStatus(await owner.delete(`/circles/${circle.id}/members/${member.user.id}`), 204);
      assertProblem(await member.get(`/requests/${req.id}`), 404, 'not_found');
      assertProblem(await owner.delete(`/circles/${circle.id}/members/${member.user.id}`), 404, 'not_found');
      assertProblem(await owner.delete(`/circles/${circle.id}/members/me`), 403, 'forbidden');
    });

    it('publish: only the owner; then it is a public request (after moderation under pre-moderation)', async () => {
      assertProblem(await resident.post(`/requests/${req.id}/publish`), 404, 'not_found');
      const res = await owner.post(`/requests/${req.id}/publish`);
      assertStatus(res, 200);
      assert.equal(res.body.request.audience, 'public');
      if (res.body.request.status === 'pending') {
        assertStatus(await moderator.post(`/requests/${req.id}/review`, { decision: 'approve' }), 200);
      }
      assertStatus(await owner.post(`/requests/${req.id}/publish`), 200, 'again: no harm');
      const seen = await outsider.get(`/requests/${req.id}`);
      assertStatus(seen, 200);
      assert.equal(seen.body.request.circle_id, undefined, 'the public does not learn the circle');
      assert.ok((await ids(new Client(), `/requests?q=${tag}`)).includes(req.id), 'in search now');
      const sug = await outsider.get('/me/suggestions?limit=50');
      assert.ok(sug.body.some((x) => x.request.id === req.id), 'and in a fitting volunteer\'s suggestions');
      // Now the volunteers' alerts hear of it.
      const n = await outsider.get('/me/notifications?limit=100');
      assert.ok(n.body.items.some((i) => i.kind === 'alert.request' && i.link.includes(req.id)));
    });
  });
});

describe('circles in the export and erasure', () => {
  it('the owner\'s export holds the circle, members and pending invitations; erasing the owner ends the circle, erasing a member ends the membership', async () => {
    const owner = await newUser(['caregiver']);
    const member = await newUser(['resident']);
    const other = await newUser(['resident']);
    const c = (await owner.post('/circles', { first_name: 'Opa Export' })).body.circle;
    const pending = uniqueEmail('pending');
    assertStatus(await owner.post(`/circles/${c.id}/invitations`, { email: member.email }), 201);
    assertStatus(await owner.post(`/circles/${c.id}/invitations`, { email: pending }), 201);
    assertStatus(await member.post('/circles/invitations/accept', { token: await invitationToken(member.email) }), 200);
    const exp = await owner.get('/me/export');
    assertStatus(exp, 200);
    const mine = exp.body.circles.find((x) => x.id === c.id);
    assert.equal(mine.first_name, 'Opa Export');
    assert.deepEqual(mine.members.map((m) => m.display_name), [member.registered.display_name]);
    assert.deepEqual(mine.invitations.map((i) => i.email), [pending]);
    const mexp = await member.get('/me/export');
    assert.ok(mexp.body.circles.some((x) => x.id === c.id && x.role === 'member'));
    assert.equal(mexp.body.circles.find((x) => x.id === c.id).invitations, undefined);
    // Erasing the member removes the membership.
    assertStatus(await member.delete('/me', { password: member.password }), 204);
    assert.deepEqual((await owner.get(`/circles/${c.id}`)).body.circle.members, []);
    // Erasing the owner ends the circle: a member is out.
    assertStatus(await owner.post(`/circles/${c.id}/invitations`, { email: other.email }), 201);
    assertStatus(await other.post('/circles/invitations/accept', { token: await invitationToken(other.email) }), 200);
    assertStatus(await owner.delete('/me', { password: owner.password }), 204);
    assertProblem(await other.get(`/circles/${c.id}`), 404, 'not_found');
    assert.ok(!(await ids(other, '/circles')).includes(c.id));
  });
});

describe('the time the circle has (circle_until)', () => {
  it('when nobody took it by then, the poster is told once (circle.unanswered) and can publish', async () => {
    const owner = await newUser(['caregiver']);
    const c = (await owner.post('/circles', { first_name: 'Tante' })).body.circle;
    const until = new Date(Date.now() + 3000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const res = await owner.post('/requests', requestBody(randomTag(6), { audience: 'circle', circle_id: c.id, circle_until: until }));
    assertStatus(res, 201);
    assert.equal(res.body.request.circle_until, until);
    const told = async () => (await owner.get('/me/notifications?limit=100')).body.items
      .filter((i) => i.kind === 'circle.unanswered' && i.link.includes(res.body.request.id));
    assert.equal((await told()).length, 0, 'not before its time');
    let items = [];
    for (let i = 0; i < 40 && items.length === 0; i++) { await sleep(500); items = await told(); }
    assert.equal(items.length, 1, 'told once');
    await sleep(2500);
    assert.equal((await told()).length, 1, 'and only once');
    await waitForMail({ to: owner.email, kind: 'circle.unanswered' });
  });
});
