// `npm run bench:scale`: the same queries at two sizes of one county, on SQLite and (when
// reachable) PostgreSQL, through the server's own services: the cadre's queue (workbench, every
// tab), search, my cases, and the county figure (cases per village per month over a year).
// Prints each query's median time at both sizes and the ratio; indexes should keep it near 1.
// Sizes: SCALE_CASES (default 200,000 cases, 80,000 residents) and 1/100 of it, 463 villages both.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { parseDatabaseUrl, type DatabaseConfig } from '../server/src/config';
import { createDatabase, type Db } from '../server/src/db/database';
import { migrateToLatest } from '../server/src/db/migrate';
import { seedCatalogue } from '../server/src/db/seed';
import { bulkLoadSettings, generateScale, SCALE_COUNTY, type ScaleOptions } from '../server/scripts/gen-scale';
import { seedHolidays } from '../server/src/modules/calendar/holidays';
import { cstDate } from '../server/src/modules/calendar/calendar';
import { createCatalogueRepository } from '../server/src/modules/catalogue/repository';
import { createCatalogueService } from '../server/src/modules/catalogue/service';
import { createCaseService } from '../server/src/modules/cases/service';
import { createWorkbenchService } from '../server/src/modules/cases/workbench';
import type { WorkbenchTab } from '../server/src/modules/cases/schemas';

const VILLAGES = 463;
const FULL_CASES = Number(process.env.SCALE_CASES || 200_000);
const FULL_RESIDENTS = Number(process.env.SCALE_RESIDENTS || Math.round(FULL_CASES * 0.4));
const RUNS = 60;
const DEFAULT_PG = 'postgres://postgres@127.0.0.1:5432/test';

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

// The county figure: cases per village per CST month over the last twelve months, read from
// the per-month counts the database keeps (migration 0007).
async function countyFigure(db: Db, county: string, now: Date) {
  const end = cstDate(now).slice(0, 7);
  const [y, m] = end.split('-').map(Number);
  const start = `${m === 12 ? y : y - 1}-${String((m % 12) + 1).padStart(2, '0')}`;
  return db
    .selectFrom('case_month_counts')
    .select(['village_code', 'month', 'n'])
    .where('village_code', 'like', `${county}%`)
    .where('month', '>=', start)
    .where('month', '<=', end)
    .orderBy('village_code')
    .orderBy('month')
    .execute();
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
    const figure = await countyFigure(db, SCALE_COUNTY, new Date());
    console.error(`  ${label}: county figure has ${figure.length} village-months, ${figure.reduce((n, r) => n + Number(r.n), 0)} cases`);
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

async function pg(url: string, statement: string): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
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
    const url = process.env.BENCH_DATABASE_URL || DEFAULT_PG;
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
