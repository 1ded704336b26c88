// stats_vacancies.test.mjs — the Talentenbank in the figures (issue 18):
// GET /admin/stats counts the vacancies posted and the responses made per
// organisation for the municipality and period, rounded to 5 as every
// count; a count of responses with fewer than 5 volunteers behind it is
// suppressed, and the next smallest with it when it is the only one; the
// CSV carries the same as rows per organisation.
//
// The fixture lies in March 2019 in Maastricht, where and when no other
// test posts: three organisations, their vacancies and responses written
// into the database with those dates, deleted afterwards.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, asDemo, assertStatus, randomTag } from './lib/client.mjs';
import { mariadb } from './lib/explain.mjs';

const tag = randomTag(6);
const id = (prefix, n) => `${prefix}${tag}${String(n).padStart(22 - prefix.length - tag.length, '0')}`;
const ORG = { a: id('sa', 1), b: id('sb', 1), c: id('sc', 1) };
const PERIOD = 'from=2019-03-01&to=2019-03-31&municipality=Maastricht';
let moderator;
let seq = 0;

function vacancy(org, status, pc4 = '6211', at = '2019-03-10 10:00:00') {
  const vid = id('sv', ++seq);
  mariadb(`INSERT INTO vacancies (id, organisation_id, title, description, pc4, lat, lon, needs_vog, status,
      created_at, updated_at, alerted_at)
    SELECT '${vid}', '${org}', 'Figures ${tag}', 'Fixture', pc4, lat, lon, 0, '${status}', '${at}', '${at}', '${at}'
    FROM postcodes WHERE pc4 = '${pc4}'`);
  return vid;
}

function responses(vid, count, at = '2019-03-15 12:00:00') {
  const rows = [];
  for (let i = 0; i < count; i++) {
    const uid = id('su', ++seq);
    rows.push(`INSERT INTO users (id, email_ct, email_bidx, display_name, pc4, roles, status, created_at, updated_at)
      VALUES ('${uid}', 'x', UNHEX(SHA2('${uid}', 256)), 'Figures fixture', '6211', 'volunteer', 'active', NOW(3), NOW(3));
    INSERT INTO vacancy_responses (id, vacancy_id, volunteer_id, created_at, updated_at)
      VALUES ('${id('sr', ++seq)}', '${vid}', '${uid}', '${at}', '${at}')`);
  }
  mariadb(rows.join(';\n'));
}

before(async () => {
  moderator = await asDemo('moderator');
  mariadb(`INSERT INTO organisations (id, name, description, pc4, lat, lon, active, created_at, updated_at)
    SELECT '${ORG.a}', 'Aa ${tag}', 'Fixture', pc4, lat, lon, 1, NOW(3), NOW(3) FROM postcodes WHERE pc4 = '6211'
    UNION ALL SELECT '${ORG.b}', 'Bb ${tag}', 'Fixture', pc4, lat, lon, 1, NOW(3), NOW(3) FROM postcodes WHERE pc4 = '6211'
    UNION ALL SELECT '${ORG.c}', 'Cc ${tag}', 'Fixture', pc4, lat, lon, 1, NOW(3), NOW(3) FROM postcodes WHERE pc4 = '6211'`);
  // A: three vacancies whatever became of them, 6 volunteers responding.
  const a = vacancy(ORG.a, 'open');
  vacancy(ORG.a, 'pending');
  vacancy(ORG.a, 'rejected');
  responses(a, 6);
  // B: 2 volunteers; C: 8 volunteers, one more after the period.
  responses(vacancy(ORG.b, 'closed'), 2);
  const c = vacancy(ORG.c, 'open');
  responses(c, 8);
  responses(c, 1, '2019-04-05 12:00:00');
  // Outside the municipality (Emmen) and outside the period: not counted.
  responses(vacancy(ORG.c, 'open', '7811'), 5);
  vacancy(ORG.c, 'open', '6211', '2019-02-10 10:00:00');
});

after(() => {
  mariadb(`DELETE FROM organisations WHERE id IN ('${ORG.a}', '${ORG.b}', '${ORG.c}');
    DELETE FROM users WHERE id LIKE 'su${tag}%'`);
});

describe('figures: vacancies and responses per organisation', () => {
  it('counts per organisation, rounded, with small cells suppressed and the next smallest with them', async () => {
    const res = await moderator.get(`/admin/stats?${PERIOD}`);
    assertStatus(res, 200);
    const v = res.body.vacancies;
    assert.equal(v.vacancies_posted, 5, '5 vacancies in the period and municipality');
    assert.equal(v.vacancy_responses, 15, '16 responses, rounded');
    assert.equal(v.suppressed, false);
    const by = Object.fromEntries(v.per_organisation.map((o) => [o.organisation.id, o]));
    assert.deepEqual(Object.keys(by).sort(), [ORG.a, ORG.b, ORG.c].sort());
    assert.equal(by[ORG.a].vacancies_posted, 5, 'three of any status, rounded to 5');
    assert.equal(by[ORG.b].vacancy_responses, null, '2 volunteers: suppressed');
    assert.deepEqual(by[ORG.b].suppressed_fields, ['vacancy_responses']);
    assert.equal(by[ORG.a].vacancy_responses, null, 'the next smallest (6), or the total would tell B');
    assert.equal(by[ORG.c].vacancy_responses, 10, '8 volunteers, rounded; the one of April is not in');
    assert.deepEqual(v.per_organisation.map((o) => o.organisation.name), [`Aa ${tag}`, `Bb ${tag}`, `Cc ${tag}`]);
  });

  it('another municipality counts its own', async () => {
    const res = await moderator.get('/admin/stats?from=2019-03-01&to=2019-03-31&municipality=Emmen');
    assertStatus(res, 200);
    const c = res.body.vacancies.per_organisation.find((o) => o.organisation.id === ORG.c);
    assert.equal(c.vacancies_posted, 5);
    assert.equal(c.vacancy_responses, 5);
    assert.ok(!res.body.vacancies.per_organisation.some((o) => o.organisation.id === ORG.a));
  });

  it('the CSV has a row per organisation with the same figures', async () => {
    const raw = await fetch(`${BASE_URL}/api/v1/admin/stats?${PERIOD}&format=csv&lang=nl`,
      { headers: { cookie: `bh_session=${moderator.sessionCookie}` } });
    assert.equal(raw.status, 200);
    const lines = (await raw.text()).replace(/^\uFEFF/, '').replace(/\r\n$/, '').split('\r\n');
    const head = lines[0].split(';');
    assert.deepEqual(head.slice(-3), ['vacatures geplaatst', 'reacties op vacatures', 'onderdrukt']);
    for (const l of lines) assert.equal(l.split(';').length, head.length, l);
    const row = (name) => lines.find((l) => l.startsWith(`organisatie;`) && l.split(';')[2] === name).split(';');
    assert.deepEqual(row(`Cc ${tag}`).slice(-3), ['5', '10', 'nee']);
    assert.deepEqual(row(`Bb ${tag}`).slice(-3), ['5', '', 'ja']);
    assert.deepEqual(lines[1].split(';').slice(-3, -1), ['5', '15'], 'the period row carries the totals');
  });
});
