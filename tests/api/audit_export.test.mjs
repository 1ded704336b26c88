// audit_export.test.mjs — `burenhulpctl audit-export` hands every audit row
// to an outside collector (ASVS V16.4, issue 16), as RFC 5424 lines on
// stdout here (syslog(3) in production: the same lines, the header made by
// libc). The invariants at the head of ctl/audit_export.c: in id order,
// each row once (a second run writes nothing already written), a restart
// resumes after the last row, a hole in the ids (a transaction that took
// an id and has not committed) is waited for rather than passed, and no
// private data is in a line.

import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import {
  Client, REPO, VAR, ctl, register, randomTag, assertStatus, sleep,
} from './lib/client.mjs';
import { mariadb } from './lib/explain.mjs';
import { loginFrom, loopbackAddress } from './lib/elsewhere.mjs';

// Failed logins come from an address of their own (lib/elsewhere.mjs).
const ELSEWHERE = loopbackAddress();

// RFC 5424: <PRI>1 TIMESTAMP HOST APP PROCID MSGID [SD] MSG.
const LINE = /^<(\d{1,3})>1 (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z) (\S+) burenhulp (\S+) audit \[audit@32473 id="(\d+)"((?: [a-z_]+="(?:[^"\\\]]|\\["\\\]])*")*)\] (\S+)$/;

function parse(stdout) {
  return stdout.split('\n').filter((l) => l.length).map((l) => {
    const m = LINE.exec(l);
    assert.ok(m, `not an RFC 5424 audit line: ${l}`);
    const params = {};
    for (const p of m[6].matchAll(/ ([a-z_]+)="((?:[^"\\\]]|\\["\\\]])*)"/g)) params[p[1]] = p[2];
    return { pri: Number(m[1]), id: Number(m[5]), ...params, msg: m[7], line: l };
  });
}

// One run on the given cursor; the lines it wrote.
function exportOnce(args = []) {
  const out = ctl(['audit-export', '--stdout', ...args]);
  assert.equal(out.status, 0, `audit-export ${args.join(' ')}: ${out.stderr}`);
  return { lines: parse(out.stdout), stderr: out.stderr };
}

describe('burenhulpctl audit-export: every audit row once, in order, to the collector (V16.4)', () => {
  const mark = randomTag(16);
  const email = `audit-${mark}-mail@example.org`;
  const password = `pw-${mark}-right`;
  const wrong = `pw-${mark}-wrong`;
  let userId;
  let first;

  before(async () => {
    // What earlier tests left goes first, so this run's lines are this test's.
    exportOnce(['--gap-wait-s', '0']);
    const reg = await register(['resident'], { email, password, display_name: `Audit ${mark}` });
    assertStatus(reg.res, 201);
    userId = reg.res.body.user.id;
    assert.equal((await loginFrom(ELSEWHERE, email, wrong)).status, 401);
    const c = new Client('audit-export');
    await c.mustLogin(email, password);
    // A refused action of a logged-in user (auth.refused, with its actor).
    assert.equal((await c.get('/admin/audit')).status, 403);
    first = exportOnce(['--gap-wait-s', '0']).lines;
  });

  it('the failed login, the login and the refusal are there, with actor, address and time', () => {
    const failed = first.find((l) => l.action === 'session.failed' && l.target_id === userId);
    assert.ok(failed, `no session.failed for ${userId} in:\n${first.map((l) => l.line).join('\n')}`);
    assert.equal(failed.pri, 10 * 8 + 4, 'authpriv.warning');
    assert.equal(failed.address, ELSEWHERE, 'the client address');
    assert.ok(Math.abs(Date.parse(failed.at) - Date.now()) < 10 * 60_000, 'its time');
    assert.ok(first.some((l) => l.action === 'session.login' && l.target_id === userId && l.pri === 85),
      'session.login, authpriv.notice');
    assert.ok(first.some((l) => l.action === 'auth.refused' && l.actor === userId), 'auth.refused with the actor');
  });

  it('the lines are in id order and hold nothing private (address, password, name)', () => {
    for (let i = 1; i < first.length; i++) assert.ok(first[i].id > first[i - 1].id, 'ids ascend');
    const text = first.map((l) => l.line).join('\n');
    for (const secret of [email, password, wrong, mark])
      assert.ok(!text.includes(secret), `a line holds ${secret}`);
  });

  it('a second run writes none of them again', () => {
    const again = exportOnce(['--gap-wait-s', '0']).lines;
    const seen = new Set(first.map((l) => l.id));
    assert.deepEqual(again.filter((l) => seen.has(l.id)).map((l) => l.id), [], 'rows written twice');
    if (again.length) assert.ok(again[0].id > first[first.length - 1].id, 'the second run goes on after the first');
  });

  it('a hole in the ids is waited for, not passed: a row after it waits until the hole is old enough', async () => {
    // An id taken by a transaction that rolls back never appears: a hole.
    mariadb("START TRANSACTION; INSERT INTO audit_log (at, action, target_type) "
      + "VALUES (NOW(3), 'test.hole', 'test'); ROLLBACK");
    assert.equal((await loginFrom(ELSEWHERE, email, `${wrong}-2`)).status, 401);
    const waited = exportOnce(['--gap-wait-s', '3600']);
    assert.ok(!waited.lines.some((l) => l.action === 'session.failed' && l.target_id === userId),
      'the row after the hole went out before the hole was old enough');
    assert.match(waited.stderr, /stopped before a hole/);
    const passed = exportOnce(['--gap-wait-s', '0']).lines;
    assert.equal(passed.filter((l) => l.action === 'session.failed' && l.target_id === userId).length, 1,
      'once the hole is old enough, the row goes out, once');
    assert.ok(!passed.some((l) => l.action === 'test.hole'), 'the rolled-back row is not there');
  });

  it('--follow writes new rows as they come; after SIGTERM a new run resumes after them', async () => {
    const child = spawn(join(REPO, 'scripts', 'ctl'),
      ['audit-export', '--stdout', '--follow', '--poll-ms', '100', '--gap-wait-s', '0'],
      { cwd: REPO, env: { ...process.env, BURENHULP_VAR: VAR }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    try {
      await sleep(300);
      assert.equal((await loginFrom(ELSEWHERE, email, `${wrong}-3`)).status, 401);
      const deadline = Date.now() + 15_000;
      const mine = () => parse(out.slice(0, out.lastIndexOf('\n') + 1))
        .filter((l) => l.action === 'session.failed' && l.target_id === userId);
      while (mine().length === 0 && Date.now() < deadline) await sleep(100);
      assert.equal(mine().length, 1, `--follow did not write the new row: ${err}`);
    } finally {
      child.kill('SIGTERM');
    }
    const { code } = await exited;
    assert.equal(code, 0, `exit after SIGTERM: ${err}`);
    const ids = new Set(parse(out).map((l) => l.id));
    const after = exportOnce(['--gap-wait-s', '0']).lines;
    assert.deepEqual(after.filter((l) => ids.has(l.id)).map((l) => l.id), [], 'rows written again after a restart');
  });

  it('bad arguments are a usage error (2), not a run', () => {
    for (const args of [['--bogus'], ['--facility', 'kern0'], ['--poll-ms', '5'], ['--gap-wait-s', 'x'],
      ['--cursor', 'Bad Name']]) {
      const out = ctl(['audit-export', '--stdout', ...args]);
      assert.equal(out.status, 2, `${args.join(' ')}: ${out.status} ${out.stderr}`);
      assert.equal(out.stdout, '', `${args.join(' ')} wrote lines`);
    }
  });
});
