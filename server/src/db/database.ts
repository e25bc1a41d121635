// One Kysely for either dialect: embedded SQLite (the default) or PostgreSQL.
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresAdapter, PostgresDialect, SqliteDialect } from 'kysely';
import { Pool } from 'pg';
import type { DatabaseConfig } from '../config';
import { startCheckpointer } from './checkpointer';
import { PreparedClient } from './prepared-client';
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
  if (config.file !== ':memory:') fs.mkdirSync(path.dirname(config.file), { recursive: true });
  const sqlite = new SQLite(config.file);
  sqlite.pragma('journal_mode = WAL');
  // FULL: a booking acknowledged to a villager must survive a power cut in the village office.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // 64 MiB of page cache instead of 2: a county's cases and users are hundreds of MB, and a
  // workbench page touches rows all over them.
  sqlite.pragma('cache_size = -65536');
  cachePreparedStatements(sqlite);
  const stopCheckpointer = config.file === ':memory:' ? undefined : startCheckpointer(sqlite, config.file);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  if (stopCheckpointer) {
    const destroy = db.destroy.bind(db);
    // The checkpoint worker's connection first: this one then closes last and leaves the file free.
    db.destroy = async () => {
      await stopCheckpointer();
      await destroy();
    };
  }
  handles.set(db, sqlite);
  return db;
}

const handles = new WeakMap<Db, SQLite.Database>();

// The SQLite connection under a Db, for a read that must cost less than Kysely's queue around it;
// undefined on PostgreSQL or for a transaction.
export function sqliteHandle(db: Db): SQLite.Database | undefined {
  return handles.get(db);
}

// Kysely prepares every query afresh, which costs more than running most of ours. The statements
// are reused one at a time (Kysely's single connection is behind a mutex and only uses all/run).
const PREPARED_CACHE_SIZE = 1000;

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
