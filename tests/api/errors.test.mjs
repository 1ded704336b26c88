// errors.test.mjs — bad input gets a clear problem+json answer, never a
// crash, a 500 or a leaked internal: malformed JSON, wrong content types,
// bodies too large, invalid UTF-8, a JSON array where an object belongs,
// missing, overlong and wrongly typed fields, unknown paths and methods.
// Mostly against POST /api/v1/accounts, which anyone may call.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  Client, uniqueEmail, uniquePassword, DEMO_POSTCODE,
  assertStatus, assertProblem, assertFieldError,
} from './lib/client.mjs';

const anon = () => new Client('anonymous');

function registration(extra = {}) {
  return {
    email: uniqueEmail('err'),
    password: uniquePassword(),
    display_name: 'Foutje',
    postcode: DEMO_POSTCODE,
    roles: ['resident'],
    accept_terms: true,
    ...extra,
  };
}

// Nothing of the machinery leaks into an error answer.
function assertNoInternals(res) {
  const text = res.text ?? '';
  assert.doesNotMatch(text, /mysql|mariadb|sql syntax|\bSELECT\b|\bINSERT\b|json-c|\.c:\d+|\/work\/|\/tmp\/|segfault|AddressSanitizer|stack/i,
    `internals in ${text}`);
}

describe('the body is not what it should be', () => {
  it('malformed JSON is 400 malformed_json', async () => {
    for (const body of ['{"email": ', '{email: "a@b.nl"}', "{'a': 1}", '{"a": 1,}', '{"a":1} trailing', '{}{}', 'nul']) {
      const res = await anon().raw('POST', '/accounts', body);
      assertProblem(res, 400, 'malformed_json');
      assertNoInternals(res);
    }
  });

  it('an empty body where one is expected is 400 malformed_json', async () => {
    assertProblem(await anon().raw('POST', '/accounts', ''), 400, 'malformed_json');
    assertProblem(await anon().raw('POST', '/session', ''), 400, 'malformed_json');
  });

  it('nesting thousands deep is 400, not a crash', async () => {
    assertProblem(await anon().raw('POST', '/accounts', '['.repeat(20000)), 400, 'malformed_json');
    const deep = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
    const res = await anon().raw('POST', '/accounts', deep);
    assertStatus(res, 400);
    assertNoInternals(res);
  });

  it('invalid UTF-8 inside a string is 400 malformed_json (the parser rejects it)', async () => {
    const cases = [
      Buffer.from([0xff]),			// never valid
      Buffer.from([0xc3]),			// truncated sequence
      Buffer.from([0xc0, 0xaf]),		// overlong "/"
      Buffer.from([0xed, 0xa0, 0x80]),		// UTF-16 surrogate
      Buffer.from([0xf4, 0x90, 0x80, 0x80]),	// beyond U+10FFFF
    ];
    for (const bad of cases) {
      const body = Buffer.concat([
        Buffer.from('{"email":"x@example.org","password":"abcdefghijk","display_name":"Bad'),
        bad,
        Buffer.from('name","postcode":"7811","roles":["resident"],"accept_terms":true}'),
      ]);
      const res = await anon().raw('POST', '/accounts', body);
      assertProblem(res, 400, 'malformed_json');
    }
  });

  // API.md lists 400 bad_request beside malformed_json: well-formed JSON that
  // is not an object where the endpoint takes an object is a bad request,
  // not a field problem (there are no fields to name).
  it('a JSON array, number, string or null instead of an object is 400 bad_request', async () => {
    for (const body of ['[]', `[${JSON.stringify(registration())}]`, '42', '"text"', 'null', 'true']) {
      const res = await anon().raw('POST', '/accounts', body);
      assertProblem(res, 400, 'bad_request');
    }
  });

  it('a NUL character inside a string is refused, not cut off', async () => {
    const res = await anon().post('/accounts', registration({ display_name: 'Jan\u0000Admin' }));
    assertProblem(res, 422, 'validation_failed', 'display_name');
  });
});

describe('content type', () => {
  it('a body that is not application/json is 415 unsupported_media_type', async () => {
    const json = JSON.stringify(registration());
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x',
      'application/xml', 'application/jsonx']) {
      const res = await anon().raw('POST', '/accounts', json, type);
      assertProblem(res, 415, 'unsupported_media_type');
    }
  });

  it('no content type at all on a body is 415', async () => {
    const res = await anon().raw('POST', '/accounts', JSON.stringify(registration()), null);
    assertProblem(res, 415, 'unsupported_media_type');
  });

  it('application/json with a charset parameter is fine', async () => {
    const res = await anon().raw('POST', '/accounts', JSON.stringify(registration()), 'application/json; charset=utf-8');
    assertStatus(res, 201);
  });
});

describe('size', () => {
  it('a 200 KB body is 413 payload_too_large as problem+json', async () => {
    const body = JSON.stringify(registration({ display_name: 'x'.repeat(200 * 1024) }));
    const res = await anon().raw('POST', '/accounts', body);
    assertProblem(res, 413, 'payload_too_large');
  });

  it('just over 64 KiB is 413; just under is read and judged on its fields', async () => {
    const over = JSON.stringify(registration({ display_name: 'x'.repeat(64 * 1024) }));
    assertProblem(await anon().raw('POST', '/accounts', over), 413, 'payload_too_large');
    const under = JSON.stringify(registration({ display_name: 'x'.repeat(60 * 1024) }));
    assertProblem(await anon().raw('POST', '/accounts', under), 422, 'validation_failed', 'display_name', 'too_long');
  });
});

describe('fields', () => {
  it('an empty object names every missing field with code required', async () => {
    const res = await anon().post('/accounts', {});
    assertProblem(res, 422, 'validation_failed');
    for (const field of ['email', 'password', 'display_name', 'postcode', 'roles', 'accept_terms'])
      assertFieldError(res, field, 'required');
    for (const e of res.body.errors) assert.ok(e.message && e.message.length > 0, `a message for ${e.field}`);
  });

  it('a display name of 81 characters is too_long; 80 are fine, counted in characters not bytes', async () => {
    assertProblem(await anon().post('/accounts', registration({ display_name: 'a'.repeat(81) })),
      422, 'validation_failed', 'display_name', 'too_long');
    assertProblem(await anon().post('/accounts', registration({ display_name: 'ë'.repeat(81) })),
      422, 'validation_failed', 'display_name', 'too_long');
    const ok = await anon().post('/accounts', registration({ display_name: 'ë'.repeat(80) }));
    assertStatus(ok, 201);
    assert.equal(ok.body.user.display_name, 'ë'.repeat(80));
  });

  it('wrong types are 422 wrong_type, one entry per field', async () => {
    const res = await anon().post('/accounts', registration({
      email: 42, display_name: ['Jan'], roles: 'resident', accept_terms: 'yes', locale: 1,
    }));
    assertProblem(res, 422, 'validation_failed');
    for (const field of ['email', 'display_name', 'roles', 'accept_terms', 'locale'])
      assertFieldError(res, field, 'wrong_type');
  });

  it('a login with wrong types is 422, not a failed login', async () => {
    const res = await anon().post('/session', { email: ['a@b.nl'], password: 12345678901 });
    assertProblem(res, 422, 'validation_failed', 'email', 'wrong_type');
    assertFieldError(res, 'password', 'wrong_type');
  });

  it('a control character in a one-line text is 422', async () => {
    const res = await anon().post('/accounts', registration({ display_name: 'Jan\nPiet' }));
    assertProblem(res, 422, 'validation_failed', 'display_name');
  });
});

describe('paths and methods', () => {
  it('unknown paths are 404 not_found as problem+json', async () => {
    for (const path of ['/api/v1/nothing-here', '/api/v1/users/AAAAAAAAAAAAAAAAAAAAAA/nothing', '/api/v1/me/nothing',
      '/api/v2/accounts', '/api/v1/accountsx']) {
      const res = await anon().get(path, { skipSpec: true });	// deliberately not in docs/openapi.yaml
      assertProblem(res, 404, 'not_found');
    }
  });

  it('a known path with a wrong method is 405 method_not_allowed with Allow', async () => {
    const cases = [
      ['PUT', '/session', ['GET', 'POST', 'DELETE']],
      ['GET', '/accounts', ['POST']],
      ['DELETE', '/accounts', ['POST']],
      ['POST', '/me', ['GET', 'PATCH', 'DELETE']],
      ['GET', '/password-reset', ['POST']],
    ];
    for (const [method, path, allowed] of cases) {
      const res = await anon().request(method, path, method === 'GET' ? {} : { json: {} });
      assertProblem(res, 405, 'method_not_allowed');
      const allow = (res.headers.get('allow') || '').split(',').map((s) => s.trim()).filter(Boolean);
      assert.deepEqual([...allow].sort(), [...allowed].sort(), `Allow of ${path}`);
    }
  });
});

describe('the stack is up', () => {
  it('GET /health is 200 {"status": "ok"}', async () => {
    const res = await anon().get('/health');
    assertStatus(res, 200);
    assert.equal(res.body.status, 'ok');
    // Every part it checked answers, the database and the other handlers among them.
    for (const part of ['database', 'accounts', 'requests', 'offers', 'matches']) {
      assert.equal(res.body.parts?.[part], 'ok', `parts.${part}`);
    }
  });
});
