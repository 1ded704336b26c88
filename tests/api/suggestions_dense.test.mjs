// suggestions_dense.test.mjs — a new request or offer in a crowded area is
// suggested (issue 18, found on the way). Suggestions read at most 100
// candidates, the areas nearest first; within an area they were read in id
// order, and ids are random: in an area with more than 100 open requests (or
// active offers) of one category, a new one could stay out of every
// volunteer's (or resident's) suggestions for as long as the others stood.
// Now each area is read newest first, and equal scores rank the newest first.
//
// The crowd is put in the database directly (old rows, ids that sort before
// any the API makes, so that id order would put every one of them before the
// new one); the new request, offer and the people around them go through the
// API. Needs a stack in pre-moderation and its state folder (BURENHULP_VAR).

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { asDemo, newUser, randomTag, assertStatus } from './lib/client.mjs';
import { mariadb } from './lib/explain.mjs';

const CROWD = 120;	// more than suggest.c's CANDIDATES_MAX (100)
const REQUEST_AREA = '7877', OFFER_AREA = '7884';	// 2e Valthermond, Barger-Compascuum: 13 km apart, no other test's

let moderator;
const tag = randomTag(6);
// '-' sorts before every other character of an id (ascii_bin, strcmp).
const pad = (prefix, n) => `--${prefix}${tag}${String(n).padStart(20 - prefix.length - tag.length, '0')}`;
const crowdOwner = pad('w', 0), crowdVolunteer = pad('v', 0);

async function openRequest(owner, pc4) {
  const res = await owner.post('/requests', {
    title: `Formulieren ${tag}`, description: `Wie helpt mij met een formulier? ${tag}`,
    category: 'paperwork', postcode: `${pc4} AA`,
  });
  assertStatus(res, 201, 'POST /requests');
  assertStatus(await moderator.post(`/requests/${res.body.request.id}/review`, { decision: 'approve' }), 200);
  return res.body.request;
}

async function activeOffer(volunteer, pc4) {
  const res = await volunteer.post('/offers', {
    title: `Papierwerk ${tag}`, description: 'Ik help graag met formulieren.',
    categories: ['paperwork'], postcode: `${pc4} AA`, radius_km: 5,
    availability: [{ day: 'sat', from: '09:00', to: '13:00' }],
  });
  assertStatus(res, 201, 'POST /offers');
  assertStatus(await moderator.post(`/offers/${res.body.offer.id}/review`, { decision: 'approve' }), 200);
  return res.body.offer;
}

before(async () => {
  moderator = await asDemo('moderator');
  mariadb(`INSERT INTO users (id, email_ct, email_bidx, display_name, pc4, roles, status, created_at, updated_at)
    VALUES ('${crowdOwner}', 'x', UNHEX(SHA2('${crowdOwner}', 256)), 'Dense fixture', '${REQUEST_AREA}', 'resident', 'active', NOW(3), NOW(3)),
      ('${crowdVolunteer}', 'x', UNHEX(SHA2('${crowdVolunteer}', 256)), 'Dense fixture', '${OFFER_AREA}', 'volunteer', 'active', NOW(3), NOW(3))`);
  mariadb(`INSERT INTO requests (id, owner_id, posted_as, title, description, category_id, pc4, lat, lon,
      status, created_at, updated_at, expires_at)
    SELECT CONCAT('--q${tag}', LPAD(s.seq, 13, '0')), '${crowdOwner}', 'resident', 'Fixture', 'Fixture',
      'paperwork', p.pc4, p.lat, p.lon, 'open', NOW(3) - INTERVAL 20 DAY + INTERVAL s.seq SECOND, NOW(3), NOW(3) + INTERVAL 10 DAY
    FROM seq_1_to_${CROWD} s JOIN postcodes p ON p.pc4 = '${REQUEST_AREA}'`);
  mariadb(`INSERT INTO offers (id, volunteer_id, title, description, pc4, lat, lon, radius_km, status, created_at, updated_at)
    SELECT CONCAT('--o${tag}', LPAD(s.seq, 13, '0')), '${crowdVolunteer}', 'Fixture', 'Fixture',
      p.pc4, p.lat, p.lon, 10, 'active', NOW(3) - INTERVAL 20 DAY + INTERVAL s.seq SECOND, NOW(3)
    FROM seq_1_to_${CROWD} s JOIN postcodes p ON p.pc4 = '${OFFER_AREA}'`);
  mariadb(`INSERT INTO offer_categories (offer_id, category_id)
    SELECT id, 'paperwork' FROM offers WHERE volunteer_id = '${crowdVolunteer}'`);
});

after(() => {
  mariadb(`DELETE FROM offers WHERE volunteer_id = '${crowdVolunteer}'`);
  mariadb(`DELETE FROM requests WHERE owner_id = '${crowdOwner}'`);
  mariadb(`DELETE FROM users WHERE id IN ('${crowdOwner}', '${crowdVolunteer}')`);
});

describe('suggestions in an area crowded with one category', () => {
  it('a new request among more than 100 open ones of its category is suggested to the volunteer nearby', async () => {
    const volunteer = await newUser(['volunteer'], { postcode: `${REQUEST_AREA} AA` });
    const offer = await activeOffer(volunteer, REQUEST_AREA);
    const resident = await newUser(['resident'], { postcode: `${REQUEST_AREA} AA` });
    const request = await openRequest(resident, REQUEST_AREA);

    const wide = await volunteer.get('/me/suggestions?limit=50');
    assertStatus(wide, 200);
    assert.equal(wide.body.filter((s) => s.request.id === request.id).length, 1,
      `the new request is suggested, once: ${JSON.stringify(wide.body.map((s) => s.request.id))}`);
    const mine = await volunteer.get('/me/suggestions');
    assert.equal(mine.body.length, 20, 'a full page: the crowd is suggested too');
    assert.equal(mine.body[0].request.id, request.id, 'the newest request comes first among equals');
    assert.equal(mine.body[0].offer_id, offer.id);

    // And the other way round: the resident sees the volunteer.
    const theirs = await resident.get(`/requests/${request.id}/suggestions`);
    assertStatus(theirs, 200);
    assert.ok(theirs.body.some((s) => s.volunteer.id === volunteer.user.id && s.offer_id === offer.id),
      `the volunteer is suggested: ${JSON.stringify(theirs.body.map((s) => s.volunteer.id))}`);
  });

  it('a new volunteer among more than 100 active offers of the category is suggested for a request there', async () => {
    const resident = await newUser(['resident'], { postcode: `${OFFER_AREA} AA` });
    const volunteer = await newUser(['volunteer'], { postcode: `${OFFER_AREA} AA` });
    const offer = await activeOffer(volunteer, OFFER_AREA);
    const request = await openRequest(resident, OFFER_AREA);

    const res = await resident.get(`/requests/${request.id}/suggestions`);
    assertStatus(res, 200);
    const ids = res.body.map((s) => s.volunteer.id);
    assert.ok(ids.includes(crowdVolunteer), 'the crowd\'s volunteer is suggested');
    assert.ok(ids.includes(volunteer.user.id), `the new volunteer is suggested: ${JSON.stringify(ids)}`);
    assert.equal(res.body.find((s) => s.volunteer.id === volunteer.user.id).offer_id, offer.id);

    // The new volunteer sees the request among their own suggestions.
    const mine = await volunteer.get('/me/suggestions');
    assert.ok(mine.body.some((s) => s.request.id === request.id));
  });
});
