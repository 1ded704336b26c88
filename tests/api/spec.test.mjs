// spec.test.mjs — docs/openapi.yaml itself: it parses, every schema compiles
// under JSON Schema 2020-12 (OpenAPI 3.1), every endpoint of API.md is in it,
// and it keeps the conventions of API.md (errors are problem+json, sessions
// need the CSRF header on unsafe methods, 429 carries Retry-After, ...).
// Needs no running stack.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, loadSpec, compileSchema, matchPath, validateResponse } from './lib/spec.mjs';

const UNSAFE = ['post', 'put', 'patch', 'delete'];
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

function findApiMd() {
  const candidates = [process.env.BURENHULP_API_MD, join(REPO, '..', 'shared', 'API.md'),
    join(REPO, 'docs', 'API.md')].filter(Boolean);
  return candidates.find((p) => existsSync(p)) ?? null;
}

function deref(doc, obj) {
  while (obj?.$ref) obj = obj.$ref.slice(2).split('/').reduce((o, k) => o?.[k], doc);
  return obj;
}

// Every "METHOD /path" of API.md's endpoint tables. Cells abbreviate:
// "GET /me · PATCH /me", "POST /offers/{id}/pause · /resume",
// "POST /organisations · PATCH · DELETE /organisations/{id}",
// "GET /matches/{id}/messages · POST".
export function apiMdEndpoints(text) {
  const out = [];
  for (const line of text.split('\n')) {
    const m = /^\|\s*((?:GET|POST|PUT|PATCH|DELETE)\b[^|]*)\|/.exec(line);
    if (!m) continue;
    const parts = m[1].split('·').map((s) => s.trim()).filter(Boolean).map((s) => {
      const pm = /^(GET|POST|PUT|PATCH|DELETE)?\s*(\/\S*)?$/.exec(s);
      if (!pm) throw new Error(`cannot read API.md cell part "${s}" in: ${line}`);
      return { method: pm[1] ?? null, path: pm[2] ?? null, ownMethod: Boolean(pm[1]) };
    });
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i];
      if (!p.method) p.method = parts[i - 1].method;
    }
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i];
      if (!p.path) {
        const next = parts.slice(i + 1).find((q) => q.path);
        p.path = next ? next.path : parts[i - 1].path;
      } else if (!p.ownMethod && i > 0 && p.path.split('/').filter(Boolean).length === 1) {
        // "/resume" after "/offers/{id}/pause": a sibling of the previous path.
        const prev = parts[i - 1].path.split('/');
        prev[prev.length - 1] = p.path.slice(1);
        p.path = prev.join('/');
      }
    }
    for (const p of parts) out.push({ method: p.method, path: p.path.split('?')[0] });
  }
  return out;
}

test('docs/openapi.yaml parses as OpenAPI 3.1 and every schema compiles', () => {
  const { doc } = loadSpec();
  assert.match(doc.openapi, /^3\.1\./);
  assert.ok(doc.info?.title && doc.info?.version, 'info.title and info.version');
  const names = Object.keys(doc.components.schemas);
  assert.ok(names.length > 30, `only ${names.length} schemas`);
  for (const name of names) {
    assert.doesNotThrow(() => compileSchema({ $ref: `#/components/schemas/${name}` }, `schema:${name}`),
      `schema ${name}`);
  }
});

// Our own reader (yaml + ajv) is lenient where YAML is surprising: an
// unquoted ", " inside a flow mapping made a second key that it ignored
// (issue 15.13). A real OpenAPI validator reads the document as any client
// generator would.
test('docs/openapi.yaml is valid OpenAPI 3.1 to @readme/openapi-parser (15.13)', async () => {
  const { validate } = await import('@readme/openapi-parser');
  const res = await validate(join(REPO, 'docs', 'openapi.yaml'));
  assert.equal(res.valid, true, JSON.stringify(res.errors ?? [], null, 1).slice(0, 2000));
  assert.equal(res.specification, 'OpenAPI');
});

test('every response, parameter and request body schema compiles', () => {
  const { doc } = loadSpec();
  let n = 0;
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const m of METHODS) {
      const op = item[m];
      if (!op) continue;
      assert.ok(op.operationId, `${m} ${path} has an operationId`);
      assert.ok(op.responses && Object.keys(op.responses).length > 0, `${m} ${path} has responses`);
      for (const prm of [...(item.parameters ?? []), ...(op.parameters ?? [])]) {
        const p = deref(doc, prm);
        assert.ok(p.name && p.in && p.schema, `${m} ${path}: parameter ${JSON.stringify(prm)}`);
        compileSchema(p.schema);
        n++;
      }
      for (const media of Object.values(op.requestBody?.content ?? {})) {
        compileSchema(media.schema);
        n++;
      }
      for (const [status, r] of Object.entries(op.responses)) {
        const resp = deref(doc, r);
        assert.ok(resp, `${m} ${path} ${status}: dangling $ref`);
        assert.ok(resp.description, `${m} ${path} ${status}: description`);
        for (const media of Object.values(resp.content ?? {})) {
          compileSchema(media.schema);
          n++;
        }
      }
    }
  }
  assert.ok(n > 100, `compiled only ${n} schemas`);
});

test('every endpoint of API.md is in docs/openapi.yaml', (t) => {
  const file = findApiMd();
  if (!file) {
    t.skip('API.md not found (set BURENHULP_API_MD or keep shared/ beside the repo)');
    return;
  }
  const { doc } = loadSpec();
  const endpoints = apiMdEndpoints(readFileSync(file, 'utf8'));
  assert.ok(endpoints.length >= 50, `read only ${endpoints.length} endpoints from ${file}`);
  const missing = [];
  for (const { method, path } of endpoints) {
    const template = matchPath(path, true);
    if (!template || template !== path || !doc.paths[template][method.toLowerCase()])
      missing.push(`${method} ${path}`);
  }
  assert.deepEqual(missing, [], `in API.md but not in docs/openapi.yaml: ${missing.join(', ')}`);
});

test('the API.md table reader understands its abbreviations', () => {
  const got = apiMdEndpoints([
    '| GET /me · PATCH /me | logged in | x |',
    '| POST /offers/{id}/pause · /resume | owner | → 200 |',
    '| POST /organisations · PATCH · DELETE /organisations/{id} | admin | x |',
    '| GET /matches/{id}/messages · POST | parties | x |',
    '| method and path | who | body |',
  ].join('\n')).map((e) => `${e.method} ${e.path}`);
  assert.deepEqual(got, [
    'GET /me', 'PATCH /me',
    'POST /offers/{id}/pause', 'POST /offers/{id}/resume',
    'POST /organisations', 'PATCH /organisations/{id}', 'DELETE /organisations/{id}',
    'GET /matches/{id}/messages', 'POST /matches/{id}/messages',
  ]);
});

test('every error answer is a Problem as application/problem+json', () => {
  const { doc } = loadSpec();
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const m of METHODS) {
      const op = item[m];
      if (!op) continue;
      for (const [status, r] of Object.entries(op.responses)) {
        if (Number(status) < 400) continue;
        const resp = deref(doc, r);
        const types = Object.keys(resp.content ?? {});
        assert.deepEqual(types, ['application/problem+json'], `${m} ${path} ${status}`);
        const schema = JSON.stringify(resp.content['application/problem+json'].schema);
        assert.ok(schema.includes('#/components/schemas/Problem'), `${m} ${path} ${status} uses Problem`);
      }
      if (op.responses['429']) {
        const resp = deref(doc, op.responses['429']);
        assert.ok(resp.headers?.['Retry-After'], `${m} ${path} 429 has Retry-After`);
      }
    }
  }
  const problem = doc.components.schemas.Problem;
  assert.deepEqual(problem.required, ['type', 'title', 'status', 'code']);
  assert.deepEqual(doc.components.schemas.FieldError.required, ['field', 'code', 'message']);
  assert.ok(deref(doc, doc.components.responses.MethodNotAllowed).headers.Allow);
});

test('sessions: cookie scheme, CSRF header on every unsafe call made with a session', () => {
  const { doc } = loadSpec();
  const ss = doc.components.securitySchemes;
  assert.deepEqual({ type: ss.session.type, in: ss.session.in, name: ss.session.name },
    { type: 'apiKey', in: 'cookie', name: 'bh_session' });
  assert.deepEqual({ type: ss.csrf.type, in: ss.csrf.in, name: ss.csrf.name },
    { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' });
  // Anyone may call these (API.md): the token of a mail is the authority
  // for the last two, and a mail program's one-click POST has no session.
  const noCsrf = new Set(['post /accounts', 'post /session', 'post /password-reset', 'post /password-reset/confirm',
    'post /accounts/verify', 'post /unsubscribe']);
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const m of METHODS) {
      const op = item[m];
      if (!op) continue;
      assert.ok(Array.isArray(op.security), `${m} ${path} states its security`);
      const needsSession = !op.security.some((req) => Object.keys(req).length === 0);
      if (UNSAFE.includes(m) && !noCsrf.has(`${m} ${path}`)) {
        assert.ok(needsSession, `${m} ${path} needs a session`);
        assert.ok(op.security.every((req) => 'csrf' in req && 'session' in req), `${m} ${path} needs X-CSRF-Token`);
        assert.ok(op.responses['403'], `${m} ${path} can answer 403 csrf_failed`);
      }
      if (needsSession) assert.ok(op.responses['401'], `${m} ${path} can answer 401`);
    }
  }
});

test('schemas say what API.md says an object holds', () => {
  const { doc } = loadSpec();
  const s = doc.components.schemas;
  const req = (name) => s[name].required;
  assert.deepEqual(req('User'), ['id', 'email', 'display_name', 'postcode', 'area', 'roles', 'locale', 'created_at']);
  assert.deepEqual(req('PublicUser'), ['id', 'display_name']);
  assert.deepEqual(req('Area'), ['pc4', 'place', 'municipality']);
  assert.deepEqual(req('ListEnvelope'), ['items', 'next_cursor']);
  assert.deepEqual(req('Message'), ['id', 'sender', 'body', 'created_at']);
  assert.deepEqual(req('Category'), ['id', 'name_nl', 'name_en']);
  for (const k of ['id', 'title', 'description', 'category', 'area', 'when', 'status', 'owner', 'response_count', 'created_at', 'expires_at'])
    assert.ok(req('Request').includes(k), `Request requires ${k}`);
  for (const k of ['id', 'title', 'description', 'categories', 'area', 'radius_km', 'availability', 'status', 'volunteer', 'created_at'])
    assert.ok(req('Offer').includes(k), `Offer requires ${k}`);
  for (const k of ['id', 'request', 'volunteer', 'status', 'created_at'])
    assert.ok(req('Match').includes(k), `Match requires ${k}`);
  assert.deepEqual(req('Suggestion'), ['volunteer', 'offer_id', 'score', 'reasons']);
  assert.deepEqual(s.RequestStatus.enum, ['pending', 'open', 'matched', 'completed', 'cancelled', 'rejected', 'hidden', 'expired']);
  assert.deepEqual(s.OfferStatus.enum, ['pending', 'active', 'paused', 'rejected', 'hidden']);
  assert.deepEqual(s.MatchStatus.enum, ['responded', 'invited', 'accepted', 'declined', 'completed', 'cancelled']);

  const id = compileSchema({ $ref: '#/components/schemas/Id' }, 'schema:Id');
  assert.ok(id('AbCdEfGhIjKlMnOpQrSt_-'));
  assert.ok(!id('123'));
  assert.ok(!id('AbCdEfGhIjKlMnOpQrSt+/'));
  const user = compileSchema({ $ref: '#/components/schemas/User' }, 'schema:User');
  const good = { id: 'AbCdEfGhIjKlMnOpQrSt_-', email: 'a@example.org', display_name: 'A', postcode: '7811',
    area: { pc4: '7811', place: 'Emmen', municipality: 'Emmen' }, roles: ['resident'], locale: 'nl',
    created_at: '2026-11-23T10:00:00Z', extra_field: 1 };
  assert.ok(user(good), JSON.stringify(user.errors));
  assert.ok(!user({ ...good, created_at: 'yesterday' }), 'times are date-time');
  assert.ok(!user({ ...good, roles: ['king'] }), 'roles are known roles');
  const { email, ...noEmail } = good;
  assert.ok(!user(noEmail), 'own view holds the e-mail address');
  void email;
});

// A fake answer as client.mjs builds it.
function answer(status, body, headers = {}) {
  const h = new Headers(headers);
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  if (body !== undefined && !h.has('content-type')) h.set('content-type', 'application/json');
  return { status, headers: h, body: body === undefined ? null : body, text };
}
const problem = (status, code, extra = {}) => answer(status,
  { type: 'about:blank', title: 'T', status, code, ...extra }, { 'content-type': 'application/problem+json' });

test('GET /health: ok with its parts, a 503 problem naming the part that is down, nginx\'s own 503', () => {
  const parts = { database: 'ok', accounts: 'ok', requests: 'ok', offers: 'ok', matches: 'down' };
  assert.equal(validateResponse('GET', '/api/v1/health', answer(200, { status: 'ok', parts: { database: 'ok' } })), null);
  assert.equal(validateResponse('GET', '/api/v1/health', problem(503, 'unavailable', { health: 'degraded', parts })), null);
  assert.equal(validateResponse('GET', '/api/v1/health', problem(503, 'unavailable')), null, "nginx's 503 has no parts");
  assert.notEqual(validateResponse('GET', '/api/v1/health',
    problem(503, 'unavailable', { health: 'degraded', parts: { matches: 'gone' } })), null, 'a state outside ok/down/stuck');
  assert.notEqual(validateResponse('GET', '/api/v1/health', answer(503, { status: 'degraded', parts })), null,
    'a 503 that is not problem+json');
});

test('the response check refuses what the document does not say', () => {
  const user = { id: 'AbCdEfGhIjKlMnOpQrSt_-', email: 'a@example.org', display_name: 'A', postcode: '7811',
    area: { pc4: '7811', place: 'Emmen', municipality: 'Emmen' }, roles: ['resident'], locale: 'nl',
    created_at: '2026-11-23T10:00:00Z' };
  assert.equal(validateResponse('GET', '/api/v1/me', answer(200, { user })), null);
  assert.equal(validateResponse('GET', '/api/v1/me?x=1', answer(200, { user })), null, 'query ignored');
  assert.match(validateResponse('GET', '/api/v1/me', answer(200, user)), /required property 'user'/);
  assert.match(validateResponse('GET', '/api/v1/me', answer(418, { user })), /status 418 is not in/);
  assert.match(validateResponse('GET', '/api/v1/nowhere', answer(404, {})), /path is not in/);
  assert.match(validateResponse('GET', '/health', answer(200, { status: 'ok' })), /path is not in/, 'outside /api/v1');
  // Errors: problem+json only, code among those API.md gives the status.
  assert.equal(validateResponse('GET', '/api/v1/me', problem(401, 'unauthenticated')), null);
  assert.match(validateResponse('GET', '/api/v1/me', problem(401, 'forbidden')), /allowed values/);
  assert.match(validateResponse('GET', '/api/v1/me',
    answer(401, { type: 'x', title: 'T', status: 401, code: 'unauthenticated' })), /content type/);
  assert.match(validateResponse('POST', '/api/v1/accounts', problem(422, 'validation_failed',
    { errors: [{ field: 'email' }] })), /required property 'code'/);
  // 204 has no body; 429 needs Retry-After; 405 on a known path needs Allow.
  assert.equal(validateResponse('DELETE', '/api/v1/session', answer(204)), null);
  assert.match(validateResponse('DELETE', '/api/v1/session', answer(204, { ok: true })), /no body/);
  assert.match(validateResponse('POST', '/api/v1/session', problem(429, 'rate_limited')), /Retry-After/);
  const limited = problem(429, 'rate_limited');
  limited.headers.set('retry-after', '60');
  assert.equal(validateResponse('POST', '/api/v1/session', limited), null);
  assert.match(validateResponse('PUT', '/api/v1/session', problem(405, 'method_not_allowed')), /Allow/);
  const put = problem(405, 'method_not_allowed');
  put.headers.set('allow', 'GET, POST, DELETE');
  assert.equal(validateResponse('PUT', '/api/v1/session', put), null);
  assert.match(validateResponse('PUT', '/api/v1/session', answer(200, {})), /not in docs/);
  // The most literal template wins: /me/requests is not /requests/{id}.
  assert.equal(matchPath('/api/v1/me/requests'), '/me/requests');
  assert.equal(matchPath('/api/v1/users/AbCdEfGhIjKlMnOpQrSt_-'), '/users/{id}');
});
