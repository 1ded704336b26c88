// rotate.test.mjs — `burenhulpctl rotate-key --reseal` on a live database
// (ctl/rotate.c). An erased account keeps its users row with email_ct = ''
// (handlers/accounts/stmts.c STMT_USER_ERASE): there is nothing sealed in
// it, and the reseal once counted every such row as a value it "could not
// open" and failed (exit 1) on any site where someone had left. The keys
// are not changed here: with one key everything is already under the
// newest, so the run only reads and counts.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ctl, newUser, assertStatus } from './lib/client.mjs';

describe('burenhulpctl rotate-key --reseal', () => {
  it('an erased account (email_ct emptied) is nothing to reseal, not a value that cannot be opened', async () => {
    const c = await newUser(['resident']);
    assertStatus(await c.delete('/me', { password: c.password }), 204);
    const out = ctl(['rotate-key', '--reseal']);
    assert.match(out.stdout, / 0 could not be opened/, `${out.stdout}${out.stderr}`);
    assert.equal(out.status, 0, out.stderr);
  });
});
