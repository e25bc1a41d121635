// `npm run bench:county -- --db sqlite|postgres [--cases 1000000] [--residents N] [--keep]`:
// fills a fresh database with 463 villages and a year of cases (the scale generator), adds the
// figures' other sources (rectifications for bad ratings, groups, activities with check-ins, talks
// with attendance), then times the county figures for a year, a quarter and a month: 3 runs each,
// median ms. A benchmark, not a test: it prints numbers and checks only that they add up.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseDatabaseUrl, type DatabaseConfig } from '../server/src/config';
import { createDatabase, type Db } from '../server/src/db/database';
import { migrateToLatest } from '../server/src/db/migrate';
import { seedCatalogue } from '../server/src/db/seed';
import { seedGroupKinds } from '../server/src/db/seed/group-kinds';
import { bulkLoadSettings, generateScale, SCALE_COUNTY } from '../server/scripts/gen-scale';
import { seedHolidays } from '../server/src/modules/calendar/holidays';
import { computeAreaFigures, computeFigures, computeVillageFigures } from '../server/src/modules/figures/compute';
import { monthKeyOf, parsePeriod } from '../server/src/modules/figures/period';
import type { Period } from '../server/src/modules/figures/types';
import { sql } from 'kysely';
import { benchPostgresUrl, pg } from './pg';

const VILLAGES = 463;
const RUNS = 3;
const DAY = 86_400_000;

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : process.argv[i + 1];
}

// Wall time, and this process's CPU time: SQLite runs in-process, so on a shared, busy machine
// its CPU time is the steadier number (PostgreSQL's work is in the server, not counted here).
async function medianMs(work: () => Promise<unknown>): Promise<{ median: number; cpu: number; runs: number[] }> {
  const runs: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = process.hrtime.bigint();
    const c = process.cpuUsage();
    await work();
    const used = process.cpuUsage(c);
    runs.push(Number(process.hrtime.bigint() - t) / 1e6);
    cpus.push((used.user + used.system) / 1000);
  }
  const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(RUNS / 2)];
  return { median: mid(runs), cpu: mid(cpus), runs };
}

// The last full month, its quarter's last full quarter and the year with most of the data.
function periods(now: Date): Period[] {
  const lastMonth = parsePeriod(monthKeyOf(new Date(now.getTime() - 31 * DAY)));
  const [y, m] = lastMonth.key.split('-').map(Number);
  const q = Math.floor((m - 1) / 3) + 1;
  const quarter = m % 3 === 0 ? `${y}-Q${q}` : q > 1 ? `${y}-Q${q - 1}` : `${y - 1}-Q4`;
  return [parsePeriod(String(y)), parsePeriod(quarter), lastMonth];
}

// What the scale generator leaves out: rectifications for its bad ratings, a few groups per
// village with weekly activities and check-ins, monthly talks with attendance.
async function addOtherSources(db: Db, now: number): Promise<Record<string, number>> {
  const bad = await db.selectFrom('ratings as g').innerJoin('cases as c', 'c.id', 'g.case_id').select(['g.case_id', 'g.level', 'g.created_at', 'c.village_code']).where('g.level', '<=', 2).execute();
  const rects = bad.map((r, i) => ({
    id: randomUUID(),
    case_id: r.case_id,
    township_code: r.village_code.slice(0, 9),
    level: r.level,
    deadline_at: new Date(Date.parse(r.created_at) + 21 * DAY).toISOString(),
    status: i % 3 === 0 ? ('open' as const) : ('closed' as const),
    callback_note: null,
    callback_at: null,
    callback_by: null,
    closing_note: null,
    closed_at: i % 3 === 0 ? null : r.created_at,
    closed_by: null,
    created_at: r.created_at,
  }));
  for (let i = 0; i < rects.length; i += 2000) await db.insertInto('rectifications').values(rects.slice(i, i + 2000)).execute();

  const kind = (await db.selectFrom('group_kinds').select('code').orderBy('sort').executeTakeFirstOrThrow()).code;
  const villages = await db.selectFrom('regions').select('code').where('level', '=', 'village').where('code', 'like', `${SCALE_COUNTY}%`).execute();
  const people = new Map<string, string[]>();
  for (const v of villages) {
    const rows = await db.selectFrom('users').select('id').where('village_code', '=', v.code).where('role', '=', 'resident').limit(12).execute();
    people.set(v.code, rows.map((r) => r.id));
  }
  const at = new Date(now).toISOString();
  const groups: { id: string; village: string; leader: string }[] = [];
  const activities: object[] = [];
  const signups: object[] = [];
  const talks: object[] = [];
  const talkSignups: object[] = [];
  villages.forEach((v, vi) => {
    const ids = people.get(v.code) ?? [];
    if (!ids.length) return;
    for (let g = 0; g < 2; g++) groups.push({ id: randomUUID(), village: v.code, leader: ids[0] });
    // A talk a month, a third of the village's sampled residents attending.
    for (let m = 0; m < 12; m++) {
      const id = randomUUID();
      talks.push({ id, village_code: v.code, kind: 'secretary_talk', topic: '龙门阵', topic_status: 'approved', starts_at: new Date(now - (m * 30 + (vi % 20)) * DAY).toISOString(), place: '睦邻客厅', capacity: 50, summary: null, summary_status: null, summary_by: null, created_by: ids[0], created_at: at, updated_at: at });
      ids.forEach((u, k) => talkSignups.push({ talk_id: id, user_id: u, kind: 'signed_up', attended: k % 3 === 0 ? 1 : 0, created_at: at }));
    }
  });
  for (let i = 0; i < groups.length; i += 2000) {
    await db
      .insertInto('groups')
      .values(groups.slice(i, i + 2000).map((g, k) => ({ id: g.id, kind, name: `微家${i + k}`, scope_code: g.village, township_code: g.village.slice(0, 9), leader_id: g.leader, join_policy: 'open', member_cap: null, description: '', room_village_code: null, room_id: null, review_status: 'approved', created_by: g.leader, created_at: at, updated_at: at })))
      .execute();
  }
  // Every other week per group, eight sign-ups, most checked in.
  groups.forEach((g, gi) => {
    const ids = people.get(g.village)!;
    for (let w = 0; w < 26; w++) {
      const id = randomUUID();
      const starts = new Date(now - (w * 14 + (gi % 14)) * DAY).toISOString();
      activities.push({ id, group_id: g.id, title: '活动', starts_at: starts, ends_at: starts, place: '睦邻客厅', capacity: 20, bring: null, open_to_all: 1, volunteer_hours: null, review_status: 'approved', created_by: g.leader, created_at: at, updated_at: at });
      ids.slice(0, 8).forEach((u, k) => signups.push({ id: randomUUID(), activity_id: id, user_id: u, status: 'signed_up', wait_seq: null, checkin_code: String(k), checked_in_at: k < 6 ? starts : null, checked_in_by: null, hours: null, reminded_at: null, created_at: at, updated_at: at }));
    }
  });
  const insert = async (table: 'activities' | 'activity_signups' | 'talks' | 'talk_signups', rows: object[]) => {
    for (let i = 0; i < rows.length; i += 1000) await db.insertInto(table).values(rows.slice(i, i + 1000) as never).execute();
  };
  await insert('activities', activities);
  await insert('activity_signups', signups);
  await insert('talks', talks);
  await insert('talk_signups', talkSignups);
  await sql`analyze`.execute(db);
  return { rectifications: rects.length, groups: groups.length, activities: activities.length, checkIns: signups.length, talks: talks.length };
}

async function run(database: DatabaseConfig, cases: number, residents: number): Promise<void> {
  const db = createDatabase(database);
  try {
    await bulkLoadSettings(db, database.dialect);
    await migrateToLatest(db, database);
    await seedCatalogue(db);
    await seedHolidays(db);
    await seedGroupKinds(db);
    let started = Date.now();
    const made = await generateScale(db, { villages: VILLAGES, residents, cases, log: (line) => console.error(`  ${line}`) });
    const extra = await addOtherSources(db, Date.now());
    console.log(`${database.dialect}: generated ${made.cases} cases (${made.ratings} ratings, ${made.events} events), ${JSON.stringify(extra)} in ${((Date.now() - started) / 1000).toFixed(0)} s`);

    console.log(`\n${database.dialect}, ${VILLAGES} villages, ${made.cases} cases over the last 365 days: median of ${RUNS} runs, ms`);
    console.log('| period | computeVillageFigures (463 rows) | + township and county rows (the /figures answer) | process CPU ms of the latter | cases in period |');
    console.log('|---|---:|---:|---:|---:|');
    for (const period of periods(new Date())) {
      const villages = await medianMs(() => computeVillageFigures(db, period, {}));
      const all = await medianMs(() => computeFigures(db, period, {}));
      const rows = await computeVillageFigures(db, period, {});
      const [county] = await computeAreaFigures(db, period, 'county', {});
      const sum = rows.reduce((n, r) => n + r.cases, 0);
      if (rows.length !== VILLAGES || sum !== county.cases) throw new Error(`figures do not add up: ${rows.length} rows, ${sum} vs ${county.cases} cases`);
      console.log(`| ${period.key} | ${villages.median.toFixed(0)} | ${all.median.toFixed(0)} | ${all.cpu.toFixed(0)} | ${county.cases} |`);
      console.error(`  ${period.key}: village runs ${villages.runs.map((r) => r.toFixed(0)).join(', ')}; all runs ${all.runs.map((r) => r.toFixed(0)).join(', ')}; county median accept ${county.medianAcceptMinutes} min, on time ${county.onTimeShare?.toFixed(3)}`);
    }
  } finally {
    await db.destroy();
  }
}

async function main(): Promise<void> {
  const dialect = option('db') ?? 'sqlite';
  const cases = Number(option('cases') ?? 1_000_000);
  const residents = Number(option('residents') ?? Math.max(VILLAGES * 20, Math.round(cases / 5)));
  const keep = process.argv.includes('--keep');
  if (!Number.isInteger(cases) || cases < 1 || !Number.isInteger(residents) || residents < 1) throw new Error('--cases and --residents need positive whole numbers');
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mulin-county-'));
    try {
      await run(parseDatabaseUrl(`file:${path.join(dir, 'county.db')}`), cases, residents);
    } finally {
      if (keep) console.error(`kept ${dir}`);
      else fs.rmSync(dir, { recursive: true, force: true });
    }
  } else if (dialect === 'postgres') {
    const url = benchPostgresUrl();
    const schema = `county_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    await pg(url, `create schema ${schema}`);
    try {
      const u = new URL(url);
      u.searchParams.set('schema', schema);
      await run(parseDatabaseUrl(u.toString()), cases, residents);
    } finally {
      if (keep) console.error(`kept schema ${schema}`);
      else await pg(url, `drop schema if exists ${schema} cascade`);
    }
  } else {
    throw new Error('--db must be sqlite or postgres');
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
