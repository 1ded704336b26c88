// requests_explain.test.mjs — the lists of help requests are served by an
// index, never by reading the whole table (DESIGN: radius search on an
// index, keyset paging instead of OFFSET).
//
// The statements EXPLAINed are the ones the handler runs: its stmts.c is put
// through the C preprocessor and the SQL text of each list statement taken
// from the result, so this test cannot drift from the code. Each runs with
// realistic parameters (a search box around Emmen 7811, a category, words,
// the first-page keys) against a table that holds a few thousand rows spread
// over the country, in every status, so that the optimizer has a real
// choice. The fixture rows belong to a blocked user, so no public list shows
// them while they exist, and they are deleted afterwards. The table's
// statistics are refreshed once after the bulk insert (ANALYZE TABLE: InnoDB
// would do it in the background a little later anyway); no index is forced.
//
// Fails when the plan reads the requests table with type ALL.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { VAR, REPO, randomTag } from './lib/client.mjs';

const FIXTURE_ROWS = 5000;

function mariadb(text, { headers = false } = {}) {
  const r = spawnSync('mariadb', ['--no-defaults', `--socket=${join(VAR, 'run', 'mysqld.sock')}`,
    '-u', userInfo().username, '-B', ...(headers ? [] : ['-N']), 'burenhulp', '-e', text],
  { encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, `mariadb: ${r.stderr || r.error}`);
  return r.stdout.split('\n').filter((l) => l.length).map((l) => l.split('\t'));
}

// The statement table of handlers/requests: enum name → SQL text.
function handlerStatements() {
  const cpp = spawnSync('cc', ['-E', '-P', '-D_GNU_SOURCE', '-I', join(REPO, 'lib'),
    join(REPO, 'handlers', 'requests', 'stmts.c')], { encoding: 'utf8' });
  assert.equal(cpp.status, 0, `cc -E: ${cpp.stderr}`);
  const src = cpp.stdout;
  const enumBody = /enum stmt\s*\{([^}]*)\}/.exec(src)[1];
  const names = enumBody.split(',').map((s) => s.trim()).filter((s) => s && s !== 'STMT__MAX');
  const def = /requests_stmts\[[^\]]*\]\s*=\s*\{/.exec(src);
  assert.ok(def, 'the definition of requests_stmts');
  const start = def.index + def[0].length - 1;
  const items = [];
  let cur = '', i = start + 1;
  for (; i < src.length && src[i] !== '}'; i++) {
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
  assert.equal(items.length, names.length, 'one SQL text per enum stmt');
  return Object.fromEntries(names.map((n, k) => [n, items[k]]));
}

// The SQL with each ? replaced by the next value (numbers as they are,
// strings quoted, null as NULL). Only for the fixed test values below.
function bind(sqlText, values) {
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

// lib/geo.c's box, for the parameters.
function box(lat, lon, km) {
  const d = km / 6371.0088, deg = 180 / Math.PI;
  const dlon = Math.asin(Math.sin(d) / Math.cos(lat / deg)) * deg;
  return [lat - d * deg, lat + d * deg, lon - dlon, lon + dlon];
}

describe('EXPLAIN: every list of requests runs on an index', () => {
  const tag = randomTag(6);
  const owner = `xf${tag}${'0'.repeat(14)}`;
  let stmts, centre;

  before(() => {
    stmts = handlerStatements();
    const pc = mariadb("SELECT lat, lon FROM postcodes WHERE pc4 = '7811'");
    assert.equal(pc.length, 1, 'postcode 7811 is loaded');
    centre = pc[0].map(Number);
    // A blocked owner: none of the fixture is public.
    mariadb(`INSERT INTO users (id, email_ct, email_bidx, display_name, pc4, roles, status, created_at, updated_at)
      VALUES ('${owner}', 'x', UNHEX(SHA2('${owner}', 256)), 'Explain fixture', '7811', 'resident', 'blocked', NOW(3), NOW(3))`);
    // Spread over every PC4 area, every category, mostly open, over a month.
    mariadb(`INSERT INTO requests (id, owner_id, posted_as, title, description, category_id, pc4, lat, lon,
        status, response_count, created_at, updated_at, expires_at)
      SELECT CONCAT('xf${tag}', LPAD(s.seq, 14, '0')), '${owner}', 'resident',
        CONCAT('Hulp gezocht ', s.seq), CONCAT('Boodschappen, vervoer of gezelschap, nummer ', s.seq),
        c.id, p.pc4, p.lat, p.lon,
        ELT(1 + s.seq % 6, 'open', 'open', 'open', 'pending', 'cancelled', 'completed'), 0,
        NOW(3) - INTERVAL s.seq * 7 MINUTE, NOW(3), NOW(3) + INTERVAL 30 DAY - INTERVAL s.seq * 7 MINUTE
      FROM seq_1_to_${FIXTURE_ROWS} s
      JOIN (SELECT pc4, lat, lon, ROW_NUMBER() OVER (ORDER BY pc4) - 1 AS n FROM postcodes) p
        ON p.n = (s.seq * 7919) % (SELECT COUNT(*) FROM postcodes)
      JOIN (SELECT id, ROW_NUMBER() OVER (ORDER BY id) - 1 AS n FROM categories) c
        ON c.n = s.seq % (SELECT COUNT(*) FROM categories)`);
    const n = Number(mariadb(`SELECT COUNT(*) FROM requests WHERE owner_id = '${owner}'`)[0][0]);
    assert.ok(n >= FIXTURE_ROWS * 0.9, `only ${n} fixture rows`);
    mariadb('ANALYZE TABLE requests');
  });

  after(() => {
    mariadb(`DELETE FROM requests WHERE owner_id = '${owner}'`);
    mariadb(`DELETE FROM users WHERE id = '${owner}'`);
  });

  const FIRST = '9999-12-31 23:59:59.999999';
  const LIMIT = 21;
  const cases = () => {
    const [lat, lon] = centre;
    const near = (cat, q) => [lat, lat, lon, ...box(lat, lon, 10), ...cat, ...q, 10000, -1, -1, '', LIMIT];
    const recent = (cat, q) => [...cat, ...q, FIRST, FIRST, '', LIMIT];
    const cat = ['shopping'], q = ['+boodschappen*'];
    return {
      STMT_LIST_NEAR: near([], []),
      STMT_LIST_NEAR_CAT: near(cat, []),
      STMT_LIST_NEAR_Q: near([], q),
      STMT_LIST_NEAR_CAT_Q: near(cat, q),
      STMT_LIST_RECENT: recent([], []),
      STMT_LIST_RECENT_CAT: recent(cat, []),
      STMT_LIST_RECENT_Q: recent([], q),
      STMT_LIST_RECENT_CAT_Q: recent(cat, q),
      // A second page: the keyset condition must still be a range.
      'STMT_LIST_RECENT (page 2)': ['2026-01-01 12:00:00.000000', '2026-01-01 12:00:00.000000', 'AAAAAAAAAAAAAAAAAAAAAA', LIMIT],
      STMT_LIST_OWN: [owner, null, null, FIRST, FIRST, '', LIMIT],
      'STMT_LIST_OWN (status)': [owner, 'open', 'open', FIRST, FIRST, '', LIMIT],
    };
  };

  it('finds the statements of the handler', () => {
    for (const name of Object.keys(cases()).map((k) => k.split(' ')[0]))
      assert.ok(stmts[name], `${name} in handlers/requests/stmts.c`);
  });

  for (const name of ['STMT_LIST_NEAR', 'STMT_LIST_NEAR_CAT', 'STMT_LIST_NEAR_Q', 'STMT_LIST_NEAR_CAT_Q',
    'STMT_LIST_RECENT', 'STMT_LIST_RECENT_CAT', 'STMT_LIST_RECENT_Q', 'STMT_LIST_RECENT_CAT_Q',
    'STMT_LIST_RECENT (page 2)', 'STMT_LIST_OWN', 'STMT_LIST_OWN (status)']) {
    it(`${name}: no full scan of requests`, (t) => {
      const values = cases()[name];
      const text = bind(stmts[name.split(' ')[0]], values);
      const [head, ...rows] = mariadb(`EXPLAIN ${text}`, { headers: true });
      const col = (k) => head.indexOf(k);
      const plan = rows.map((r) => Object.fromEntries(head.map((h, k) => [h, r[k]])));
      t.diagnostic(plan.map((p) => `${p.table}: ${p.type} ${p.key} rows=${p.rows} ${p.Extra}`).join(' | '));
      assert.ok(col('type') >= 0 && col('table') >= 0, 'EXPLAIN has table and type');
      const r = plan.filter((p) => p.table === 'r');
      assert.ok(r.length > 0, 'the plan reads requests (alias r)');
      for (const p of r) {
        assert.notEqual(p.type, 'ALL', `full scan of requests: ${JSON.stringify(p)}`);
        assert.ok(p.key && p.key !== 'NULL', `no index on requests: ${JSON.stringify(p)}`);
      }
    });
  }
});
