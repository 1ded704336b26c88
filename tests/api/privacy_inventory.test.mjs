// privacy_inventory.test.mjs — docs/privacy.md names every column of every
// table (ASVS 5.0 V14.1, issue 16). The live schema of the stack's database
// (information_schema.columns, through its MariaDB socket as the operator)
// is held against the inventory's tables: a column the inventory does not
// name — a new migration's, say — fails with its name, and so does one the
// inventory names that no longer exists. Each entry is `sealed`,
// `plain-personal` (with a reason) or `not-personal`; a column named *_ct
// must be sealed, and a sealed column must be VARBINARY or BLOB.
//
// The inventory's format (docs/privacy.md, "How to read it"): a heading
// "### `table`", then rows "| `column` | class | reason |".

import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './lib/client.mjs';
import { mariadb } from './lib/explain.mjs';

const CLASSES = new Set(['sealed', 'plain-personal', 'not-personal']);
// Tables that exist only where a command made them: checked when present.
const OPTIONAL_TABLES = new Set(['bench_users']);

// docs/privacy.md → Map table → Map column → {cls, reason}; syntax errors
// (a row outside a table, a column twice) are thrown.
export function parseInventory(text) {
  const tables = new Map();
  let table = null;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const h = /^###\s+`([a-z0-9_]+)`\s*$/.exec(line);
    if (h) {
      table = h[1];
      if (tables.has(table)) throw new Error(`docs/privacy.md:${i + 1}: table ${table} twice`);
      tables.set(table, new Map());
      continue;
    }
    if (/^#{1,3}\s/.test(line)) { table = null; continue; }
    const row = /^\|\s*`([a-z0-9_]+)`\s*\|\s*([^|]*?)\s*\|\s*(.*?)\s*\|\s*$/.exec(line);
    if (!row) continue;
    if (table === null) throw new Error(`docs/privacy.md:${i + 1}: column ${row[1]} outside a table`);
    const cols = tables.get(table);
    if (cols.has(row[1])) throw new Error(`docs/privacy.md:${i + 1}: ${table}.${row[1]} twice`);
    cols.set(row[1], { cls: row[2], reason: row[3], line: i + 1 });
  }
  return tables;
}

// Live columns [{table, column, type}] against the inventory: every problem
// as one line naming table.column.
export function inventoryProblems(live, inventory) {
  const problems = [];
  const liveTables = new Map();
  for (const { table, column, type } of live) {
    if (!liveTables.has(table)) liveTables.set(table, new Map());
    liveTables.get(table).set(column, type);
    const entry = inventory.get(table)?.get(column);
    if (!entry) {
      problems.push(`${table}.${column} (${type}) is not in docs/privacy.md: add it as sealed, plain-personal (with a reason) or not-personal`);
      continue;
    }
    if (!CLASSES.has(entry.cls))
      problems.push(`${table}.${column}: class "${entry.cls}" is none of ${[...CLASSES].join(', ')}`);
    if (entry.cls === 'plain-personal' && entry.reason.length < 3)
      problems.push(`${table}.${column}: plain-personal needs a reason`);
    if (/_ct$/.test(column) && entry.cls !== 'sealed')
      problems.push(`${table}.${column}: named *_ct (a ciphertext) but marked ${entry.cls}`);
    if (entry.cls === 'sealed' && !/^(varbinary\(\d+\)|(tiny|medium|long)?blob)$/i.test(type))
      problems.push(`${table}.${column}: marked sealed but is ${type}, not VARBINARY or BLOB`);
  }
  for (const [table, cols] of inventory) {
    const here = liveTables.get(table);
    if (!here) {
      if (!OPTIONAL_TABLES.has(table))
        problems.push(`${table}: in docs/privacy.md but not in the database`);
      continue;
    }
    for (const column of cols.keys())
      if (!here.has(column)) problems.push(`${table}.${column}: in docs/privacy.md but not in the database`);
  }
  return problems;
}

describe('the data inventory (docs/privacy.md) names every column of the live schema (V14.1)', () => {
  let live;
  let inventory;

  before(() => {
    live = mariadb("SELECT table_name, column_name, column_type FROM information_schema.columns "
      + "WHERE table_schema = DATABASE() ORDER BY table_name, ordinal_position")
      .map(([table, column, type]) => ({ table, column, type }));
    inventory = parseInventory(readFileSync(join(REPO, 'docs', 'privacy.md'), 'utf8'));
  });

  it('the live schema has the tables the migrations make (the query sees them)', () => {
    const tables = new Set(live.map((c) => c.table));
    for (const t of ['users', 'requests', 'messages', 'audit_log', 'schema_migrations'])
      assert.ok(tables.has(t), `no table ${t} in information_schema: wrong database?`);
  });

  it('every column is in the inventory, rightly classed; the inventory names no column that is gone', () => {
    const problems = inventoryProblems(live, inventory);
    assert.deepEqual(problems, [], `docs/privacy.md and the schema differ:\n  ${problems.join('\n  ')}`);
  });

  it('the check fails, naming it, for a column the inventory leaves out, a sealed column marked plain, and a plain sealed one', () => {
    // The same live schema against the inventory with one column removed
    // and two misclassified: the check must say so, by name.
    const cut = new Map([...inventory].map(([t, cols]) => [t, new Map(cols)]));
    cut.get('users').delete('display_name');
    cut.get('requests').set('care_situation_ct', { cls: 'plain-personal', reason: 'wrongly', line: 0 });
    cut.get('requests').set('title', { cls: 'sealed', reason: '', line: 0 });
    const problems = inventoryProblems(live, cut);
    assert.ok(problems.some((p) => p.startsWith('users.display_name ') && /not in docs\/privacy\.md/.test(p)), problems.join('\n'));
    assert.ok(problems.some((p) => p.startsWith('requests.care_situation_ct:') && /\*_ct/.test(p)), problems.join('\n'));
    assert.ok(problems.some((p) => p.startsWith('requests.title:') && /not VARBINARY or BLOB/.test(p)), problems.join('\n'));
    // A new table with a new column (a future migration) is named too.
    const more = inventoryProblems([...live, { table: 'future', column: 'secret', type: 'varchar(10)' }], inventory);
    assert.ok(more.some((p) => p.startsWith('future.secret ')), more.join('\n'));
  });

  it('burenhulpctl rotate-key --reseal reaches every sealed column of the inventory (a value it skips stays under the old key)', () => {
    // ctl/rotate.c's table: { "table", "column", STMT_..., ... } per sealed
    // column, the column named without its _ct.
    const src = readFileSync(join(REPO, 'ctl', 'rotate.c'), 'utf8');
    const resealed = new Set([...src.matchAll(/\{\s*"([a-z_]+)",\s*"([a-z_]+)",\s*STMT_ROTATE_/g)]
      .map((m) => `${m[1]}.${m[2]}_ct`));
    assert.ok(resealed.size >= 8, `read ${resealed.size} columns from ctl/rotate.c`);
    const missing = [];
    for (const [t, cols] of inventory) for (const [c, e] of cols)
      if (e.cls === 'sealed' && !resealed.has(`${t}.${c}`)) missing.push(`${t}.${c}`);
    assert.deepEqual(missing, [], 'sealed columns rotate-key --reseal leaves under the old key');
  });

  it('the sealed columns are the private fields of the design (DESIGN.md), none left plain', () => {
    const sealed = [];
    for (const [t, cols] of inventory) for (const [c, e] of cols) if (e.cls === 'sealed') sealed.push(`${t}.${c}`);
    for (const must of ['users.email_ct', 'users.phone_ct', 'requests.care_situation_ct', 'requests.address_ct',
      'requests.phone_ct', 'messages.body_ct', 'mfa_totp.secret_ct', 'caregiver_checks.result_ct'])
      assert.ok(sealed.includes(must), `${must} is not marked sealed`);
  });
});
