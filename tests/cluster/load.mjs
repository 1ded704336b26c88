// tests/cluster/load.mjs — the load of tests/cluster/run and its figures.
//
//   node load.mjs bench URL SECONDS CONCURRENCY      reads a second (closed loop)
//   node load.mjs load URL SECONDS OUT.json USERS.json
//        the mixed load: readers browse (list, one request by id); writers post
//        a request, two volunteers respond, the resident accepts both at once
//        (one must win), the winner sends a message. Every answer is recorded
//        with its time; every acknowledged write (2xx) with its id.
//   node load.mjs cross URL URL2 SECONDS USERS.json
//        two accepts at once on two database nodes: URL2's matches handler
//        writes to another node than URL's, so the accepts meet only in
//        Galera's certification (one must still win); prints the counts.
//   node load.mjs report OUT.json MARKS SOCKET...
//        the figures, from the records, the run's marks ("EPOCH_S name" lines)
//        and each database node's rows (read with the mariadb client on each
//        node's socket). Exit status 1 when a figure misses its target.
//
// Plain fetch, one cookie jar per user; no spec validation (tests/api does
// that): this counts what a user would see.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const now = () => Date.now() / 1000;

class User {
  constructor(base, email, password) {
    Object.assign(this, { base, email, password, cookies: new Map(), csrf: null });
  }
  async req(method, path, json, base = this.base) {
    const headers = { accept: 'application/json' };
    if (json !== undefined) headers['content-type'] = 'application/json';
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (method !== 'GET' && this.csrf) headers['x-csrf-token'] = this.csrf;
    const t0 = now();
    let status = 0, body = null;
    try {
      const r = await fetch(base + path, {
        method, headers, body: json === undefined ? undefined : JSON.stringify(json),
        signal: AbortSignal.timeout(15000),
      });
      for (const line of r.headers.getSetCookie()) {
        const [nv] = line.split(';');
        const i = nv.indexOf('=');
        this.cookies.set(nv.slice(0, i).trim(), nv.slice(i + 1).trim());
      }
      status = r.status;
      const text = await r.text();
      try { body = text ? JSON.parse(text) : null; } catch { body = null; }
    } catch {
      status = 0;	// no answer at all (refused, reset, timeout)
    }
    return { status, body, t0, t1: now() };
  }
  async login() {
    for (let i = 0; i < 20; i++) {
      const r = await this.req('POST', '/api/v1/session', { email: this.email, password: this.password });
      if (r.status === 200) { this.csrf = r.body.csrf_token; return; }
      await new Promise((res) => setTimeout(res, 500));
    }
    throw new Error(`cannot log in ${this.email}`);
  }
}

const sleep = (ms) => new Promise((res) => setTimeout(res, ms));

async function bench(base, seconds, concurrency) {
  const anon = new User(base);
  const list = await anon.req('GET', '/api/v1/requests?limit=20');
  const ids = (list.body?.items ?? []).map((r) => r.id);
  let n = 0, failed = 0;
  const end = now() + seconds;
  await Promise.all(Array.from({ length: concurrency }, async (_, k) => {
    const u = new User(base);
    for (let i = k; now() < end; i++) {
      const path = i % 2 || !ids.length ? '/api/v1/requests?limit=10' : `/api/v1/requests/${ids[i % ids.length]}`;
      const r = await u.req('GET', path);
      if (r.status === 200) n++; else failed++;
    }
  }));
  console.log(JSON.stringify({ per_s: Math.round(n / seconds), failed }));
}

async function load(base, seconds, out, usersFile) {
  const users = JSON.parse(readFileSync(usersFile, 'utf8'));
  const resident = new User(base, users.resident, users.password);
  const vols = users.volunteers.map((e) => new User(base, e, users.password));
  await resident.login();
  for (const v of vols) await v.login();
  const cats = await resident.req('GET', '/api/v1/categories');
  const category = cats.body?.[0]?.id ?? 'shopping';
  const rec = { reads: [], writes: [], acked: { requests: [], matches: [], messages: [], accepted: [] },
    accept_pairs: [] };
  const write = (kind, r, id) => {
    rec.writes.push({ kind, t: r.t0, t1: r.t1, status: r.status });
    if (r.status >= 200 && r.status < 300 && id) rec.acked[kind].push(id);
  };
  const openIds = [];
  const end = now() + seconds;

  async function reader(k) {
    const u = new User(base);
    for (let i = k; now() < end; i++) {
      const path = i % 3 || !openIds.length ? '/api/v1/requests?limit=10'
        : `/api/v1/requests/${openIds[i % openIds.length]}`;
      const r = await u.req('GET', path);
      rec.reads.push({ t: r.t0, t1: r.t1, status: r.status });
      await sleep(20);
    }
  }
  async function writer(k) {
    const [va, vb] = [vols[(2 * k) % vols.length], vols[(2 * k + 1) % vols.length]];
    for (let i = 0; now() < end; i++) {
      const p = await resident.req('POST', '/api/v1/requests', {
        title: `Boodschappen ronde ${k}-${i}`, description: 'Wie haalt er op dinsdag boodschappen bij de supermarkt?',
        category, postcode: '7811',
      });
      const rid = p.body?.request?.id;
      write('requests', p, rid);
      if (!rid) { await sleep(100); continue; }
      if (openIds.length < 50) openIds.push(rid);
      const [ma, mb] = await Promise.all([va, vb].map((v) =>
        v.req('POST', '/api/v1/matches', { request_id: rid, message: 'Ik help graag.' })));
      write('matches', ma, ma.body?.match?.id);
      write('matches', mb, mb.body?.match?.id);
      const ids = [ma.body?.match?.id, mb.body?.match?.id].filter(Boolean);
      if (ids.length < 2) continue;
      // Two accepts at once: exactly one may win (the other 409).
      const acc = await Promise.all(ids.map((id) => resident.req('POST', `/api/v1/matches/${id}/accept`)));
      acc.forEach((r, j) => {
        rec.writes.push({ kind: 'accept', t: r.t0, t1: r.t1, status: r.status === 409 ? 200 : r.status });
        if (r.status === 200) rec.acked.accepted.push(ids[j]);
      });
      rec.accept_pairs.push({ request: rid, statuses: acc.map((r) => r.status) });
      const win = acc.findIndex((r) => r.status === 200);
      if (win < 0) continue;
      const m = await [va, vb][win].req('POST', `/api/v1/matches/${ids[win]}/messages`,
        { body: 'Tot dinsdag!' });
      write('messages', m, m.body?.message?.id ?? m.body?.id);
    }
  }
  await Promise.all([...[0, 1, 2, 3].map(reader), ...[0, 1].map(writer)]);
  writeFileSync(out, JSON.stringify(rec));
  console.log(`load: ${rec.reads.length} reads, ${rec.writes.length} writes`);
}

async function cross(base, base2, seconds, usersFile) {
  const users = JSON.parse(readFileSync(usersFile, 'utf8'));
  const resident = new User(base, users.resident, users.password);
  const [va, vb] = users.volunteers.slice(0, 2).map((e) => new User(base, e, users.password));
  for (const u of [resident, va, vb]) await u.login();
  const out = { pairs: 0, one_won: 0, both_won: 0, none_won: 0, other: 0 };
  const end = now() + seconds;
  while (now() < end) {
    const p = await resident.req('POST', '/api/v1/requests', {
      title: 'Boodschappen, twee knopen', description: 'Wie haalt er op dinsdag boodschappen bij de supermarkt?',
      category: 'shopping', postcode: '7811' });
    const rid = p.body?.request?.id;
    if (!rid) { out.other++; continue; }
    const ms = await Promise.all([va, vb].map((v) =>
      v.req('POST', '/api/v1/matches', { request_id: rid, message: 'Ik help graag.' })));
    const ids = ms.map((m) => m.body?.match?.id);
    if (!ids[0] || !ids[1]) { out.other++; continue; }
    const acc = await Promise.all([
      resident.req('POST', `/api/v1/matches/${ids[0]}/accept`, undefined, base),
      resident.req('POST', `/api/v1/matches/${ids[1]}/accept`, undefined, base2)]);
    const won = acc.filter((r) => r.status === 200).length;
    out.pairs++;
    if (acc.some((r) => r.status !== 200 && r.status !== 409)) out.other++;
    else if (won === 1) out.one_won++;
    else if (won === 2) out.both_won++;
    else out.none_won++;
  }
  console.log(JSON.stringify(out));
}

function sql(sock, q) {
  const r = spawnSync('mariadb', ['--no-defaults', '-S', sock, '-u', 'root', '-N', '-B', 'burenhulp', '-e', q],
    { encoding: 'utf8' });
  if (r.status !== 0) return null;
  return r.stdout.split('\n').filter(Boolean);
}

function report(out, marksFile, socks) {
  const rec = JSON.parse(readFileSync(out, 'utf8'));
  const marks = Object.fromEntries(readFileSync(marksFile, 'utf8').split('\n').filter(Boolean)
    .map((l) => { const [t, name] = l.split(' '); return [name, Number(t)]; }));
  const within = (x, a, b) => x.t1 >= a && x.t <= b;
  const bad = (x) => x.status === 0 || x.status >= 500 || x.status === 429;
  const figures = [];
  const fig = (name, value, ok, note = '') => figures.push({ name, value, ok, note });

  // 1. Reads while a handler host dies (kill .. its return + 5 s).
  const a = marks.host_killed, b = marks.host_back + 5;
  const readsIn = rec.reads.filter((x) => within(x, a, b));
  fig('failed reads while a handler host dies', readsIn.filter(bad).length, readsIn.filter(bad).length === 0,
    `of ${readsIn.length} reads in those ${Math.round(b - a)} s`);
  const writesHost = rec.writes.filter((x) => within(x, a, b));
  fig('  (failed writes then, in flight on the dead host)', writesHost.filter(bad).length, true,
    `of ${writesHost.length}: never retried, so a write in flight there fails`);

  // 2. Acknowledged writes lost, on every node.
  let lost = 0, checked = 0, nodesRead = 0;
  const tables = { requests: 'requests', matches: 'matches', messages: 'messages' };
  for (const sock of socks) {
    const have = {};
    let okNode = true;
    for (const [kind, table] of Object.entries(tables)) {
      const rows = sql(sock, `SELECT id FROM ${table}`);
      if (rows === null) { okNode = false; break; }
      have[kind] = new Set(rows);
    }
    const acc = sql(sock, "SELECT id FROM matches WHERE status IN ('accepted','completed')");
    if (!okNode || acc === null) continue;
    nodesRead++;
    have.accepted = new Set(acc);
    for (const kind of ['requests', 'matches', 'messages', 'accepted'])
      for (const id of rec.acked[kind]) { checked++; if (!have[kind].has(id)) lost++; }
  }
  const nAcked = Object.values(rec.acked).reduce((s, l) => s + l.length, 0);
  fig('acknowledged writes lost', lost, lost === 0 && nodesRead === socks.length,
    `${nAcked} acknowledged writes checked on ${nodesRead} of ${socks.length} nodes`);

  // 3. Double accepts: in the answers, and in the rows of every node.
  const both = rec.accept_pairs.filter((p) => p.statuses.filter((s) => s === 200).length > 1).length;
  let rows = 0;
  for (const sock of socks) {
    const r = sql(sock, "SELECT COUNT(*) FROM (SELECT request_id FROM matches WHERE status IN ('accepted','completed') GROUP BY request_id HAVING COUNT(*) > 1) x");
    rows = Math.max(rows, r ? Number(r[0]) : 0);
  }
  fig('double accepts', both + rows, both + rows === 0,
    `${rec.accept_pairs.length} pairs of simultaneous accepts; both won: ${both}; requests with two accepted: ${rows}`);

  // 4. Failed writes while the writing node changes (its kill .. back + failback).
  const w0 = marks.writer_killed, w1 = marks.writer_back + 15;
  const ws = rec.writes.filter((x) => within(x, w0, w1));
  const wf = ws.filter(bad);
  const span = wf.length ? Math.max(...wf.map((x) => x.t1)) - Math.min(...wf.map((x) => x.t)) : 0;
  fig('seconds of failed writes while the writing node changes', Number(span.toFixed(1)), span <= 5,
    `${wf.length} failed of ${ws.length} writes from the kill to 15 s after its return`);
  const n0 = marks.node_killed, n1 = marks.node_back + 5;
  const ns = rec.writes.filter((x) => within(x, n0, n1));
  fig('  (failed writes while another node dies and rejoins)', ns.filter(bad).length, ns.filter(bad).length === 0,
    `of ${ns.length}`);
  const allBad = rec.reads.filter(bad).length;
  fig('  (failed reads over the whole run)', allBad, true, `of ${rec.reads.length}`);

  for (const f of figures)
    console.log(`${f.ok ? 'ok  ' : 'MISS'} ${f.name}: ${f.value}${f.note ? `  (${f.note})` : ''}`);
  return figures.every((f) => f.ok) ? 0 : 1;
}

const [mode, ...args] = process.argv.slice(2);
if (mode === 'bench') await bench(args[0], Number(args[1]), Number(args[2]));
else if (mode === 'load') await load(args[0], Number(args[1]), args[2], args[3]);
else if (mode === 'cross') await cross(args[0], args[1], Number(args[2]), args[3]);
else if (mode === 'report') process.exitCode = report(args[0], args[1], args.slice(2));
else { console.error('usage: see the head of tests/cluster/load.mjs'); process.exitCode = 2; }
