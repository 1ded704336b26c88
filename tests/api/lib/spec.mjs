// spec.mjs — docs/openapi.yaml loaded once, compiled with Ajv (JSON Schema
// 2020-12, the dialect of OpenAPI 3.1), and the one function every API test
// response goes through: validateResponse().
//
// What lives here: finding the operation for a method + concrete path,
// resolving $refs of responses/parameters, checking status, content type,
// required headers and the body schema. What does not: HTTP (client.mjs).

import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import YAML from 'yaml';

export const REPO = resolve(process.env.BURENHULP_REPO ||
    join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..'));
// BURENHULP_SPEC: another copy of the document (to try a change out).
export const SPEC_PATH = resolve(process.env.BURENHULP_SPEC || join(REPO, 'docs', 'openapi.yaml'));
export const BASE_PATH = '/api/v1';
const SPEC_ID = 'urn:burenhulp:openapi';
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

let cached = null;

// Rewrites JSON-pointer refs into the OpenAPI document's schemas so that they
// point into the one Ajv schema that holds them all as $defs.
function rewriteRefs(node, prefix) {
  if (Array.isArray(node)) return node.map((n) => rewriteRefs(n, prefix));
  if (node === null || typeof node !== 'object') return node;
  const out = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/')) {
      out[k] = prefix + '#/$defs/' + v.slice('#/components/schemas/'.length);
    } else {
      out[k] = rewriteRefs(v, prefix);
    }
  }
  return out;
}

function makeAjv() {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    strictTypes: false,     // allOf branches carry properties without type
    strictRequired: false,
    validateFormats: true,
  });
  addFormats(ajv);
  return ajv;
}

// Loads and compiles the document. Throws on a document that is not valid
// YAML or whose schemas do not compile.
export function loadSpec() {
  if (cached) return cached;
  const doc = YAML.parse(readFileSync(SPEC_PATH, 'utf8'));
  const ajv = makeAjv();
  const schemas = doc.components?.schemas ?? {};
  ajv.addSchema({ $id: SPEC_ID, $defs: rewriteRefs(schemas, '') });
  // Resolve every reference now, so a broken $ref fails here and not in the
  // middle of some test.
  for (const name of Object.keys(schemas)) ajv.getSchema(`${SPEC_ID}#/$defs/${name}`) ||
    (() => { throw new Error(`schema ${name} does not compile`); })();

  // A path item may name its own server (OpenAPI 3.1 "servers" on the
  // path item): the HSDS paths live under /api/hsds, not /api/v1.
  const templates = Object.keys(doc.paths ?? {}).map((t) => ({
    template: t,
    base: doc.paths[t]?.servers?.[0]?.url ?? BASE_PATH,
    segments: t.split('/').filter(Boolean),
    literals: t.split('/').filter((s) => s && !s.startsWith('{')).length,
  }));
  cached = { doc, ajv, templates, validators: new Map() };
  return cached;
}

function deref(doc, obj) {
  let seen = 0;
  while (obj && typeof obj.$ref === 'string' && obj.$ref.startsWith('#/')) {
    if (++seen > 20) throw new Error(`$ref loop at ${obj.$ref}`);
    obj = obj.$ref.slice(2).split('/').reduce((o, k) => o?.[k.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
  }
  if (!obj) throw new Error('dangling $ref');
  return obj;
}

// A schema (possibly inline, possibly a $ref) compiled once and cached by key.
export function compileSchema(schema, key) {
  const spec = loadSpec();
  if (key && spec.validators.has(key)) return spec.validators.get(key);
  const v = spec.ajv.compile(rewriteRefs(schema, SPEC_ID));
  if (key) spec.validators.set(key, v);
  return v;
}

// The path template of the document matching a concrete path (under
// /api/v1, query allowed; with bare = true a path without the prefix, as
// API.md writes them), preferring the most literal segments (/me/requests
// over /requests/{id}), or null.
export function matchPath(path, bare = false) {
  const { templates } = loadSpec();
  const full = path.split('?')[0];
  let best = null;
  for (const t of templates) {
    let p = full;
    if (!bare) {
      if (p !== t.base && !p.startsWith(t.base + '/')) continue;
      p = p.slice(t.base.length);
    } else if (t.base !== BASE_PATH) {
      continue;
    }
    const segs = p.split('/').filter(Boolean);
    if (t.segments.length !== segs.length) continue;
    let ok = true;
    for (let i = 0; i < segs.length && ok; i++) {
      const ts = t.segments[i];
      ok = ts.startsWith('{') ? segs[i].length > 0 : ts === segs[i];
    }
    if (ok && (!best || t.literals > best.literals)) best = t;
  }
  return best ? best.template : null;
}

// The response object (dereferenced) for method/template/status, with how it
// was found: 'operation', or 'method_not_allowed' for a 405 on a known path
// whose method the document does not list.
export function findResponse(method, template, status) {
  const { doc } = loadSpec();
  const item = doc.paths[template];
  const op = item[method.toLowerCase()];
  if (!op) {
    if (status === 405) return { how: 'method_not_allowed', response: deref(doc, doc.components.responses.MethodNotAllowed) };
    return { how: 'none', error: `${method} ${template} is not in docs/openapi.yaml (answered ${status})` };
  }
  const r = op.responses?.[String(status)] ?? op.responses?.[`${String(status)[0]}XX`];
  if (!r) {
    const listed = Object.keys(op.responses ?? {}).join(', ');
    return { how: 'none', error: `${method} ${template}: status ${status} is not in docs/openapi.yaml (listed: ${listed})` };
  }
  return { how: 'operation', response: deref(doc, r), op };
}

function shortBody(body) {
  const s = typeof body === 'string' ? body : JSON.stringify(body);
  return s === undefined ? '(none)' : s.length > 600 ? s.slice(0, 600) + '…' : s;
}

// Checks one answer against the document. res: {status, headers (Headers),
// body (parsed JSON or text), text}. Returns null when it conforms, or a
// message naming what does not.
export function validateResponse(method, path, res) {
  const { doc } = loadSpec();
  const where = `${method} ${path.split('?')[0]} → ${res.status}`;
  const template = matchPath(path);
  if (!template) return `${where}: path is not in docs/openapi.yaml`;
  const found = findResponse(method, template, res.status);
  if (found.how === 'none') return found.error;
  const response = found.response;

  for (const [name, h] of Object.entries(response.headers ?? {})) {
    const hh = deref(doc, h);
    if (hh.required && !res.headers.get(name))
      return `${where}: header ${name} is required by docs/openapi.yaml but absent`;
  }

  const ctFull = res.headers.get('content-type') || '';
  const ct = ctFull.split(';')[0].trim().toLowerCase();
  const content = response.content;
  if (!content) {
    if (res.text && res.text.length > 0)
      return `${where}: docs/openapi.yaml says no body, got ${ct || 'no content type'}: ${shortBody(res.text)}`;
    return null;
  }
  const media = content[ct];
  if (!media) {
    return `${where}: content type "${ctFull}" not in docs/openapi.yaml (expected ${Object.keys(content).join(' or ')}); body: ${shortBody(res.text)}`;
  }
  if (!media.schema) return null;
  const isJson = ct === 'application/json' || ct.endsWith('+json');
  if (isJson && typeof res.body === 'string')
    return `${where}: body is not valid JSON: ${shortBody(res.text)}`;
  const key = `${found.how}|${template}|${method}|${res.status}|${ct}`;
  const validate = compileSchema(media.schema, key);
  if (!validate(res.body)) {
    const errs = validate.errors.slice(0, 8)
      .map((e) => `${e.instancePath || '(root)'} ${e.message}${e.params && Object.keys(e.params).length ? ' ' + JSON.stringify(e.params) : ''}`)
      .join('; ');
    return `${where}: body does not match docs/openapi.yaml: ${errs}; body: ${shortBody(res.body)}`;
  }
  return null;
}

// Validates a problem+json answer by itself (for paths deliberately outside
// the document, e.g. unknown paths). Returns null or a message.
export function validateProblem(res, status, code) {
  const { doc } = loadSpec();
  const ct = (res.headers.get('content-type') || '').split(';')[0].trim().toLowerCase();
  if (ct !== 'application/problem+json')
    return `expected application/problem+json, got "${ct}": ${shortBody(res.text)}`;
  const v = compileSchema(doc.components.schemas.Problem, 'problem');
  if (!v(res.body)) return `not a Problem: ${JSON.stringify(v.errors)}; body: ${shortBody(res.body)}`;
  if (status !== undefined && res.body.status !== status)
    return `problem status ${res.body.status}, expected ${status}`;
  if (code !== undefined && res.body.code !== code)
    return `problem code ${res.body.code}, expected ${code}`;
  return null;
}

export { METHODS };
