// explain.mjs — what the EXPLAIN tests share (requests_explain, offers,
// admin_explain): the stack's MariaDB as its operator, a handler's statement
// table read from its stmts.c through the C preprocessor (so a test cannot
// drift from the code), binding fixed test values into the SQL text, lib/geo.c's
// search box, and the check that a plan reads its tables on an index.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { VAR, REPO } from './client.mjs';

// The stack's MariaDB as its operator (unix socket, as scripts/up does):
// the rows of the answer as arrays of strings; with headers, the first row
// holds the column names.
export function mariadb(text, { headers = false } = {}) {
  const r = spawnSync('mariadb', ['--no-defaults', `--socket=${join(VAR, 'run', 'mysqld.sock')}`,
    '-u', userInfo().username, '-B', ...(headers ? [] : ['-N']), 'burenhulp', '-e', text],
  { encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, `mariadb: ${r.stderr || r.error}`);
  return r.stdout.split('\n').filter((l) => l.length).map((l) => l.split('\t'));
}

// The statement table of handlers/<handler>: enum name → SQL text, taken
// from stmts.c through the C preprocessor. The table is <handler>_stmts
// (the header declares it first: its definition is the one with '= {').
export function handlerStatements(handler) {
  return statementsOf(join(REPO, 'handlers', handler, 'stmts.c'), 'stmt', `${handler}_stmts`);
}

// lib's own statement table (lib/stmts.c, enum lib_stmt): LSTMT_* → SQL.
export function libStatements() {
  return statementsOf(join(REPO, 'lib', 'stmts.c'), 'lib_stmt', 'lib_stmts');
}

// The mailer's statement table (mailer/stmts.c, enum mailer_stmt in
// mailer/mailer.h): MSTMT_* → SQL.
export function mailerStatements() {
  return statementsOf(join(REPO, 'mailer', 'stmts.c'), 'mailer_stmt', 'mailer_stmts');
}

function statementsOf(file, enumName, table) {
  const cpp = spawnSync('cc', ['-E', '-P', '-D_GNU_SOURCE', '-I', join(REPO, 'lib'), file],
    { encoding: 'utf8' });
  assert.equal(cpp.status, 0, `cc -E: ${cpp.stderr}`);
  const src = cpp.stdout;
  const names = new RegExp(`enum ${enumName}\\s*\\{([^}]*)\\}`).exec(src)[1].split(',').map((s) => s.trim())
    .filter((s) => s && !/__MAX$/.test(s));
  const def = new RegExp(`${table}\\[[^\\]]*\\]\\s*=\\s*\\{`).exec(src);
  assert.ok(def, `the definition of ${table}`);
  const items = [];
  let cur = '';
  for (let i = def.index + def[0].length; i < src.length && src[i] !== '}'; i++) {
    const c = src[i];
    if (c === '"') {
      let j = i + 1;
      while (src[j] !== '"') j += src[j] === '\\' ? 2 : 1;
      cur += JSON.parse(src.slice(i, j + 1));
      i = j;
    } else if (c === ',') {
      items.push(cur);
      cur = '';
    }
  }
  if (cur) items.push(cur);
  assert.equal(items.length, names.length, 'one SQL text per enum value');
  return Object.fromEntries(names.map((n, k) => [n, items[k]]));
}

// The SQL with each ? replaced by the next value (numbers as they are,
// strings quoted, null as NULL). Only for fixed test values.
export function bind(sqlText, values) {
  const v = [...values];
  const out = sqlText.replace(/\?/g, () => {
    assert.ok(v.length > 0, 'more ? than values');
    const x = v.shift();
    if (x === null) return 'NULL';
    if (typeof x === 'number') return String(x);
    assert.ok(!/['\\]/.test(x));
    return `'${x}'`;
  });
  assert.equal(v.length, 0, 'more values than ?');
  return out;
}

// lib/geo.c's box, for the parameters: [lat_min, lat_max, lon_min, lon_max].
export function box(lat, lon, km) {
  const d = km / 6371.0088, deg = 180 / Math.PI;
  const dlon = Math.asin(Math.sin(d) / Math.cos(lat / deg)) * deg;
  return [lat - d * deg, lat + d * deg, lon - dlon, lon + dlon];
}

// EXPLAIN of sqlText: one object per row of the plan, keyed by column name;
// the plan also goes to the test's diagnostics (t, when given).
export function explain(sqlText, t) {
  const [head, ...rows] = mariadb(`EXPLAIN ${sqlText}`, { headers: true });
  assert.ok(head.includes('type') && head.includes('table'), 'EXPLAIN has table and type');
  const plan = rows.map((r) => Object.fromEntries(head.map((h, k) => [h, r[k]])));
  t?.diagnostic(plan.map((p) => `${p.select_type} ${p.table}: ${p.type} ${p.key} rows=${p.rows} ${p.Extra}`).join(' | '));
  return plan;
}

// Fails when plan reads a table of guarded ({alias: table}) with type ALL or
// without a key, or does not read a table whose alias is in required
// (default: all of guarded).
export function assertIndexed(plan, guarded, required = Object.keys(guarded)) {
  for (const alias of required)
    assert.ok(plan.some((p) => p.table === alias), `the plan reads ${guarded[alias]} (alias ${alias})`);
  for (const p of plan.filter((q) => Object.hasOwn(guarded, q.table))) {
    const table = guarded[p.table];
    assert.notEqual(p.type, 'ALL', `full scan of ${table}: ${JSON.stringify(p)}`);
    assert.ok(p.key && p.key !== 'NULL', `no index on ${table}: ${JSON.stringify(p)}`);
  }
}
