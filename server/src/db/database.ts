// One Kysely for either dialect: embedded SQLite (the default) or PostgreSQL.
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresAdapter, PostgresDialect } from 'kysely';
import { Pool } from 'pg';
import type { DatabaseConfig } from '../config';
import { startCheckpointer } from './checkpointer';
import { PreparedClient } from './prepared-client';
import { splitSqliteDialect } from './sqlite-dialect';
import { PREPARED_CACHE_SIZE, SqliteWriter } from './sqlite-writer';
import type { Database } from './schema';

export type Db = Kysely<Database>;

// The few places where the two dialects part ways (one statement instead of a transaction, SQL
// only PostgreSQL has) ask this.
export function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export function createDatabase(config: DatabaseConfig): Db {
  if (config.dialect === 'postgres') {
    const pool = new Pool({
      connectionString: config.url,
      // A schema per deployment or per test suite: every unqualified name resolves there.
      options: `-c search_path=${config.schema}`,
      max: 10,
      // Connections stay open once made: a new one costs a backend process that loads its
      // catalogue caches and prepares each statement again, and ten of them at once, after a
      // quiet spell closed them (the default: after 10 s), held up a burst of creates ~1 s.
      idleTimeoutMillis: 0,
      Client: PreparedClient,
    });
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  }
  if (config.file === ':memory:') {
    // Nothing else can open it: it lives in the writer thread alone.
    const writer = new SqliteWriter(config.file, CONNECTION_PRAGMAS);
    return new Kysely<Database>({ dialect: splitSqliteDialect(undefined, writer, () => writer.close()) });
  }
  fs.mkdirSync(path.dirname(config.file), { recursive: true });
  const sqlite = new SQLite(config.file);
  // Set in the file for every connection: the writer thread opens it after.
  sqlite.pragma('journal_mode = WAL');
  for (const pragma of READER_PRAGMAS) sqlite.pragma(pragma);
  cachePreparedStatements(sqlite);
  // No commit of the writer copies the log back: the checkpoint thread does (db/checkpointer.ts).
  const writer = new SqliteWriter(config.file, [...CONNECTION_PRAGMAS, 'wal_autocheckpoint = 0']);
  const stopCheckpointer = startCheckpointer(config.file, () => writer.send([{ sql: 'pragma wal_autocheckpoint = 1000', parameters: [] }]));
  // The checkpoint thread's connection, then the writer's: this one closes last and leaves the file free.
  const close = async () => {
    await stopCheckpointer();
    await writer.close();
    sqlite.close();
  };
  const db = new Kysely<Database>({ dialect: splitSqliteDialect(sqlite, writer, close) });
  handles.set(db, sqlite);
  return db;
}

// 64 MiB of page cache instead of 2: a county's cases and users are hundreds of MB, and a
// workbench page touches rows all over them. The connection in this thread only reads.
const READER_PRAGMAS = ['busy_timeout = 5000', 'cache_size = -65536'];
// FULL: a booking acknowledged to a villager must survive a power cut in the village office.
// temp_store MEMORY keeps each savepoint's undo pages (a shared commit's job) off a temporary file.
const CONNECTION_PRAGMAS = [...READER_PRAGMAS, 'synchronous = FULL', 'foreign_keys = ON', 'temp_store = MEMORY'];

const handles = new WeakMap<Db, SQLite.Database>();

// The SQLite connection in this thread, for a read that must cost less than Kysely around it;
// undefined on PostgreSQL, in memory or for a transaction.
export function sqliteHandle(db: Db): SQLite.Database | undefined {
  return handles.get(db);
}

// Kysely prepares every query afresh, which costs more than running most of ours. A statement
// runs to its end before another starts (all/run, in this one thread), so reusing it is safe.
function cachePreparedStatements(sqlite: SQLite.Database): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, SQLite.Statement>();
  sqlite.prepare = ((source: string) => {
    let stmt = cache.get(source);
    if (stmt) return stmt;
    stmt = prepare(source);
    if (cache.size >= PREPARED_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    cache.set(source, stmt);
    return stmt;
  }) as typeof sqlite.prepare;
}
