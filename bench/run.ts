// `npm run bench`: the real server (child process, demo data, synchronous=FULL on SQLite) and a
// bare Fastify route returning the same bytes (another child process), both driven by autocannon
// on loopback; then again on PostgreSQL when one is reachable. Prints one table per database:
// throughput, p50/p99, errors and our throughput as a share of the bare route's, plus fixed-rate
// runs (1,000 req/s reads, 300 req/s creates) for p99 under a realistic load, and creates paced
// evenly at 300/s (autocannon's fixed rate arrives in bursts).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import SQLite from 'better-sqlite3';
import { parseDatabaseUrl, type DatabaseConfig } from '../server/src/config';
import { createDatabase } from '../server/src/db/database';
import { DEMO_VILLAGES } from '../server/src/db/seed/demo-regions';
import { startServer, root, type ServerProcess } from '../test/support/server-process';
import { benchPostgresUrl, connectionOf, pg, postgresReachable, sameDeviceAs } from './pg';
import { call, DIBAO, onDuty, resident, signIn, visit, workingDays, type HalfDay, type Headers } from './api-client';
import { UNLIMITED_ENV } from './server-child';
import { cpuMeter, offMainThreadMs, postgresPids, sampleDeltas, treeOf } from './cpu';
import { loopbackRoundTripsPerSecond, loopMs, stealSampler } from './host';
import type { DiskFlushes } from './disk-probe';

const SECONDS = Number(process.env.BENCH_SECONDS || 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 20);
const RESIDENTS = Number(process.env.BENCH_RESIDENTS || 1000);
const DAYS = 5;
// BENCH_ONLY=create runs only the rows whose name contains it; BENCH_DB=sqlite|postgres one database.
const ONLY = process.env.BENCH_ONLY;
const DB_CHOICE = process.env.BENCH_DB;
const chosen = (name: string) => !ONLY || name.includes(ONLY);
// The creation target's p99: a paced request slower than this is late, a disk flush slower than it a stall.
const LATE_MS = 50;

interface Request {
  method: 'GET' | 'POST';
  path: string;
  headers?: Headers;
  body?: string;
}

interface Scenario {
  name: string;
  // The next request; called once per request sent.
  next: () => Request;
  // Requests whose answers the bare server replays, by method and path.
  samples: Request[];
}

interface Row {
  scenario: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  bareRps?: number;
  rate?: number;
  // CPU milliseconds per request: the server process, the database's processes (PostgreSQL).
  serverMs?: number;
  databaseMs?: number;
  // The disk's flush times while the row ran (paced creates), and when the row started and each
  // of its requests over LATE_MS was due (wall-clock ms).
  disk?: DiskFlushes;
  startedAt?: number;
  late?: number[];
  // CPU ms the host gave other guests, and that the server's threads besides its main one used
  // (garbage collection helpers), sampled through the row (paced rows; bench/host.ts, bench/cpu.ts).
  steal?: { at: number; ms: number }[];
  helpers?: { at: number; ms: number }[];
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function waitFor(url: string, exited: Promise<unknown>): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  for (;;) {
    if (gone) throw new Error(`process for ${url} exited before it listened`);
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function run(url: string, next: () => Request, options: { seconds: number; rate?: number }): Promise<autocannon.Result> {
  return autocannon({
    url,
    connections: options.rate ? Math.max(CONNECTIONS, 50) : CONNECTIONS,
    duration: options.seconds,
    overallRate: options.rate,
    requests: [{ setupRequest: (req) => ({ ...req, ...next() }) }],
  });
}

const errorsOf = (r: autocannon.Result) => r.errors + r.timeouts + r.non2xx;

// autocannon's fixed rate lets each connection send its share of a second back to back when the
// second starts, so its figures are those of a burst of `connections` requests at once. This
// sends one request every 1/rate s instead, from bench/paced-client.ts in its own process.
async function paced(url: string, next: () => Request, { seconds, rate }: { seconds: number; rate: number }): Promise<Omit<Row, 'scenario'>> {
  const requests = Array.from({ length: seconds * rate }, next);
  const child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['bench/paced-client.ts'], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  child.stdin.end(JSON.stringify({ url, rate, requests, lateMs: LATE_MS }));
  const code = await exited;
  if (code !== 0) throw new Error(`paced client exited with ${code}`);
  return JSON.parse(output) as Omit<Row, 'scenario'>;
}

// Runs `work` with bench/disk-probe.ts flushing a file in `dir` beside it; adds the probe's figures.
async function withDiskProbe<T extends object>(dir: string, work: () => Promise<T>): Promise<T & { disk: DiskFlushes }> {
  const child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['bench/disk-probe.ts', dir, String(LATE_MS)], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  // Its first line says the file is filled and flushing has begun.
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('\n')) resolve();
    });
    void exited.then(() => reject(new Error('disk probe exited before it started')));
  });
  let result: T;
  try {
    await ready;
    result = await work();
  } finally {
    child.stdin.end();
  }
  if ((await exited) !== 0) throw new Error('disk probe failed');
  return { ...result, disk: JSON.parse(output.slice(output.indexOf('\n') + 1)) as DiskFlushes };
}

async function capture(ours: string, bare: string, request: Request): Promise<void> {
  const res = await fetch(`${ours}${request.path}`, { method: request.method, headers: { ...(request.body ? { 'content-type': 'application/json' } : {}), ...request.headers }, body: request.body });
  const body = await res.text();
  for (const key of [`${request.method} ${request.path}`, `${request.method} ${request.path.split('?')[0]}`]) {
    await call(bare, 'POST', '/__bench/canned', { body: { key, status: res.status, body } });
  }
}

async function benchDatabase(label: string, databaseUrl: string, database: DatabaseConfig, dir: string): Promise<Row[]> {
  const port = await freePort();
  const barePort = await freePort();
  const ours = `http://127.0.0.1:${port}`;
  const bare = `http://127.0.0.1:${barePort}`;
  const server: ServerProcess = startServer({
    ...UNLIMITED_ENV,
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    // Request logging off: the bare route logs nothing either.
    LOG_LEVEL: 'warn',
    // The WeChat outbox rows are written with each case; delivering them is another process's job.
    OUTBOX_WORKER: '0',
    H5_DIR: path.join(dir, 'no-h5'),
    UPLOAD_DIR: path.join(dir, 'uploads'),
  });
  // Readiness is polled below (no info log line at warn); an exit is reported by waitFor.
  server.ready.catch(() => undefined);
  const bareChild: ChildProcess = spawn(path.join(root, 'node_modules/.bin/tsx'), ['bench/bare-server.ts', String(barePort)], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  const bareExited = new Promise((resolve) => bareChild.on('exit', resolve));
  try {
    await waitFor(`${ours}/api/v1/health`, server.exited);
    await waitFor(`${bare}/health`, bareExited);

    // Cadres on duty in every demo village for the next working days, capacity beyond what a
    // run can book, and residents spread over the villages.
    const days = await workingDays(database, DAYS);
    const slots: HalfDay[] = days.flatMap((date) => [{ date, half: 'am' as const }, { date, half: 'pm' as const }]);
    const cadres: Headers[] = [];
    for (const village of DEMO_VILLAGES) {
      const cadre = await signIn(ours, { name: `压测值班${village.slice(-3)}`, role: 'cadre', villageCode: village });
      cadres.push(cadre.headers);
      for (const s of slots) await onDuty(ours, cadre.headers, village, s);
    }
    const db = createDatabase(database);
    await db.updateTable('living_rooms').set({ slot_capacity: 1_000_000 }).execute();
    await db.destroy();
    const residents: { headers: Headers; id: string }[] = [];
    for (let i = 0; i < RESIDENTS; i += 50) {
      residents.push(...(await Promise.all(Array.from({ length: Math.min(50, RESIDENTS - i) }, (_, j) => resident(ours, `压测村民${i + j}`, DEMO_VILLAGES[(i + j) % DEMO_VILLAGES.length])))));
    }

    // Each create is a new (resident, slot) pair with a fresh Idempotency-Key; once the pairs run
    // out, online cases (no slot) keep it a write of the same shape.
    let pair = 0;
    const createRequest = (): Request => {
      const r = residents[pair % residents.length];
      const s = slots[Math.floor(pair / residents.length)];
      pair += 1;
      const payload = s ? visit(s) : { serviceCode: DIBAO, channel: 'online', description: '压测网上办', materialsHave: [] };
      return { method: 'POST', path: '/api/v1/cases', headers: { ...r.headers, 'idempotency-key': randomUUID(), 'content-type': 'application/json' }, body: JSON.stringify(payload) };
    };
    const first = await fetch(`${ours}/api/v1/cases`, { method: 'POST', headers: { ...residents[0].headers, 'idempotency-key': randomUUID(), 'content-type': 'application/json' }, body: JSON.stringify({ serviceCode: DIBAO, channel: 'online', description: '压测详情', materialsHave: [] }) });
    const sampleCase = (await first.json()) as { id: string };
    const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)];
    const get = (p: string, headers: Headers = {}): Request => ({ method: 'GET', path: p, headers });

    const list = get('/api/v1/services');
    const item = get(`/api/v1/services/${DIBAO}`);
    const search = get(`/api/v1/services?q=${encodeURIComponent('低保')}`);
    const queue = () => get('/api/v1/workbench', pick(cadres));
    const mine = () => get('/api/v1/cases/mine', pick(residents).headers);
    const detail = get(`/api/v1/cases/${sampleCase.id}`, residents[0].headers);
    const mixed = (): Request => {
      const x = Math.random();
      return x < 0.3 ? item : x < 0.45 ? search : x < 0.55 ? list : x < 0.7 ? mine() : x < 0.8 ? detail : x < 0.95 ? queue() : createRequest();
    };
    const scenarios: Scenario[] = [
      { name: 'catalogue list', next: () => list, samples: [list] },
      { name: 'catalogue item', next: () => item, samples: [item] },
      { name: 'search 低保', next: () => search, samples: [search] },
      { name: 'case create', next: createRequest, samples: [] },
      { name: 'workbench queue', next: queue, samples: [queue()] },
      { name: 'mixed resident/cadre', next: mixed, samples: [item, search, list, mine(), detail, queue()] },
    ];

    const serverPids = treeOf(server.child.pid!);
    const postgres = label === 'postgres';
    const meters = () => {
      const serverCpu = cpuMeter(() => serverPids);
      const databaseCpu = postgres ? cpuMeter(postgresPids) : () => 0;
      return () => ({ server: serverCpu(), database: databaseCpu() });
    };
    const perRequest = (used: { server: number; database: number }, requests: number) => ({
      serverMs: (1000 * used.server) / requests,
      ...(postgres ? { databaseMs: (1000 * used.database) / requests } : {}),
    });
    const rows: Row[] = [];
    for (const s of scenarios.filter((x) => chosen(x.name))) {
      // A create's answer is sampled from a real create, so the bare route sends its bytes.
      for (const sample of s.samples.length ? s.samples : [createRequest()]) await capture(ours, bare, sample);
      if (s.name.startsWith('mixed')) await capture(ours, bare, createRequest());
      const cpu = meters();
      const a = await run(ours, s.next, { seconds: SECONDS });
      const used = cpu();
      const b = await run(bare, s.next, { seconds: SECONDS });
      rows.push({ scenario: s.name, rps: a.requests.average, p50: a.latency.p50, p99: a.latency.p99, errors: errorsOf(a), bareRps: b.requests.average, ...perRequest(used, a.requests.total) });
      console.error(`  ${label}: ${s.name} done`);
    }
    const fixed = ([
      ['catalogue item @1000/s', () => item, 1000],
      ['search @1000/s', () => search, 1000],
      ['case create @300/s', createRequest, 300],
    ] satisfies [string, () => Request, number][]).filter(([name]) => chosen(name));
    for (const [name, next, rate] of fixed) {
      const a = await run(ours, next, { seconds: SECONDS, rate });
      rows.push({ scenario: name, rps: a.requests.average, p50: a.latency.p50, p99: a.latency.p99, errors: errorsOf(a), rate });
      console.error(`  ${label}: ${name} done`);
    }
    for (const [name, next, rate] of fixed) {
      const title = `${name.split(' @')[0]} paced ${rate}/s`;
      const measure = async () => {
        const cpu = meters();
        const stolen = stealSampler();
        const helped = sampleDeltas(() => offMainThreadMs(serverPids));
        const row = await paced(ours, next, { seconds: SECONDS, rate });
        return { ...row, ...perRequest(cpu(), SECONDS * rate), steal: stolen(), helpers: helped() };
      };
      // A create waits for the disk's flush: the disk's own flush times beside it say how much of its p99 is the disk's.
      rows.push({ scenario: title, ...(next === createRequest ? await withDiskProbe(dir, measure) : await measure()) });
      console.error(`  ${label}: ${title} done`);
    }
    return rows;
  } finally {
    if (bareChild.exitCode === null) bareChild.kill('SIGTERM');
    if (server.child.exitCode === null) server.child.kill('SIGTERM');
    await Promise.all([bareExited, server.exited]);
  }
}

// A disk stall holds up every commit waiting on it (requests due up to LATE_MS before it started
// included), and the queue it leaves takes a while to drain.
const STALL_DRAIN_MS = 1000;

// `diskNote` says where the disk probe's file was against the database's.
function printTable(label: string, rows: Row[], diskNote = 'on the same disk as the database'): void {
  const head = ['scenario', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'bare req/s', 'ours/bare', 'CPU ms/req server', 'database'];
  const lines = rows.map((r) => [
    r.scenario,
    r.rps.toFixed(0),
    r.p50.toFixed(1),
    r.p99.toFixed(1),
    String(r.errors),
    r.bareRps === undefined ? '—' : r.bareRps.toFixed(0),
    r.bareRps ? `${((100 * r.rps) / r.bareRps).toFixed(0)}%` : '—',
    r.serverMs === undefined ? '—' : r.serverMs.toFixed(2),
    r.databaseMs === undefined ? '—' : r.databaseMs.toFixed(2),
  ]);
  // Chinese characters take two columns in a terminal.
  const width = (s: string) => [...s].reduce((n, ch) => n + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);
  const widths = head.map((h, i) => Math.max(width(h), ...lines.map((l) => width(l[i]))));
  const pad = (c: string, i: number) => (i === 0 ? c + ' '.repeat(widths[i] - width(c)) : ' '.repeat(widths[i] - width(c)) + c);
  const fmt = (cells: string[]) => `| ${cells.map(pad).join(' | ')} |`;
  console.log(`\n${label} (${os.cpus().length} CPUs, ${SECONDS} s per run, ${CONNECTIONS} connections; fixed-rate runs: 50 connections; paced: one request every 1/rate s, timed from when it was due)`);
  console.log(fmt(head));
  console.log(`|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
  for (const l of lines) console.log(fmt(l));
  const perSecond = (samples: { at: number; ms: number }[], startedAt: number) => bySecond(samples.map(({ at, ms }) => ({ at, n: ms })), startedAt).join(' ');
  for (const { scenario, disk, startedAt = 0, late = [], steal = [], helpers = [] } of rows) {
    if (!disk) continue;
    const stalls = disk.stalls.map((s) => `${s.ms} ms at ${((s.at - startedAt) / 1000).toFixed(1)} s`).join(', ');
    const afterStall = late.filter((due) => disk.stalls.some((s) => due >= s.at - LATE_MS && due <= s.at + s.ms + STALL_DRAIN_MS)).length;
    console.log(
      `Disk during "${scenario}": ${disk.flushes} flushes of 8 kB (fdatasync, every 20 ms, ${diskNote}): p50 ${disk.p50.toFixed(2)} ms, max ${disk.max.toFixed(0)} ms; ${disk.stalls.length} over ${LATE_MS} ms${stalls ? ` (${stalls} into the row)` : ''}. ` +
        `Requests over ${LATE_MS} ms: ${late.length}, ${afterStall} of them due during a disk stall or within ${STALL_DRAIN_MS / 1000} s after it` +
        (late.length ? `; by second of the row they were due in: ${bySecond(late.map((at) => ({ at, n: 1 })), startedAt).join(' ')}` : '') +
        (steal.length ? `. CPU ms the host gave other guests (steal), by second: ${perSecond(steal, startedAt)}` : '') +
        (helpers.length ? `. CPU ms of the server's threads besides its main one (V8's garbage collection helpers; on SQLite also its writer and checkpoint threads), by second: ${perSecond(helpers, startedAt)}` : ''),
    );
  }
}

// Sums per second of the row (what fell outside it left out). Late requests in one or two
// seconds are a burst (a stall, a garbage collection, the host busy elsewhere); in every second
// from some point on, a queue the server cannot drain.
function bySecond(events: { at: number; n: number }[], startedAt: number): number[] {
  const sums = Array.from({ length: SECONDS }, () => 0);
  for (const { at, n } of events) {
    const second = Math.floor((at - startedAt) / 1000);
    if (second >= 0 && second < SECONDS) sums[second] += n;
  }
  return sums;
}

// The disk's ceiling for writes: one-row commits per second on a scratch SQLite file in the same
// directory, WAL and synchronous=FULL like the server (one fsync each). A create is one commit,
// so creates per second cannot pass this on SQLite.
function sqliteCommitCeiling(dir: string): number {
  const file = path.join(dir, 'ceiling.db');
  const db = new SQLite(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('create table t (id integer primary key, v text)');
    const insert = db.prepare('insert into t (v) values (?)');
    const started = Date.now();
    let n = 0;
    while (Date.now() - started < 2000) {
      insert.run('x');
      n += 1;
    }
    return n / ((Date.now() - started) / 1000);
  } finally {
    db.close();
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  }
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mulin-bench-'));
  console.log(`Host: a fixed loop of 200 million additions took ${loopMs().toFixed(0)} ms; ${(await loopbackRoundTripsPerSecond()).toFixed(0)} loopback TCP round trips/s (one byte each way)`);
  try {
    const file = path.join(dir, 'bench.db');
    if (DB_CHOICE !== 'postgres') printTable('SQLite (WAL, synchronous=FULL)', await benchDatabase('sqlite', `file:${file}`, parseDatabaseUrl(`file:${file}`), dir));
    if (DB_CHOICE !== 'postgres') console.log(`SQLite commit ceiling on this disk: ${sqliteCommitCeiling(dir).toFixed(0)} one-row commits/s (WAL, synchronous=FULL, one fsync each)`);

    const pgUrl = benchPostgresUrl();
    if (DB_CHOICE === 'sqlite') return;
    if (!(await postgresReachable(pgUrl))) {
      console.log(`\nPostgreSQL: not reachable at ${pgUrl}; skipped (set BENCH_DATABASE_URL)`);
      return;
    }
    const schema = `bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    await pg(pgUrl, `create schema ${schema}`);
    try {
      const url = new URL(pgUrl);
      url.searchParams.set('schema', schema);
      const same = await sameDeviceAs(pgUrl, dir);
      const diskNote = same ? undefined : `in ${dir}, ${same === false ? 'not' : 'maybe not'} the disk of PostgreSQL's data`;
      printTable(`PostgreSQL via ${connectionOf(pgUrl)}`, await benchDatabase('postgres', url.toString(), parseDatabaseUrl(url.toString()), dir), diskNote);
    } finally {
      await pg(pgUrl, `drop schema if exists ${schema} cascade`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
