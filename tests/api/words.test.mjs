// words.test.mjs — issue 17, parts 2 and 3 (API.md "Care": health words in
// public text, professional care) as stories: a caregiver is about to post
// "my mother has dementia" in the public description and the site asks
// first whether that belongs in the private part; she posts anyway and the
// answer warns again, and the moderator sees the flag in the queue. A
// resident who asks for help with washing and wound care is pointed to
// home care and caregiver support near her postcode. A volunteer's offer
// is warned too. Nothing of this ever blocks a post, and the private part
// (where such words belong) is never looked at. Every answer is checked
// against docs/openapi.yaml (client.mjs).

import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import {
  Client, VAR, DEMO_POSTCODE, UNKNOWN_POSTCODE, asDemo, newUser, randomTag,
  assertStatus, assertProblem,
} from './lib/client.mjs';

function sql(text) {
  const r = spawnSync('mariadb', ['--no-defaults', `--socket=${join(VAR, 'run', 'mysqld.sock')}`,
    '-u', userInfo().username, '-N', '-B', 'burenhulp', '-e', text], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(r.status, 0, `mariadb: ${r.stderr || r.error}`);
  return r.stdout.split('\n').filter((l) => l.length).map((l) => l.split('\t'));
}
const q = (s) => `'${String(s).replace(/[^A-Za-z0-9_-]/g, '')}'`;

const codes = (warnings) => warnings.map((w) => `${w.field}:${w.code}`).sort();
const HOME_CARE = 'demoOrgThuiszorg000014';

let caregiver, resident, volunteer, moderator;
before(async () => {
  caregiver = await asDemo('caregiver');
  resident = await asDemo('resident');
  volunteer = await asDemo('volunteer');
  moderator = await asDemo('moderator');
});

describe('POST /requests/check: the form asks before it posts', () => {
  it('a plain request gets no warnings and no suggestions', async () => {
    const res = await resident.post('/requests/check', {
      title: 'Boodschappen op vrijdag', description: 'Wie doet er boodschappen voor mij bij de supermarkt?',
      category: 'shopping', postcode: DEMO_POSTCODE,
    });
    assertStatus(res, 200);
    assert.deepEqual(res.body, { warnings: [], suggested_organisations: [] });
  });

  it('names the health words of title and description, as written, each once', async () => {
    const res = await caregiver.post('/requests/check', {
      title: 'Gezelschap voor moeder met Alzheimer',
      description: 'Mijn moeder heeft alzheimer en diabetes; ze gebruikt Oxazepam. Een wandeling samen?',
      category: 'company', postcode: DEMO_POSTCODE,
    });
    assertStatus(res, 200);
    assert.deepEqual(codes(res.body.warnings), ['description:health_term', 'title:health_term']);
    const byField = Object.fromEntries(res.body.warnings.map((w) => [w.field, w]));
    assert.deepEqual(byField.title.terms, ['Alzheimer']);
    assert.deepEqual(byField.description.terms, ['alzheimer', 'diabetes', 'Oxazepam']);
    assert.ok(byField.description.message.length > 10);
    assert.deepEqual(res.body.suggested_organisations, [], 'health words alone suggest nothing');
  });

  it('matches accents, case, compounds and phrases, and not look-alikes', async () => {
    const one = async (description) => (await caregiver.post('/requests/check',
      { title: 'Hulp gevraagd', description })).body.warnings.flatMap((w) => w.terms);
    assert.deepEqual(await one('Mijn vader is KANKERPATIËNT en heeft longkanker.'), ['KANKERPATIËNT', 'longkanker']);
    assert.deepEqual(await one('Zij heeft de ziekte van Parkinson.'), ['ziekte van Parkinson']);
    assert.deepEqual(await one('Sinds zijn suikerziekte kookt hij niet meer.'), ['suikerziekte']);
    assert.deepEqual(await one('Wie bakt suikerbrood als het regent? Niet kankeren!'), []);
    assert.deepEqual(await one('Medicijnen ophalen bij de apotheek en de kat voeren.'), []);
  });

  it('an ask for professional care suggests home care and caregiver support near the postcode', async () => {
    const res = await resident.post('/requests/check', {
      title: 'Hulp bij het douchen',
      description: 'Wie kan mijn man helpen met wassen en aankleden, en de wondverzorging van zijn been doen?',
      category: 'company', postcode: DEMO_POSTCODE,
    });
    assertStatus(res, 200);
    assert.deepEqual(codes(res.body.warnings), ['description:professional_care', 'title:professional_care']);
    const care = res.body.warnings.find((w) => w.field === 'description');
    assert.deepEqual(care.terms, ['helpen met wassen', 'aankleden', 'wondverzorging']);
    const orgs = res.body.suggested_organisations;
    assert.ok(orgs.length >= 3 && orgs.length <= 5, `${orgs.length} suggestions`);
    assert.ok(orgs.some((o) => o.id === HOME_CARE), 'the demo home care provider');
    const d = orgs.map((o) => o.distance_km);
    assert.deepEqual(d, [...d].sort((a, b) => a - b), 'nearest first');
    for (const o of orgs) {
      assert.ok(o.categories.some((c) => ['home-care', 'respite', 'caregiver-support'].includes(c)), o.name);
      assert.ok(o.area.pc4 && o.name && 'website' in o);
      assert.ok(o.distance_km <= 25);
    }
  });

  it('the category home-care alone is an ask for professional care', async () => {
    const res = await resident.post('/requests/check', {
      title: 'Hulp in huis', description: 'Iemand die elke ochtend even langskomt.', category: 'home-care', postcode: '7811',
    });
    assertStatus(res, 200);
    assert.deepEqual(res.body.warnings.map((w) => [w.field, w.code, w.terms]), [['category', 'professional_care', []]]);
    assert.ok(res.body.suggested_organisations.some((o) => o.categories.includes('home-care')));
  });

  it('without a postcode: the warnings, but no suggestions', async () => {
    const res = await resident.post('/requests/check', { title: 'Wondverzorging', description: 'Wie helpt?' });
    assertStatus(res, 200);
    assert.deepEqual(codes(res.body.warnings), ['title:professional_care']);
    assert.deepEqual(res.body.suggested_organisations, []);
  });

  it('a volunteer (the offer form) may ask too; nobody without a session', async () => {
    assertStatus(await volunteer.post('/requests/check', { title: 'Boodschappen', description: 'Ik help graag.' }), 200);
    assertProblem(await new Client().post('/requests/check', { title: 'x', description: 'y' }), 401, 'unauthenticated');
  });

  it('bad input is 422 naming the field', async () => {
    assertProblem(await resident.post('/requests/check', { description: 'y' }), 422, 'validation_failed', 'title');
    assertProblem(await resident.post('/requests/check', { title: 'x', description: '' }), 422, 'validation_failed', 'description');
    assertProblem(await resident.post('/requests/check', { title: 'x', description: 'x'.repeat(4001) }), 422, 'validation_failed', 'description');
    assertProblem(await resident.post('/requests/check', { title: 'x', description: 'y', category: 'nope' }), 422, 'validation_failed', 'category');
    assertProblem(await resident.post('/requests/check', { title: 'x', description: 'y', postcode: UNKNOWN_POSTCODE }), 422, 'unknown_postcode', 'postcode', 'unknown_postcode');
    assertProblem(await resident.post('/requests/check', { title: 'x', description: 'y', postcode: 'abc' }), 422, 'validation_failed', 'postcode');
  });

  it('a description of 4000 characters with invalid-looking text is answered, not failed', async () => {
    const description = ('dementie \u0000\u00ad\u200b\ud7ff\uffff ' + 'x'.repeat(40) + ' ').repeat(200).slice(0, 4000);
    const res = await resident.post('/requests/check', { title: 'x', description });
    assert.ok([200, 422].includes(res.status), `${res.status}`);
  });
});

describe('posting anyway: the answers warn, the queue flags', () => {
  let request;

  it('POST /requests answers the request and its warnings; it is posted all the same', async () => {
    const tag = randomTag(8);
    const res = await caregiver.post('/requests', {
      title: `Wandelen met mijn moeder ${tag}`,
      description: 'Mijn moeder heeft dementie en houdt van wandelen in het park.',
      category: 'company', postcode: DEMO_POSTCODE,
      private: { care_situation: 'Alzheimer, gebruikt insuline en oxazepam.' },
    });
    assertStatus(res, 201);
    request = res.body.request;
    assert.equal(request.status, 'pending');
    assert.deepEqual(res.body.warnings.map((w) => [w.field, w.code, w.terms]),
      [['description', 'health_term', ['dementie']]], 'the private part is not looked at');
    assert.deepEqual(res.body.suggested_organisations, []);
  });

  it('the moderator sees the flag health_term in the queue; a plain post has none', async () => {
    const plain = await caregiver.post('/requests', {
      title: 'Boodschappen', description: 'Wie doet boodschappen?', category: 'shopping', postcode: DEMO_POSTCODE,
    });
    assertStatus(plain, 201);
    assert.deepEqual(plain.body.warnings, []);
    // Oldest in the queue, so that the first page holds them.
    sql(`UPDATE requests SET created_at = '1971-01-01 00:00:00' WHERE id IN (${q(request.id)}, ${q(plain.body.request.id)})`);
    const res = await moderator.get('/admin/queue?limit=100');
    assertStatus(res, 200);
    const flagged = res.body.items.find((i) => i.id === request.id);
    const none = res.body.items.find((i) => i.id === plain.body.request.id);
    assert.ok(flagged && none, 'both in the queue');
    assert.deepEqual(flagged.flags, ['health_term']);
    assert.deepEqual(none.flags, []);
  });

  it('PATCH answers the warnings of the text as it now reads', async () => {
    let res = await caregiver.patch(`/requests/${request.id}`, { description: 'Mijn moeder wandelt graag in het park.' });
    assertStatus(res, 200);
    assert.deepEqual(res.body.warnings, []);
    res = await caregiver.patch(`/requests/${request.id}`, { title: 'Wie geeft haar de medicijnen?' });
    assertStatus(res, 200);
    assert.deepEqual(res.body.warnings, [], '"medicijnen" alone is neither a medicine nor an ask for care');
    res = await caregiver.patch(`/requests/${request.id}`, { title: 'Wie kan haar medicijnen geven?' });
    assertStatus(res, 200);
    assert.deepEqual(codes(res.body.warnings), ['title:professional_care']);
    assert.ok(res.body.suggested_organisations.length > 0, 'the answer suggests home care near the request');
    sql(`UPDATE requests SET status = 'cancelled' WHERE id = ${q(request.id)}`);
  });

  it('an offer is warned after POST and PATCH', async () => {
    const vol = await newUser(['volunteer']);
    let res = await vol.post('/offers', {
      title: 'Gezelschap en wondverzorging', description: 'Oud-verpleegkundige; ik ken dementie en parkinson.',
      categories: ['company'], postcode: DEMO_POSTCODE, radius_km: 5,
      availability: [{ day: 'tue', from: '10:00', to: '12:00' }],
    });
    assertStatus(res, 201);
    assert.deepEqual(codes(res.body.warnings), ['description:health_term', 'description:professional_care', 'title:professional_care']);
    assert.deepEqual(res.body.warnings.find((w) => w.code === 'health_term').terms, ['dementie', 'parkinson']);
    res = await vol.patch(`/offers/${res.body.offer.id}`, { title: 'Gezelschap', description: 'Een kop koffie en een praatje.' });
    assertStatus(res, 200);
    assert.deepEqual(res.body.warnings, []);
  });
});
