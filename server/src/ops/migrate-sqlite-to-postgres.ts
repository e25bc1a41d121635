// `npm run migrate:sqlite-to-postgres`: moves a township's SQLite file into an empty PostgreSQL
// database. Schema, data and checks all run in ONE PostgreSQL transaction: on any error the
// target is left exactly as it was.
import fs from 'node:fs';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect } from 'kysely';
import { Client } from 'pg';
import { parseDatabaseUrl } from '../config';
import { migrations } from '../db/migrations';
import { tableChecksum } from './checksum';
import { OpsError } from './errors';
import { isDataTable, quoteIdent } from './identifiers';
import { fixSequences, pgColumnTypes, toPg, type ColumnTypes } from './pg-columns';
import { pgCounts, pgTables } from './pg-inspect';
import { singleClientPool } from './single-client-pool';
import { sqliteCounts, sqliteMigrations, sqliteTables } from './sqlite-inspect';
import { dependencyOrder, foreignKeys, parentsFirst } from './table-order';

// Filled on PostgreSQL by a trigger as `cases` rows arrive (migration 0007): copying them too
// would double every count. They are checked against the source instead (see copyZeroCounts).
export const DERIVED_TABLES: Record<string, string> = { case_month_counts: 'cases' };
// Compared row by row (by checksum) besides the counts every table gets.
const CHECKSUM_TABLES = ['users', 'cases', 'case_events', 'case_messages', 'ratings', 'case_counters', 'case_month_counts'];
// PostgreSQL takes at most 65535 parameters in one statement.
const MAX_PARAMS = 60_000;
const MAX_BATCH_ROWS = 1_000;

export interface MigratedTable {
  table: string;
  source: number;
  target: number;
  derived: boolean;
  checksum?: { source: string; target: string };
}

export interface MigrateReport {
  from: string;
  schema: string;
  tables: MigratedTable[];
  rows: number;
  sequences: string[];
  seconds: number;
}

export async function migrateSqliteToPostgres(options: { from: string; to: string; log?: (line: string) => void }): Promise<MigrateReport> {
  const started = performance.now();
  const log = options.log ?? (() => undefined);
  const target = parseDatabaseUrl(options.to);
  if (target.dialect !== 'postgres') throw new OpsError('--to 必须是 postgres:// 地址', '--to must be a postgres:// URL');
  if (!fs.existsSync(options.from)) throw new OpsError(`找不到 SQLite 文件 ${options.from}`, `SQLite file not found: ${options.from}`);

  const source = new SQLite(options.from, { readonly: true, fileMustExist: true });
  const client = new Client({ connectionString: target.url });
  await client.connect();
  try {
    // One read transaction: every table is read from the same moment.
    source.exec('begin');
    const known = Object.keys(migrations).sort();
    const sourceMigrations = sqliteMigrations(source);
    const behind = known.filter((m) => !sourceMigrations.includes(m));
    const ahead = sourceMigrations.filter((m) => !known.includes(m));
    if (behind.length || ahead.length) {
      throw new OpsError(
        behind.length
          ? `SQLite 文件还没有运行这些迁移：${behind.join(', ')}。请先用本版本启动一次服务器再迁移`
          : `SQLite 文件有本程序不认识的迁移：${ahead.join(', ')}。请使用与它相同或更新版本的程序`,
        behind.length
          ? `the SQLite file has not run these migrations: ${behind.join(', ')}; start this version of the server on it once, then migrate`
          : `the SQLite file has migrations this code does not know: ${ahead.join(', ')}; use the version that wrote it or newer`,
      );
    }
    const tables = sqliteTables(source).filter(isDataTable);
    const sourceCounts = sqliteCounts(source);

    await client.query('begin');
    try {
      const report = await copyAll(source, client, target.schema, tables, sourceCounts, log);
      await client.query('commit');
      return { ...report, from: options.from, schema: target.schema, seconds: (performance.now() - started) / 1000 };
    } catch (err) {
      // A broken connection rolls back by itself; the first error is the one to report.
      await client.query('rollback').catch(() => undefined);
      throw err;
    }
  } finally {
    source.close();
    await client.end();
  }
}

async function copyAll(
  source: SQLite.Database,
  client: Client,
  schema: string,
  tables: string[],
  sourceCounts: Record<string, number>,
  log: (line: string) => void,
): Promise<Omit<MigrateReport, 'from' | 'schema' | 'seconds'>> {
  await client.query(`create schema if not exists ${quoteIdent(schema)}`);
  await client.query(`set local search_path to ${quoteIdent(schema)}`);
  // Waits for, then keeps out, a second migrate or a server starting on this database meanwhile.
  await client.query(`select pg_advisory_xact_lock(hashtext('mulin-migrate:' || $1))`, [schema]);
  const existing = await pgCounts(client, schema);
  const nonEmpty = Object.entries(existing).filter(([, n]) => n > 0);
  if (nonEmpty.length) {
    throw new OpsError(
      `目标数据库不是空的（${nonEmpty.map(([t, n]) => `${t} ${n} 行`).join('，')}）：请换一个新建的空数据库，未做任何改动`,
      `the target database is not empty (${nonEmpty.map(([t, n]) => `${t}: ${n} rows`).join(', ')}): use a new, empty database; nothing was changed`,
    );
  }

  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: singleClientPool(client) }) });
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableSchema: schema,
    // Our transaction is the transaction.
    disableTransactions: true,
  });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
  log(`已在目标建好表结构 schema created in "${schema}"`);

  const present = await pgTables(client, schema);
  const missing = tables.filter((t) => !present.includes(t));
  if (missing.length) {
    throw new OpsError(`目标数据库缺少这些表：${missing.join(', ')}`, `the target lacks these tables after migrating: ${missing.join(', ')}`);
  }
  const types = await pgColumnTypes(client, schema);
  // Rows a migration itself inserts (catalogue_version's one row): the source's rows replace them.
  const seeded = Object.entries(await pgCounts(client, schema)).filter(([, n]) => n > 0).map(([t]) => t);

  const copied = tables.filter((t) => !(t in DERIVED_TABLES));
  for (const table of dependencyOrder(source, copied)) {
    const n = await copyTable(source, client, schema, table, types, seeded.includes(table));
    if (n) log(`  ${table}: ${n}`);
  }
  // Deferred triggers (the per-month case count since 0011) would fire only at commit: fire them
  // now, so the checks below see the derived rows and a mismatch still rolls everything back.
  await client.query('set constraints all immediate');
  const zeros = await copyZeroCounts(source, client, schema);
  if (zeros) log(`  case_month_counts (n = 0): ${zeros}`);
  const sequences = await fixSequences(client, schema);

  const targetCounts = await pgCounts(client, schema);
  const result: MigratedTable[] = [];
  const problems: string[] = [];
  for (const table of tables) {
    const row: MigratedTable = { table, source: sourceCounts[table], target: targetCounts[table] ?? 0, derived: table in DERIVED_TABLES };
    if (row.source !== row.target) problems.push(`${table}: ${row.source} → ${row.target}`);
    if (CHECKSUM_TABLES.includes(table)) {
      row.checksum = {
        source: tableChecksum(source.prepare(`select * from ${quoteIdent(table)}`).all() as Record<string, unknown>[], types[table]),
        target: tableChecksum((await client.query(`select * from ${quoteIdent(schema)}.${quoteIdent(table)}`)).rows, types[table]),
      };
      if (row.checksum.source !== row.checksum.target) problems.push(`${table}: checksum ${row.checksum.source} ≠ ${row.checksum.target}`);
    }
    result.push(row);
  }
  if (problems.length) {
    throw new OpsError(`迁移校验失败，已全部撤销：${problems.join('；')}`, `verification failed, everything rolled back: ${problems.join('; ')}`);
  }
  return { tables: result, rows: result.reduce((a, t) => a + t.target, 0), sequences };
}

// The village-months with no case yet (kept so the county figure reads as many rows at any size)
// come from no trigger: copied as they are. A zero row where the source does have cases keeps
// the trigger's count, and the checksum below reports the difference.
async function copyZeroCounts(source: SQLite.Database, client: Client, schema: string): Promise<number> {
  const rows = source.prepare(`select village_code, month from case_month_counts where n = 0`).raw().all() as [string, string][];
  for (let i = 0; i < rows.length; i += MAX_BATCH_ROWS) {
    const params: string[] = [];
    const tuples = rows.slice(i, i + MAX_BATCH_ROWS).map(([village, month]) => `($${params.push(village)}, $${params.push(month)}, 0)`);
    await client.query(`insert into ${quoteIdent(schema)}.case_month_counts (village_code, month, n) values ${tuples.join(', ')} on conflict (village_code, month) do nothing`, params);
  }
  return rows.length;
}

async function copyTable(
  source: SQLite.Database,
  client: Client,
  schema: string,
  table: string,
  types: ColumnTypes,
  seeded: boolean,
): Promise<number> {
  const columns = (source.prepare(`select name from pragma_table_info(?) order by cid`).all(table) as { name: string }[]).map((c) => c.name);
  const targetTypes = types[table];
  const unknown = columns.filter((c) => !(c in targetTypes));
  if (unknown.length) {
    throw new OpsError(`目标表 ${table} 缺少列：${unknown.join(', ')}`, `target table ${table} lacks columns: ${unknown.join(', ')}`);
  }
  if (seeded) await client.query(`delete from ${quoteIdent(schema)}.${quoteIdent(table)}`);
  // A trigger on an earlier table filled this one: copying would double it.
  const before = await client.query<{ n: string }>(`select count(*) as n from ${quoteIdent(schema)}.${quoteIdent(table)}`);
  if (Number(before.rows[0].n) > 0) {
    throw new OpsError(
      `表 ${table} 在复制前已被触发器填入数据：需要把它加入 DERIVED_TABLES`,
      `table ${table} was filled by a trigger before its copy: add it to DERIVED_TABLES in server/src/ops/migrate-sqlite-to-postgres.ts`,
    );
  }
  const select = source.prepare(`select ${columns.map(quoteIdent).join(', ')} from ${quoteIdent(table)}`).raw();
  const selfKeys = foreignKeys(source, table).filter((fk) => fk.table === table);
  const rows: Iterable<unknown[]> = selfKeys.length ? parentsFirst(select.all() as unknown[][], columns, selfKeys) : (select.iterate() as Iterable<unknown[]>);
  const batchRows = Math.max(1, Math.min(MAX_BATCH_ROWS, Math.floor(MAX_PARAMS / columns.length)));
  const head = `insert into ${quoteIdent(schema)}.${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')}) values `;
  const pgTypes = columns.map((c) => targetTypes[c]);
  let batch: unknown[][] = [];
  let total = 0;
  const flush = async () => {
    if (!batch.length) return;
    const params: unknown[] = [];
    const tuples = batch.map((row) => `(${row.map((v, i) => `$${params.push(toPg(v, pgTypes[i]))}`).join(', ')})`);
    await client.query(head + tuples.join(', '), params);
    total += batch.length;
    batch = [];
  };
  for (const row of rows) {
    batch.push(row);
    if (batch.length >= batchRows) await flush();
  }
  await flush();
  return total;
}
