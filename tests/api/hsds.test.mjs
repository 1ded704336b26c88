// hsds.test.mjs — the directory in Open Referral HSDS 3.0 (issue 18 part 5,
// API.md "Directory in Open Referral HSDS 3.0", docs/hsds.md). Every answer
// of /api/hsds/... is validated against HSDS 3.0's own JSON schemas
// (tests/fixtures/hsds-3.0, the standard's files unchanged) besides
// docs/openapi.yaml (client.mjs): organization, service and the paged
// lists. Then what a reader of another sociale-kaart system would notice:
// an organisation an admin enters shows up with its fields, categories and
// area; the pages add up; ids stay the same; an inactive organisation is
// gone everywhere; nothing personal (coordinators, pending changes) leaks;
// unknown ids are 404 problem+json; bad paging is 422. And
// `burenhulpctl import-hsds`: bad input names the record and the field,
// exits non-zero and writes nothing; a good file upserts on the HSDS id.
// The export → empty stack → same directory round trip is tests/ops/hsds.sh.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import {
  Client, REPO, DEMO_POSTCODE, newUser, asDemo, asAdmin, randomTag, ctl,
  assertStatus, assertProblem,
} from './lib/client.mjs';
import { mariadb } from './lib/explain.mjs';

// ------------------------------------------------------- HSDS's schemas

const FIXTURES = join(REPO, 'tests', 'fixtures', 'hsds-3.0');
// The address HSDS's files use for each other ($ref by URL or by name).
const HSDS_BASE = 'https://raw.githubusercontent.com/openreferral/specification/3.0/schema/';

function hsdsValidators() {
  // HSDS's schemas carry keywords of their own (name, constraints, core,
  // example, datapackage_metadata): not strict. Formats (uuid, email, uri,
  // date-time) are checked.
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  for (const f of readdirSync(FIXTURES).filter((n) => n.endsWith('.json') && n !== 'openapi.json'))
    ajv.addSchema(JSON.parse(readFileSync(join(FIXTURES, f), 'utf8')), HSDS_BASE + f);
  for (const f of readdirSync(join(FIXTURES, 'compiled')))
    ajv.addSchema(JSON.parse(readFileSync(join(FIXTURES, 'compiled', f), 'utf8')), HSDS_BASE + 'compiled/' + f);
  const api = JSON.parse(readFileSync(join(FIXTURES, 'openapi.json'), 'utf8'));
  const page = api.components.schemas.Page;
  // As HSDS's openapi.json answers /organizations and /services: Page
  // with contents of the list form of the object.
  const paged = (item) => ajv.compile({
    allOf: [page],
    type: 'object',
    required: Object.keys(page.properties),
    properties: { contents: { type: 'array', items: { $ref: HSDS_BASE + item } } },
  });
  const listed = api.paths['/organizations'].get.responses['200'].content['application/json'].schema;
  assert.equal(listed.properties.contents.items.$ref, HSDS_BASE.replace('/schema/', '/schema/compiled/') + 'organization_list.json',
    'HSDS names organization_list for /organizations');
  return {
    meta: ajv.compile(api.paths['/'].get.responses['200'].content['application/json'].schema),
    organization: ajv.getSchema(HSDS_BASE + 'organization.json'),
    service: ajv.getSchema(HSDS_BASE + 'service.json'),
    organizationPage: paged('compiled/organization_list.json'),
    organizationFullPage: paged('organization.json'),
    servicePage: paged('compiled/service_list.json'),
    serviceFullPage: paged('service.json'),
  };
}

const HSDS = hsdsValidators();

function conforms(validate, body, what) {
  assert.ok(validate(body), `${what} is not HSDS 3.0: ${JSON.stringify(validate.errors?.slice(0, 5))}` +
    ` in ${JSON.stringify(body).slice(0, 400)}`);
}

const anon = new Client('hsds-anon');

async function hsds(path) {
  const res = await anon.get('/api/hsds' + path);
  assertStatus(res, 200, path);
  return res.body;
}

// Every page of a list, following HSDS's paging.
async function allPages(path, perPage = 7) {
  const out = [];
  const sep = path.includes('?') ? '&' : '?';
  for (let page = 1; ; page++) {
    const body = await hsds(`${path}${sep}page=${page}&per_page=${perPage}`);
    assert.equal(body.page_number, page);
    assert.equal(body.first_page, page === 1);
    out.push(...body.contents);
    if (body.last_page) {
      assert.equal(out.length, body.total_items, `${path}: the pages add up to total_items`);
      assert.equal(body.total_pages, Math.ceil(body.total_items / perPage));
      return out;
    }
    assert.equal(body.size, perPage);
    assert.ok(page < 1000, 'the pages end');
  }
}

// The whole directory as import-hsds reads it.
async function exportDirectory() {
  return { contents: await allPages('/organizations?full=true', 100) };
}

// ------------------------------------------------------------------ tests

describe('the directory in HSDS 3.0', () => {
  let admin, coordinator, org, hsdsId, hidden;
  const tag = randomTag(6);
  const secretChange = 'Voorgestelde tekst ' + randomTag(8);

  before(async () => {
    admin = await asAdmin();
    const res = await admin.post('/organisations', {
      name: `Steunpunt Mantelzorg HSDS ${tag}`,
      description: 'Advies en respijt voor mantelzorgers.\nOok op afspraak.',
      categories: ['respite', 'company'],
      postcode: DEMO_POSTCODE,
      website: 'https://example.org/steunpunt',
      phone: '0591 123 456',
      email: 'steunpunt@example.org',
    });
    assertStatus(res, 201);
    org = res.body.organisation;
    const h = await admin.post('/organisations', {
      name: `Verborgen HSDS ${tag}`, description: 'Niet actief.', categories: ['shopping'],
      postcode: DEMO_POSTCODE,
    });
    assertStatus(h, 201);
    hidden = h.body.organisation;
    mariadb(`UPDATE organisations SET active = 0 WHERE id = '${hidden.id}'`);
    hsdsId = mariadb(`SELECT hsds_id FROM organisations WHERE id = '${org.id}'`)[0][0];
    // A coordinator with a pending change: neither may reach the export.
    coordinator = await newUser(['volunteer'], { display_name: `Coördinator ${tag}` });
    assertStatus(await admin.post(`/organisations/${org.id}/coordinators`, { user_id: coordinator.user.id }), [200, 201]);
    assertStatus(await coordinator.patch(`/organisations/${org.id}`, { description: secretChange }), 202);
  });

  after(async () => {
    for (const o of [org, hidden]) if (o) await admin.delete(`/organisations/${o.id}`);
  });

  it("GET /api/hsds/ says it is HSDS 3.0, as HSDS's openapi.json describes that answer", async () => {
    const body = await hsds('/');
    assert.equal(body.version, '3.0');
    assert.equal(body.openapi_url, 'https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json');
    conforms(HSDS.meta, body, 'GET /');
  });

  it('GET /api/hsds/organizations is an HSDS page of organization_list items whose pages add up', async () => {
    const first = await hsds('/organizations');
    conforms(HSDS.organizationPage, first, 'the organization page');
    assert.equal(first.page_number, 1);
    assert.equal(first.first_page, true);
    assert.equal(first.empty, first.contents.length === 0);
    const all = await allPages('/organizations', 3);
    assert.equal(all.length, first.total_items);
    assert.equal(new Set(all.map((o) => o.id)).size, all.length, 'each organisation once');
    const names = all.map((o) => o.name);
    assert.deepEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).length, names.length);
    const beyond = await hsds(`/organizations?page=${first.total_pages + 1}&per_page=50`);
    conforms(HSDS.organizationPage, beyond, 'a page past the end');
    assert.equal(beyond.size, 0);
    assert.equal(beyond.empty, true);
    assert.equal(beyond.last_page, true);
    assert.deepEqual(beyond.contents, []);
  });

  it('an organisation an admin entered appears with its fields, area and categories as services', async () => {
    const full = await hsds(`/organizations/${hsdsId}`);
    conforms(HSDS.organization, full, 'GET /organizations/{id}');
    assert.equal(full.id, hsdsId);
    assert.equal(full.name, org.name);
    assert.equal(full.description, 'Advies en respijt voor mantelzorgers.\nOok op afspraak.');
    assert.equal(full.email, 'steunpunt@example.org');
    assert.equal(full.website, 'https://example.org/steunpunt');
    assert.deepEqual(full.phones.map((p) => p.number), ['0591 123 456']);
    assert.equal(full.locations.length, 1);
    const loc = full.locations[0];
    assert.equal(loc.addresses[0].postal_code, '7811');
    assert.equal(loc.addresses[0].city, org.area.place);
    assert.equal(loc.addresses[0].address_1, '', 'the area, never a street address');
    assert.ok(Math.abs(loc.latitude - 52.78) < 0.2 && Math.abs(loc.longitude - 6.9) < 0.2, 'Emmen');
    const codes = full.services.map((s) => s.attributes[0].taxonomy_term.code).sort();
    assert.deepEqual(codes, ['company', 'respite']);
    for (const s of full.services) {
      assert.equal(s.organization_id, hsdsId);
      assert.equal(s.status, 'active');
      assert.equal(s.service_at_locations[0].location_id, loc.id);
    }
    // In the list: the same basic fields; with full=true the same object.
    const listed = (await allPages('/organizations', 50)).find((o) => o.id === hsdsId);
    assert.deepEqual(listed, { id: hsdsId, name: org.name, description: full.description,
      email: full.email, website: full.website });
    const fullList = await hsds('/organizations?full=true&per_page=100');
    conforms(HSDS.organizationFullPage, fullList, 'the full organization page');
    assert.deepEqual((await allPages('/organizations?full=true', 100)).find((o) => o.id === hsdsId), full);
  });

  it('GET /api/hsds/services pages services; each one reads back by id as an HSDS service', async () => {
    const first = await hsds('/services?per_page=5');
    conforms(HSDS.servicePage, first, 'the service page');
    const all = await allPages('/services', 9);
    assert.equal(new Set(all.map((s) => s.id)).size, all.length, 'each service once');
    const ours = all.filter((s) => s.organization_id === hsdsId);
    assert.equal(ours.length, 2, 'one service per category');
    for (const s of all.slice(0, 12).concat(ours)) {
      const one = await hsds(`/services/${s.id}`);
      conforms(HSDS.service, one, `GET /services/${s.id}`);
      assert.equal(one.id, s.id);
      assert.equal(one.organization.id, s.organization_id);
      assert.equal(one.name, s.name);
    }
    const fullPage = await hsds('/services?full=true&per_page=10');
    conforms(HSDS.serviceFullPage, fullPage, 'the full service page');
    // HSDS's filters: organization_id, taxonomy_term_id.
    const byOrg = await hsds(`/services?organization_id=${hsdsId}`);
    assert.deepEqual(byOrg.contents.map((s) => s.id).sort(), ours.map((s) => s.id).sort());
    const respite = await hsds(`/services/${ours[0].id}`);
    const termId = respite.attributes[0].taxonomy_term_id;
    const byTerm = await allPages(`/services?taxonomy_term_id=${termId}`, 50);
    assert.ok(byTerm.length >= 1 && byTerm.some((s) => s.id === ours[0].id));
    for (const s of byTerm) {
      const one = await hsds(`/services/${s.id}`);
      assert.equal(one.attributes[0].taxonomy_term_id, termId);
    }
  });

  it('search finds by name or description; filters add up (AND); LIKE wildcards are text', async () => {
    const byName = await hsds(`/organizations?search=${encodeURIComponent('mantelzorg hsds ' + tag)}`);
    conforms(HSDS.organizationPage, byName, 'a search page');
    assert.deepEqual(byName.contents.map((o) => o.id), [hsdsId]);
    const byText = await allPages('/organizations?search=' + encodeURIComponent('ook op afspraak'), 50);
    assert.ok(byText.some((o) => o.id === hsdsId));
    assert.ok(byText.every((o) => /ook op afspraak/i.test(o.name + ' ' + o.description)));
    assert.equal((await hsds(`/organizations?search=${encodeURIComponent('%' + tag)}`)).total_items, 0, '% is a character');
    const svc = await hsds(`/services?search=${encodeURIComponent(tag)}&organization_id=${hsdsId}`);
    assert.equal(svc.total_items, 2);
    assert.equal((await hsds(`/services?search=${encodeURIComponent(tag)}&organization_id=${randomUUID()}`)).total_items, 0,
      'search AND organization_id');
    assertProblem(await anon.get('/api/hsds/organizations?search='), 422, 'validation_failed', 'search');
    assertProblem(await anon.get(`/api/hsds/services?search=${'x'.repeat(201)}`), 422, 'validation_failed', 'search');
  });

  it('ids stay the same across reads and when the categories are cleared and set again', async () => {
    const before = await hsds(`/organizations/${hsdsId}`);
    assertStatus(await admin.patch(`/organisations/${org.id}`, { categories: ['company'] }), 200);
    assertStatus(await admin.patch(`/organisations/${org.id}`, { categories: ['respite', 'company'] }), 200);
    const after = await hsds(`/organizations/${hsdsId}`);
    const ids = (o) => [o.id, o.locations[0].id, o.phones[0].id, ...o.services.map((s) => s.id),
      ...o.services.map((s) => s.attributes[0].taxonomy_term_id)].sort();
    assert.deepEqual(ids(after), ids(before));
  });

  it('an inactive organisation is absent from every list and 404 by id, its services too', async () => {
    const hiddenId = mariadb(`SELECT hsds_id FROM organisations WHERE id = '${hidden.id}'`)[0][0];
    assertProblem(await anon.get(`/api/hsds/organizations/${hiddenId}`), 404, 'not_found');
    const orgs = await allPages('/organizations', 50);
    assert.ok(!orgs.some((o) => o.id === hiddenId || o.name === hidden.name));
    const services = await allPages('/services', 50);
    assert.ok(!services.some((s) => s.organization_id === hiddenId));
    assert.equal((await hsds(`/services?organization_id=${hiddenId}`)).total_items, 0);
    // The same rows, active: there (so the checks above could fail).
    mariadb(`UPDATE organisations SET active = 1 WHERE id = '${hidden.id}'`);
    try {
      const shown = await hsds(`/organizations/${hiddenId}`);
      assert.equal(shown.name, hidden.name);
      const svc = shown.services[0].id;
      mariadb(`UPDATE organisations SET active = 0 WHERE id = '${hidden.id}'`);
      assertProblem(await anon.get(`/api/hsds/services/${svc}`), 404, 'not_found');
    } finally {
      mariadb(`UPDATE organisations SET active = 0 WHERE id = '${hidden.id}'`);
    }
  });

  it('nothing personal: no coordinator and no pending change in the export', async () => {
    const text = JSON.stringify(await exportDirectory()) + JSON.stringify(await allPages('/services?full=true', 100));
    assert.ok(text.includes(org.name), 'the organisation is there');
    assert.ok(!text.includes(secretChange), 'the pending change is not');
    assert.ok(!text.includes(coordinator.user.id), 'no coordinator id');
    assert.ok(!text.includes(`Coördinator ${tag}`), 'no coordinator name');
    assert.ok(!text.includes(coordinator.email), 'no coordinator e-mail');
  });

  it('unknown ids are 404 problem+json; bad paging is 422 naming the field', async () => {
    for (const p of ['/organizations/', '/services/']) {
      assertProblem(await anon.get(`/api/hsds${p}${randomUUID()}`), 404, 'not_found');
      assertProblem(await anon.get(`/api/hsds${p}not-a-uuid`), 404, 'not_found');
      assertProblem(await anon.get(`/api/hsds${p}${'0'.repeat(300)}`), 404, 'not_found');
    }
    assertProblem(await anon.get('/api/hsds/nowhere', { skipSpec: true }), 404, 'not_found');
    assertProblem(await anon.get('/api/hsds/organizations?page=0'), 422, 'validation_failed', 'page');
    assertProblem(await anon.get('/api/hsds/organizations?page=x'), 422, 'validation_failed', 'page');
    assertProblem(await anon.get('/api/hsds/services?per_page=101'), 422, 'validation_failed', 'per_page');
    assertProblem(await anon.get('/api/hsds/services?full=yes'), 422, 'validation_failed', 'full');
    const post = await anon.post('/api/hsds/organizations', {}, { skipSpec: true });
    assert.ok([403, 405].includes(post.status), `POST is refused, got ${post.status}`);
  });
});

describe('least privilege: hsds_services', () => {
  it('the admin handler may only read it; no other handler has it (only burenhulpctl writes)', () => {
    for (const h of ['accounts', 'requests', 'offers', 'matches', 'mailer', 'admin']) {
      const lines = mariadb(`SHOW GRANTS FOR 'bh_${h}'@'localhost'`).map(([g]) => g)
        .filter((g) => /[`.]hsds_services`? TO/.test(g));
      if (h === 'admin') assert.deepEqual(lines.map((g) => g.replace(/ ON .*/, '')), ['GRANT SELECT'], h);
      else assert.deepEqual(lines, [], `bh_${h} has no grant on hsds_services`);
    }
  });
});

describe('burenhulpctl import-hsds', () => {
  // own: an organisation of this test, entered through the API; exported:
  // its HSDS export. Only our own rows are imported over, so that tests
  // running beside this one keep theirs.
  let admin, dir, own, ownId, exported;
  const created = [];

  // A free PC4: one the postcodes table does not hold.
  function unknownPc4() {
    const known = new Set(mariadb('SELECT pc4 FROM postcodes').map((r) => r[0]));
    for (let n = 1000; n <= 9999; n++) if (!known.has(String(n))) return String(n);
    throw new Error('every PC4 is known');
  }

  function newOrg(name, categories = ['respite']) {
    const id = randomUUID();
    const svc = (cat) => ({
      id: randomUUID(), name: `${name}: ${cat}`, status: 'active',
      attributes: [{ id: randomUUID(), taxonomy_term: { id: randomUUID(), code: cat, name: cat, description: cat } }],
    });
    return {
      id, name, description: `Uit een andere gemeente: ${name}.`,
      email: 'info@elders.example.org', website: 'https://elders.example.org/',
      phones: [{ id: randomUUID(), number: '050 123 4567' }],
      locations: [{ id: randomUUID(), location_type: 'physical',
        addresses: [{ id: randomUUID(), address_1: '', city: 'Emmen', state_province: '', postal_code: '7811 AB',
          country: 'NL', address_type: 'physical' }] }],
      services: categories.map(svc),
    };
  }

  function importFile(doc, name) {
    const path = join(dir, name);
    writeFileSync(path, typeof doc === 'string' ? doc : JSON.stringify(doc));
    return ctl(['import-hsds', path]);
  }

  const ownEntry = async () => JSON.stringify(await hsds(`/organizations/${ownId}`));

  before(async () => {
    admin = await asAdmin();
    dir = mkdtempSync(join(tmpdir(), 'hsds-'));
    const res = await admin.post('/organisations', {
      name: `Eigen HSDS ${randomTag(6)}`, description: 'Van hier.', categories: ['shopping', 'transport'],
      postcode: DEMO_POSTCODE, phone: '0591 654 321', website: 'https://example.org/eigen',
    });
    assertStatus(res, 201);
    own = res.body.organisation;
    ownId = mariadb(`SELECT hsds_id FROM organisations WHERE id = '${own.id}'`)[0][0];
    exported = { contents: [await hsds(`/organizations/${ownId}`)] };
  });

  after(async () => {
    if (own) await admin.delete(`/organisations/${own.id}`);
    for (const id of created) {
      const rows = mariadb(`SELECT id FROM organisations WHERE hsds_id = '${id}'`);
      if (rows.length) await admin.delete(`/organisations/${rows[0][0]}`);
    }
  });

  it('bad input names the record and the field, exits 1 and writes nothing', async () => {
    const before = await ownEntry();
    // A change to a known organisation, a new one, then a bad one: the
    // change is not made either.
    const changed = structuredClone(exported.contents[0]);
    changed.name = 'Anders ' + randomTag(5);
    const good = newOrg('Goed ' + randomTag(5));
    const pc4 = unknownPc4();
    const cases = [
      ['no name', (o) => { delete o.name; }, /organizations\[2\] \(id [0-9a-f-]{36}\): name: is required/],
      ['name a number', (o) => { o.name = 12; }, /organizations\[2\] \(id [0-9a-f-]{36}\): name: must be a string/],
      ['id not a UUID', (o) => { o.id = 'abc'; }, /organizations\[2\]: id: a UUID is required/],
      ['unknown category', (o) => { o.services[0].attributes[0].taxonomy_term = { id: randomUUID(), code: 'juggling', name: 'Jongleren' }; },
        /organizations\[2\] \(id [0-9a-f-]{36}\): services\[0\]\.attributes\[0\]\.taxonomy_term: no category "juggling"/],
      ['a service without a term', (o) => { o.services[0].attributes = []; },
        /organizations\[2\] .*: services\[0\]\.attributes: no taxonomy term/],
      ['no postal code', (o) => { delete o.locations[0].addresses[0].postal_code; },
        /organizations\[2\] .*: locations\[0\]\.addresses\[0\]\.postal_code: a Dutch postcode is required/],
      ['not a postcode', (o) => { o.locations[0].addresses[0].postal_code = 'SW1A 1AA'; },
        /organizations\[2\] .*: locations\[0\]\.addresses\[0\]\.postal_code: "SW1A 1AA" is not a Dutch postcode/],
      ['a PC4 we do not know', (o) => { o.locations[0].addresses[0].postal_code = pc4; },
        new RegExp(`organizations\\[2\\] .*: locations\\[0\\]\\.addresses\\[0\\]\\.postal_code: PC4 ${pc4} is not in the postcodes table`)],
      ['bad e-mail', (o) => { o.email = 'not-an-address'; }, /organizations\[2\] .*: email: not an e-mail address/],
      ['bad website', (o) => { o.website = 'javascript:alert(1)'; }, /organizations\[2\] .*: website: not an http or https address/],
      ['bad phone', (o) => { o.phones[0].number = 'bel ons'; }, /organizations\[2\] .*: phones\[0\]\.number: not a telephone number/],
      ['the same id twice', (o) => { o.id = good.id; }, /organizations\[2\] .*: id: the same id as organizations\[1\]/],
    ];
    for (const [what, spoil, message] of cases) {
      const bad = newOrg('Fout ' + randomTag(5));
      spoil(bad);
      const r = importFile({ contents: [changed, good, bad] }, 'bad.json');
      assert.equal(r.status, 1, `${what}: exit 1, got ${r.status}: ${r.stdout}${r.stderr}`);
      assert.match(r.stderr, message, what);
      assert.match(r.stderr, /nothing imported/, what);
    }
    for (const [what, text, message] of [
      ['not JSON', '{"contents": [', /not JSON/],
      ['no list', '{"total_items": 0}', /no list of organizations/],
      ['an organisation not an object', '[1]', /organizations\[0\]: must be an object/],
    ]) {
      const r = importFile(text, 'bad.json');
      assert.equal(r.status, 1, what);
      assert.match(r.stderr, message, what);
    }
    assert.equal(ctl(['import-hsds']).status, 2, 'no file: usage');
    assert.equal(ctl(['import-hsds', join(dir, 'missing.json')]).status, 1, 'a missing file');
    assert.equal(await ownEntry(), before, 'the known organisation is unchanged');
    assert.equal(mariadb(`SELECT COUNT(*) FROM organisations WHERE hsds_id = '${good.id}'`)[0][0], '0',
      'the new one is not there');
    // The same file without the bad record: both written (so the checks
    // above could fail).
    const fine = importFile({ contents: [changed, good] }, 'fine.json');
    created.push(good.id);
    assert.equal(fine.status, 0, fine.stderr);
    assert.equal((await hsds(`/organizations/${ownId}`)).name, changed.name);
    assert.equal((await hsds(`/organizations/${good.id}`)).name, good.name);
  });

  it('a good file is inserted with its ids, and upserted on them when imported again', async () => {
    const a = newOrg('Buurtzorg Elders ' + randomTag(5), ['respite', 'company']);
    const b = newOrg('Klussendienst Elders ' + randomTag(5), ['odd-jobs']);
    // Terms named by name (Dutch or English) instead of code map too.
    b.services[0].attributes[0].taxonomy_term = { id: randomUUID(), name: 'Klusjes in huis', description: 'x' };
    created.push(a.id, b.id);
    const r = importFile([a, b], 'good.json');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /2 organizations read, 2 new, 0 updated/);
    const got = await hsds(`/organizations/${a.id}`);
    conforms(HSDS.organization, got, 'an imported organisation');
    assert.equal(got.name, a.name);
    assert.equal(got.email, a.email);
    assert.equal(got.phones[0].number, '050 123 4567');
    assert.equal(got.locations[0].id, a.locations[0].id, 'its location id kept');
    assert.equal(got.locations[0].addresses[0].postal_code, '7811');
    assert.deepEqual(got.services.map((s) => s.id).sort(), a.services.map((s) => s.id).sort(), 'service ids kept');
    const gotB = await hsds(`/organizations/${b.id}`);
    assert.deepEqual(gotB.services.map((s) => s.attributes[0].taxonomy_term.code), ['odd-jobs']);
    // Shown in the Burenhulp API too, as a directory entry.
    const ours = mariadb(`SELECT id FROM organisations WHERE hsds_id = '${a.id}'`)[0][0];
    const entry = await new Client().get(`/organisations/${ours}`);
    assertStatus(entry, 200);
    assert.deepEqual(entry.body.organisation.categories.sort(), ['company', 'respite']);

    // Again, changed: the same rows, updated (no second organisation).
    a.name += ' (nieuw)';
    a.services = a.services.slice(0, 1);
    const again = importFile({ contents: [a, b] }, 'good.json');
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, /2 organizations read, 0 new, 2 updated/);
    assert.equal(mariadb(`SELECT COUNT(*) FROM organisations WHERE hsds_id = '${a.id}'`)[0][0], '1');
    const changed = await hsds(`/organizations/${a.id}`);
    assert.equal(changed.name, a.name);
    assert.deepEqual(changed.services.map((s) => s.id), [a.services[0].id]);
  });

  it('our own export imported again gives the same entry, ids and all (only last_modified moves)', async () => {
    const r = importFile(exported, 'ours.json');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /1 organizations read, 0 new, 1 updated/);
    const strip = (d) => JSON.stringify(d, (k, v) => (k === 'last_modified' ? undefined : v));
    assert.equal(strip(await hsds(`/organizations/${ownId}`)), strip(exported.contents[0]));
    const entry = await new Client().get(`/organisations/${own.id}`);
    assertStatus(entry, 200);
    assert.equal(entry.body.organisation.name, own.name);
    assert.deepEqual(entry.body.organisation.categories.sort(), ['shopping', 'transport']);
  });
});
