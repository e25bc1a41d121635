// `npm run bench:scale`: the same queries at two sizes of one county, on SQLite and (when
// reachable) PostgreSQL, through the server's own services: the cadre's queue (workbench, every
// tab), search, my cases, and the county figure (cases per village per month over a year).
// Prints each query's median time at both sizes and the ratio; indexes should keep it near 1.
// Sizes: SCALE_CASES (default 200,000 cases, 80,000 residents) and 1/100 of it, 463 villages both.
// Both sizes get the same current queue in the measured village (a full page in every tab), so
// the ratio compares equal answers and shows only what the larger history costs.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PostgresAdapter, sql } from 'kysely';
import { parseDatabaseUrl, type DatabaseConfig } from '../server/src/config';
import { createDatabase, type Db } from '../server/src/db/database';
import type { CaseTable } from '../server/src/db/schema';
import { migrateToLatest } from '../server/src/db/migrate';
import { seedCatalogue } from '../server/src/db/seed';
import { bulkLoadSettings, generateScale, SCALE_COUNTY, type ScaleOptions } from '../server/scripts/gen-scale';
import { seedHolidays } from '../server/src/modules/calendar/holidays';
import { cstDate } from '../server/src/modules/calendar/calendar';
import { createCatalogueRepository } from '../server/src/modules/catalogue/repository';
import { createCatalogueService } from '../server/src/modules/catalogue/service';
import { createCaseService } from '../server/src/modules/cases/service';
import { createWorkbenchService } from '../server/src/modules/cases/workbench';
import { lastMonths } from '../server/src/modules/figures/period';
import type { WorkbenchTab } from '../server/src/modules/cases/schemas';
import { benchPostgresUrl, pg } from './pg';

const VILLAGES = 463;
const FULL_CASES = Number(process.env.SCALE_CASES || 200_000);
const FULL_RESIDENTS = Number(process.env.SCALE_RESIDENTS || Math.round(FULL_CASES * 0.4));
const RUNS = 60;
// Open cases per workbench tab in the measured village, at both sizes: more than one page (20).
const QUEUE = 21;

type Timings = Record<string, number>;

async function median(runs: number, work: (i: number) => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 5; i++) await work(i);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    await work(i);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

// The county figure: cases per CST month over the last twelve months for every village of the
// county (zeros included), as a console table shows it, from the per-month counts the database
// keeps (migration 0007). Each village's months come packed in one row: 463 rows at any size.
async function countyFigure(db: Db, county: string, now: Date): Promise<Map<string, number[]>> {
  const months = lastMonths(12, now).map((p) => p.key);
  const column = new Map(months.map((m, i) => [m, i]));
  // Codes under the county sort between it and the next code (a range, which an index can use).
  const next = String(Number(county) + 1);
  const packed = db.getExecutor().adapter instanceof PostgresAdapter ? sql<string>`string_agg(month || ':' || n, ',')` : sql<string>`group_concat(month || ':' || n)`;
  const [villages, counts] = await Promise.all([
    db.selectFrom('regions').select(['code', 'name']).where('level', '=', 'village').where('code', '>', county).where('code', '<', next).orderBy('code').execute(),
    db
      .selectFrom('case_month_counts')
      .select(['village_code', packed.as('months')])
      .where('village_code', '>', county)
      .where('village_code', '<', next)
      .where('month', '>=', months[0])
      .where('month', '<=', months[months.length - 1])
      .groupBy('village_code')
      .execute(),
  ]);
  const figure = new Map(villages.map((v) => [v.code, months.map(() => 0)]));
  for (const row of counts) {
    const cells = figure.get(row.village_code);
    if (!cells) continue;
    for (const cell of row.months.split(',')) {
      const [month, n] = cell.split(':');
      cells[column.get(month)!] = Number(n);
    }
  }
  return figure;
}

// The same open queue in `village` at every size: a full page (and one more) in each workbench
// tab, including every cadre's own 我的 tab.
async function addCurrentQueue(db: Db, village: string, cadres: { id: string }[], now: Date): Promise<void> {
  const residents = await db.selectFrom('users').select('id').where('village_code', '=', village).where('role', '=', 'resident').limit(QUEUE).execute();
  const service = await db.selectFrom('services').select(['code', 'promised_days']).orderBy('code').executeTakeFirstOrThrow();
  const day = cstDate(now).replace(/-/g, '');
  const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000).toISOString();
  const hoursAhead = (h: number) => new Date(now.getTime() + h * 3_600_000).toISOString();
  const rows: CaseTable[] = [];
  const add = (status: string, i: number, assignee: string | null) => {
    const n = rows.length;
    const accepted = status !== 'submitted';
    rows.push({
      id: randomUUID(),
      number: `YC-${day}-${90_000 + n}`,
      service_code: service.code,
      channel: 'online',
      resident_id: residents[n % residents.length].id,
      village_code: village,
      status,
      handover: null,
      home_visit_reason: null,
      slot_date: null,
      slot_half: null,
      description: '想问一下这个事怎么办',
      materials_checked: '[]',
      assignee_id: assignee,
      accepted_at: accepted ? hoursAgo(i + 2) : null,
      due_at: accepted ? hoursAhead(24 * service.promised_days - i) : null,
      closed_at: status === 'completed' ? hoursAgo(i) : null,
      result_note: status === 'completed' ? '已办结' : null,
      reject_reason: null,
      reject_referral: null,
      created_at: hoursAgo(i + 3),
      updated_at: hoursAgo(i),
    });
  };
  for (let i = 0; i < QUEUE; i++) {
    add('submitted', i, null);
    add('awaiting_resident', i, cadres[i % cadres.length].id);
    add('completed', i, cadres[i % cadres.length].id);
    for (const cadre of cadres) add(i % 2 ? 'accepted' : 'in_progress', i, cadre.id);
  }
  await db.insertInto('cases').values(rows).execute();
}

async function measure(database: DatabaseConfig, options: ScaleOptions, label: string): Promise<Timings> {
  const db = createDatabase(database);
  try {
    await bulkLoadSettings(db, database.dialect);
    await migrateToLatest(db, database);
    await seedCatalogue(db);
    await seedHolidays(db);
    const started = Date.now();
    const made = await generateScale(db, options);
    console.error(`  ${label}: generated ${made.cases} cases, ${made.events} events, ${made.residents} residents in ${((Date.now() - started) / 1000).toFixed(0)} s`);

    // The busiest village's cadres and the residents with the most cases: the worst cases.
    const busiest = await db.selectFrom('cases').select(['village_code', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('village_code').orderBy('n', 'desc').limit(1).executeTakeFirstOrThrow();
    const cadres = await db.selectFrom('users').selectAll().where('role', '=', 'cadre').where('scope_code', '=', busiest.village_code).execute();
    await addCurrentQueue(db, busiest.village_code, cadres, new Date());
    const heavy = await db.selectFrom('cases').select(['resident_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('resident_id').orderBy('n', 'desc').limit(10).execute();
    const residents = await db.selectFrom('users').selectAll().where('id', 'in', heavy.map((h) => h.resident_id)).execute();

    const workbench = createWorkbenchService({ db });
    const catalogue = createCatalogueService(createCatalogueRepository(db));
    const cases = createCaseService({ db });
    const timings: Timings = {};
    for (const tab of ['pending', 'mine', 'awaiting', 'done'] as WorkbenchTab[]) {
      timings[`workbench ${tab}`] = await median(RUNS, (i) => workbench.get(cadres[i % cadres.length], { tab }));
    }
    timings['search 低保'] = await median(RUNS, () => catalogue.listServices({ q: '低保' }));
    timings['search dibao'] = await median(RUNS, () => catalogue.listServices({ q: 'dibao' }));
    timings['my cases'] = await median(RUNS, (i) => cases.listMine(residents[i % residents.length], {}));
    timings['county figure'] = await median(RUNS, () => countyFigure(db, SCALE_COUNTY, new Date()));
    const figure = [...(await countyFigure(db, SCALE_COUNTY, new Date())).values()];
    console.error(`  ${label}: county figure has ${figure.length} villages × 12 months, ${figure.flat().reduce((a, b) => a + b, 0)} cases`);
    return timings;
  } finally {
    await db.destroy();
  }
}

function print(label: string, sizes: [string, string], small: Timings, full: Timings): void {
  console.log(`\n${label}: median of ${RUNS} runs, ms`);
  console.log(`| query | ${sizes[0]} | ${sizes[1]} | ratio |`);
  console.log('|---|---:|---:|---:|');
  for (const q of Object.keys(full)) console.log(`| ${q} | ${small[q].toFixed(2)} | ${full[q].toFixed(2)} | ${(full[q] / small[q]).toFixed(2)} |`);
}

async function main(): Promise<void> {
  const full: ScaleOptions = { villages: VILLAGES, residents: FULL_RESIDENTS, cases: FULL_CASES };
  const small: ScaleOptions = { villages: VILLAGES, residents: Math.max(VILLAGES, Math.round(FULL_RESIDENTS / 100)), cases: Math.round(FULL_CASES / 100) };
  const sizes: [string, string] = [`${small.cases} cases`, `${full.cases} cases`];
  const dialects = (process.env.SCALE_DIALECTS || 'sqlite,postgres').split(',');

  if (dialects.includes('sqlite')) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mulin-scale-'));
    try {
      const a = await measure(parseDatabaseUrl(`file:${path.join(dir, 'small.db')}`), small, 'sqlite small');
      const b = await measure(parseDatabaseUrl(`file:${path.join(dir, 'full.db')}`), full, 'sqlite full');
      print('SQLite', sizes, a, b);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  if (dialects.includes('postgres')) {
    const url = benchPostgresUrl();
    try {
      await pg(url, 'select 1');
    } catch {
      console.log(`\nPostgreSQL: not reachable at ${url}; skipped`);
      return;
    }
    const results: Timings[] = [];
    for (const [size, name] of [
      [small, 'small'],
      [full, 'full'],
    ] as const) {
      const schema = `scale_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
      await pg(url, `create schema ${schema}`);
      try {
        const u = new URL(url);
        u.searchParams.set('schema', schema);
        const database = parseDatabaseUrl(u.toString());
        results.push(await measure(database, size, `postgres ${name}`));
      } finally {
        await pg(url, `drop schema if exists ${schema} cascade`);
      }
    }
    print('PostgreSQL', sizes, results[0], results[1]);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
