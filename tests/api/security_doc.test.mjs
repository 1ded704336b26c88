// security_doc.test.mjs — docs/security.md lists every requirement of ASVS
// 5.0 at levels 1 and 2 of the chapters issue 16 names (V6, V7, V8, V11,
// V14, V16), each with a status (met, partly, not met, n/a, or "see above"
// for the summary rows other work keeps) and something after it: how, and
// the test. The numbers and levels below are those of OWASP/ASVS 5.0/en
// (the tables of 0x15-V6 … 0x25-V16), levels 1 and 2 only.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './lib/client.mjs';

const ASVS_L1_L2 = {
  V6: [
    '6.1.1:1', '6.1.2:2', '6.1.3:2', '6.2.1:1', '6.2.2:1', '6.2.3:1', '6.2.4:1', '6.2.5:1',
    '6.2.6:1', '6.2.7:1', '6.2.8:1', '6.2.9:2', '6.2.10:2', '6.2.11:2', '6.2.12:2', '6.3.1:1',
    '6.3.2:1', '6.3.3:2', '6.3.4:2', '6.4.1:1', '6.4.2:1', '6.4.3:2', '6.4.4:2', '6.5.1:2',
    '6.5.2:2', '6.5.3:2', '6.5.4:2', '6.5.5:2', '6.6.1:2', '6.6.2:2', '6.6.3:2', '6.8.1:2',
    '6.8.2:2', '6.8.3:2', '6.8.4:2',
  ],
  V7: [
    '7.1.1:2', '7.1.2:2', '7.1.3:2', '7.2.1:1', '7.2.2:1', '7.2.3:1', '7.2.4:1', '7.3.1:2',
    '7.3.2:2', '7.4.1:1', '7.4.2:1', '7.4.3:2', '7.4.4:2', '7.4.5:2', '7.5.1:2', '7.5.2:2',
    '7.6.1:2', '7.6.2:2',
  ],
  V8: [
    '8.1.1:1', '8.1.2:2', '8.2.1:1', '8.2.2:1', '8.2.3:2', '8.3.1:1', '8.4.1:2',
  ],
  V11: [
    '11.1.1:2', '11.1.2:2', '11.2.1:2', '11.2.2:2', '11.2.3:2', '11.3.1:1', '11.3.2:1',
    '11.3.3:2', '11.4.1:1', '11.4.2:2', '11.4.3:2', '11.4.4:2', '11.5.1:2', '11.6.1:2',
  ],
  V14: [
    '14.1.1:2', '14.1.2:2', '14.2.1:1', '14.2.2:2', '14.2.3:2', '14.2.4:2', '14.3.1:1',
    '14.3.2:2', '14.3.3:2',
  ],
  V16: [
    '16.1.1:2', '16.2.1:2', '16.2.2:2', '16.2.3:2', '16.2.4:2', '16.2.5:2', '16.3.1:2',
    '16.3.2:2', '16.3.3:2', '16.3.4:2', '16.4.1:2', '16.4.2:2', '16.4.3:2', '16.5.1:2',
    '16.5.2:2', '16.5.3:2',
  ],
};

const STATUSES = new Set(['met', 'partly', 'not met', 'n/a', 'see above']);

// Rows "| 6.2.1 | 1 | met | how … |" of docs/security.md → Map id → {level, status, how}.
function rows(text) {
  const out = new Map();
  for (const line of text.split('\n')) {
    const m = /^\|\s*(\d+\.\d+\.\d+)\s*\|\s*(\d)\s*\|\s*([^|]+?)\s*\|\s*(.*?)\s*\|\s*$/.exec(line);
    if (!m) continue;
    if (out.has(m[1])) throw new Error(`docs/security.md: ${m[1]} twice`);
    out.set(m[1], { level: m[2], status: m[3], how: m[4] });
  }
  return out;
}

describe('docs/security.md lists ASVS 5.0 levels 1 and 2 of V6, V7, V8, V11, V14 and V16 requirement by requirement', () => {
  const listed = rows(readFileSync(join(REPO, 'docs', 'security.md'), 'utf8'));

  for (const [chapter, reqs] of Object.entries(ASVS_L1_L2)) {
    it(`${chapter}: every requirement has a row with its level, a status and how`, () => {
      const problems = [];
      for (const r of reqs) {
        const [id, level] = r.split(':');
        const row = listed.get(id);
        if (!row) { problems.push(`${id} (level ${level}) has no row`); continue; }
        if (row.level !== level) problems.push(`${id}: level ${row.level}, ASVS says ${level}`);
        if (!STATUSES.has(row.status)) problems.push(`${id}: status "${row.status}"`);
        if (row.how.length < 10) problems.push(`${id}: says nothing about how`);
      }
      assert.deepEqual(problems, []);
    });
  }

  it('no row names a requirement that is not in the list (a typo, or a level-3 one)', () => {
    const known = new Set(Object.values(ASVS_L1_L2).flat().map((r) => r.split(':')[0]));
    assert.deepEqual([...listed.keys()].filter((id) => !known.has(id)), []);
  });
});
