// vacancy_suggestions.test.mjs — GET /me/vacancy-suggestions (issue 18):
// a volunteer sees published vacancies near where they help, best first,
// with the talents and categories they have in common, the distance and
// whether a VOG is needed; a vacancy that is pending, rejected, hidden,
// closed, of an inactive organisation, too far away or already answered
// never appears; only volunteers may ask.
//
// The vacancies are a fixture written straight into the stack's database
// (one organisation of its own, deleted afterwards): each status a vacancy
// can have, so that the test does not depend on how the offers handler
// moderates them. The volunteer is a real account with a real offer.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Client, asDemo, assertStatus, assertFieldError, newUser, randomTag, DEMO_POSTCODE } from './lib/client.mjs';
import { mariadb } from './lib/explain.mjs';

const tag = randomTag(6);
const id = (prefix, n) => `${prefix}${tag}${String(n).padStart(22 - prefix.length - tag.length, '0')}`;
const ORG = id('zo', 1), ORG_INACTIVE = id('zo', 2);

const V = {
  fits: id('zv', 1),		// open, 7811, cooking + gardening, garden, VOG needed
  other: id('zv', 2),		// open, 7822, music, no category
  pending: id('zv', 3),
  rejected: id('zv', 4),
  hidden: id('zv', 5),
  closed: id('zv', 6),
  inactiveOrg: id('zv', 7),	// open, but its organisation is not active
  far: id('zv', 8),		// open, Maastricht
  answered: id('zv', 9),	// open, the volunteer responded already
};
const NEVER = ['pending', 'rejected', 'hidden', 'closed', 'inactiveOrg', 'far', 'answered'];

function vacancy(vid, org, pc4, status, needsVog, title) {
  return `INSERT INTO vacancies (id, organisation_id, title, description, pc4, lat, lon, hours_per_month,
      needs_vog, status, created_at, updated_at)
    SELECT '${vid}', '${org}', '${title}', 'Fixture of vacancy_suggestions.test', pc4, lat, lon, 8,
      ${needsVog}, '${status}', NOW(3), NOW(3) FROM postcodes WHERE pc4 = '${pc4}'`;
}

let volunteer, resident, volunteerId;

before(async () => {
  volunteer = await newUser(['volunteer']);
  resident = await newUser(['resident']);
  volunteerId = (await volunteer.get('/me')).body.user.id;
  const moderator = await asDemo('moderator');
  const offer = await volunteer.post('/offers', {
    title: `Tuinhulp ${tag}`, description: 'Ik help graag in de tuin.', categories: ['garden'],
    postcode: DEMO_POSTCODE, radius_km: 15, availability: [{ day: 'sat', from: '09:00', to: '13:00' }],
  });
  assertStatus(offer, 201, 'POST /offers');
  assertStatus(await moderator.post(`/offers/${offer.body.offer.id}/review`, { decision: 'approve' }), 200);

  mariadb(`INSERT INTO organisations (id, name, description, pc4, lat, lon, active, created_at, updated_at)
    SELECT '${ORG}', 'Vrijwilligerscentrale ${tag}', 'Fixture', pc4, lat, lon, 1, NOW(3), NOW(3) FROM postcodes WHERE pc4 = '7811'
    UNION ALL
    SELECT '${ORG_INACTIVE}', 'Opgeheven ${tag}', 'Fixture', pc4, lat, lon, 0, NOW(3), NOW(3) FROM postcodes WHERE pc4 = '7811'`);
  mariadb([
    vacancy(V.fits, ORG, '7811', 'open', 1, 'Kok voor de buurtmaaltijd'),
    vacancy(V.other, ORG, '7822', 'open', 0, 'Muzikant voor het verzorgingshuis'),
    vacancy(V.pending, ORG, '7811', 'pending', 0, 'Wacht op een moderator'),
    vacancy(V.rejected, ORG, '7811', 'rejected', 0, 'Afgewezen'),
    vacancy(V.hidden, ORG, '7811', 'hidden', 0, 'Verborgen'),
    vacancy(V.closed, ORG, '7811', 'closed', 0, 'Gesloten'),
    vacancy(V.inactiveOrg, ORG_INACTIVE, '7811', 'open', 0, 'Van een opgeheven organisatie'),
    vacancy(V.far, ORG, '6211', 'open', 0, 'Ver weg'),
    vacancy(V.answered, ORG, '7811', 'open', 0, 'Al gereageerd'),
  ].join(';\n'));
  const talents = { fits: ['cooking', 'gardening'], other: ['music'] };
  for (const k of Object.keys(V)) talents[k] ??= ['cooking'];
  mariadb(`INSERT INTO vacancy_talents (vacancy_id, talent_id) VALUES ${Object.entries(V)
    .flatMap(([k, vid]) => talents[k].map((t) => `('${vid}', '${t}')`)).join(', ')}`);
  mariadb(`INSERT INTO vacancy_categories (vacancy_id, category_id) VALUES ('${V.fits}', 'garden')`);
  mariadb(`INSERT INTO user_talents (user_id, talent_id) VALUES ('${volunteerId}', 'cooking'), ('${volunteerId}', 'gardening')`);
  mariadb(`INSERT INTO vacancy_responses (id, vacancy_id, volunteer_id, created_at, updated_at)
    VALUES ('${id('zr', 1)}', '${V.answered}', '${volunteerId}', NOW(3), NOW(3))`);
});

after(() => {
  mariadb(`DELETE FROM organisations WHERE id IN ('${ORG}', '${ORG_INACTIVE}')`);
});

const mine = (body) => body.filter((s) => Object.values(V).includes(s.vacancy.id));

describe('GET /me/vacancy-suggestions', () => {
  it('a volunteer sees the fitting vacancy first, with its talents, category, distance and VOG', async () => {
    const res = await volunteer.get('/me/vacancy-suggestions?lang=nl');
    assertStatus(res, 200);
    const ours = mine(res.body);
    assert.deepEqual(ours.map((s) => s.vacancy.id), [V.fits, V.other], 'the two published ones, the fitting one first');
    const [fits, other] = ours;
    assert.deepEqual(fits.talents_in_common, [{ id: 'cooking', name: 'Koken' }, { id: 'gardening', name: 'Tuinieren' }]);
    assert.deepEqual(fits.categories_in_common.map((c) => c.id), ['garden']);
    assert.equal(fits.needs_vog, true);
    assert.equal(fits.has_vog, false);
    assert.equal(fits.distance_km, 0);
    assert.ok(fits.reasons.includes('uw talenten: Koken, Tuinieren'), fits.reasons.join(' | '));
    assert.ok(fits.reasons.includes('0,0 km'), fits.reasons.join(' | '));
    assert.ok(fits.reasons.includes('VOG nodig: u hebt er nog geen'), fits.reasons.join(' | '));
    assert.equal(fits.vacancy.organisation.name, `Vrijwilligerscentrale ${tag}`);
    assert.equal(fits.vacancy.status, 'open');
    assert.deepEqual(other.talents_in_common, []);
    assert.ok(other.distance_km > 0 && other.distance_km < 15, `7822 is near 7811 (${other.distance_km})`);
    assert.ok(fits.score > other.score, `${fits.score} > ${other.score}`);
  });

  it('a vacancy that is not published, too far or already answered never appears', async () => {
    const res = await volunteer.get('/me/vacancy-suggestions?limit=50');
    assertStatus(res, 200);
    const seen = new Set(res.body.map((s) => s.vacancy.id));
    for (const k of NEVER) assert.ok(!seen.has(V[k]), `${k} is not suggested`);
    for (const s of res.body) assert.equal(s.vacancy.status, 'open');
  });

  it('reasons in English with lang=en', async () => {
    const res = await volunteer.get('/me/vacancy-suggestions?lang=en');
    assertStatus(res, 200);
    const fits = mine(res.body).find((s) => s.vacancy.id === V.fits);
    assert.deepEqual(fits.talents_in_common.map((t) => t.name), ['Cooking', 'Gardening']);
    assert.ok(fits.reasons.includes('your talents: Cooking, Gardening'), fits.reasons.join(' | '));
    assert.ok(fits.reasons.includes('VOG needed: you do not have one yet'), fits.reasons.join(' | '));
  });

  it('a held VOG is said and scores higher', async () => {
    const before = mine((await volunteer.get('/me/vacancy-suggestions')).body).find((s) => s.vacancy.id === V.fits);
    mariadb(`INSERT INTO users_vog (user_id, status, issued_on, expires_on, submitted_at)
      VALUES ('${volunteerId}', 'verified', UTC_DATE(), UTC_DATE() + INTERVAL 1 YEAR, NOW(3))`);
    try {
      const res = await volunteer.get('/me/vacancy-suggestions?lang=nl');
      const fits = mine(res.body).find((s) => s.vacancy.id === V.fits);
      assert.equal(fits.has_vog, true);
      assert.ok(fits.reasons.includes('VOG nodig: u hebt er een'), fits.reasons.join(' | '));
      assert.equal(fits.score, before.score + 10);
    } finally {
      mariadb(`DELETE FROM users_vog WHERE user_id = '${volunteerId}'`);
    }
  });

  it('the answer is capped at limit', async () => {
    const res = await volunteer.get('/me/vacancy-suggestions?limit=1');
    assertStatus(res, 200);
    assert.equal(res.body.length, 1);
  });

  it('a volunteer without an offer is suggested vacancies near their own postcode', async () => {
    const fresh = await newUser(['volunteer']);
    const res = await fresh.get('/me/vacancy-suggestions?limit=50');
    assertStatus(res, 200);
    const ours = mine(res.body);
    assert.ok(ours.some((s) => s.vacancy.id === V.fits), 'the vacancy in their own area');
    const names = ours.map((s) => Object.keys(V).find((k) => V[k] === s.vacancy.id));
    assert.ok(names.includes('answered'), 'another volunteer\'s response does not hide it from them');
    for (const k of NEVER.filter((n) => n !== 'answered')) assert.ok(!names.includes(k), `${k} is not suggested`);
  });

  it('a resident is refused (403), a visitor must log in (401), a bad limit or lang is 422', async () => {
    assertStatus(await resident.get('/me/vacancy-suggestions'), 403);
    assertStatus(await new Client('anon').get('/me/vacancy-suggestions'), 401);
    assertFieldError(await volunteer.get('/me/vacancy-suggestions?limit=0'), 'limit');
    assertFieldError(await volunteer.get('/me/vacancy-suggestions?lang=xx'), 'lang');
  });
});
