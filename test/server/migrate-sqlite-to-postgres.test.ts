// npm run migrate:sqlite-to-postgres: a township's SQLite file, filled through the API, moved into
// a fresh PostgreSQL database; an app on PostgreSQL then shows the same records and keeps
// numbering cases where SQLite stopped. A non-empty target, a table the target lacks and a row
// PostgreSQL rejects are all refused with the target left exactly as it was.
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Client } from 'pg';
import type { DatabaseConfig } from '../../server/src/config';
import { createDatabase } from '../../server/src/db/database';
import { migrateSqliteToPostgres } from '../../server/src/ops/migrate-sqlite-to-postgres';
import { sqliteTables } from '../../server/src/ops/sqlite-inspect';
import { startHarness, type Harness } from '../support/app-harness';
import { databaseUrl, testDatabases } from '../support/test-db';
import { CaseFixtures, DIBAO } from './cases-fixtures';
import { fillVillage, readVillage, type Village } from './ops-fixtures';
import { freshPostgres, runScript, tempDir, type Target } from './ops-targets';

jest.setTimeout(180_000);

const url = process.env.TEST_DATABASE_URL;

async function pgTableCount(config: DatabaseConfig): Promise<number> {
  if (config.dialect !== 'postgres') throw new Error('postgres only');
  const client = new Client({ connectionString: config.url });
  await client.connect();
  try {
    const { rows } = await client.query(`select count(*)::int as n from information_schema.tables where table_schema = $1`, [config.schema]);
    return rows[0].n;
  } finally {
    await client.end();
  }
}

describe('migrate:sqlite-to-postgres', () => {
  const sqliteDb = testDatabases().find((d) => d.dialect === 'sqlite')!;
  let h: Harness;
  let file: string;
  let village: Village;
  let seen: Awaited<ReturnType<typeof readVillage>>;
  const targets: Target[] = [];
  const fresh = async () => {
    const t = await freshPostgres(url!);
    targets.push(t);
    return t;
  };

  beforeAll(async () => {
    if (!url) {
      throw new Error('TEST_DATABASE_URL is not set: this suite migrates into PostgreSQL and cannot run without it (e.g. postgres://postgres@127.0.0.1:5432/test)');
    }
    h = await startHarness(sqliteDb);
    village = await fillVillage(h);
    seen = await readVillage(h, village);
    // The operator stops the server before migrating.
    await h.app.close();
    await h.wechat.close();
    file = (h.config.database as { file: string }).file;
  }, 120_000);
  afterAll(async () => {
    for (const t of targets) await t.drop();
    await sqliteDb.drop();
    if (h) fs.rmSync(h.config.uploadDir, { recursive: true, force: true });
  });

  it('copies every table with equal counts and checksums, and an app on PostgreSQL shows the same records and numbers on', async () => {
    const t = await fresh();
    const report = await migrateSqliteToPostgres({ from: file, to: databaseUrl(t.config) });

    const source = new SQLite(file, { readonly: true });
    const tables = sqliteTables(source).filter((n) => !n.startsWith('kysely_'));
    source.close();
    expect(report.tables.map((x) => x.table).sort()).toEqual(tables.sort());
    for (const x of report.tables) expect(x.target).toBe(x.source);
    const byName = Object.fromEntries(report.tables.map((x) => [x.table, x]));
    expect(byName.cases.source).toBe(2);
    expect(byName.case_events.source).toBeGreaterThanOrEqual(6);
    expect(byName.case_messages.source).toBe(2);
    expect(byName.ratings.source).toBe(1);
    // Counted by the cases trigger on PostgreSQL, only the n = 0 rows (every village's months
    // without a case) copied: the same rows all the same.
    expect(byName.case_month_counts).toMatchObject({ derived: true, source: byName.case_month_counts.target });
    for (const key of ['users', 'cases', 'case_events', 'case_messages', 'ratings', 'case_month_counts']) {
      expect(byName[key].checksum!.target).toBe(byName[key].checksum!.source);
    }

    const pg = await startHarness(t, { uploadDir: h.config.uploadDir });
    try {
      expect(await readVillage(pg, village)).toEqual(seen);
      const f = new CaseFixtures(pg);
      try {
        const resident = await f.resident('迁移后第一位村民');
        const next = await f.created(resident, { serviceCode: DIBAO, channel: 'online', description: '迁移后新办', materialsHave: [] });
        const numbers = seen.cases.map((c) => c.number as string);
        const seq = (n: string) => Number(n.slice(-4));
        expect(numbers).not.toContain(next.number);
        expect(seq(next.number)).toBe(Math.max(...numbers.map(seq)) + 1);
        const months = await f.db.selectFrom('case_month_counts').select((eb) => eb.fn.sum<number>('n').as('n')).executeTakeFirstOrThrow();
        expect(Number(months.n)).toBe(3);
      } finally {
        await f.close();
      }
    } finally {
      await pg.app.close();
      await pg.wechat.close();
    }

    // Run as the operator would, a second time into the now non-empty target.
    const again = await runScript('migrate-sqlite-to-postgres.ts', ['--from', file, '--to', databaseUrl(t.config)], {});
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/目标数据库不是空的[\s\S]*not empty/);
    const db = createDatabase(t.config);
    try {
      expect(Number((await db.selectFrom('cases').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(3);
    } finally {
      await db.destroy();
    }
  });

  const alteredCopy = (change: (db: SQLite.Database) => void) => {
    const dir = tempDir('mulin-migrate-src-');
    const copy = path.join(dir, 'mulin.db');
    const source = new SQLite(file, { readonly: true });
    source.prepare('vacuum into ?').run(copy);
    source.close();
    const db = new SQLite(copy);
    change(db);
    db.close();
    return { copy, done: () => fs.rmSync(dir, { recursive: true, force: true }) };
  };

  it('refuses a source table the target lacks, and leaves the target empty', async () => {
    const t = await fresh();
    const src = alteredCopy((db) => db.exec('create table stray_notes (id text primary key); insert into stray_notes values (1)'));
    try {
      await expect(migrateSqliteToPostgres({ from: src.copy, to: databaseUrl(t.config) })).rejects.toThrow(/缺少这些表[\s\S]*lacks these tables[^\n]*stray_notes/);
      expect(await pgTableCount(t.config)).toBe(0);
    } finally {
      src.done();
    }
  });

  it('rolls everything back when PostgreSQL rejects a row late in the copy', async () => {
    const t = await fresh();
    // SQLite keeps a NUL inside text; PostgreSQL refuses it, after most tables are copied.
    const src = alteredCopy((db) => db.prepare('update case_messages set body = ? where body = ?').run('收到\u0000', '收到，马上报乡镇'));
    try {
      await expect(migrateSqliteToPostgres({ from: src.copy, to: databaseUrl(t.config) })).rejects.toThrow(/0x00/);
      expect(await pgTableCount(t.config)).toBe(0);
    } finally {
      src.done();
    }
  });
});
