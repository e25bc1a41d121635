// What a SQLite file holds: its tables (from sqlite_master, so tables added by any migration
// are included), their row counts, and the migrations it has run.
import type SQLite from 'better-sqlite3';
import { isDataTable, quoteIdent } from './identifiers';

export type Counts = Record<string, number>;

export function sqliteTables(db: SQLite.Database): string[] {
  const rows = db.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`).all() as { name: string }[];
  return rows.map((r) => r.name);
}

export function sqliteCounts(db: SQLite.Database): Counts {
  const counts: Counts = {};
  for (const table of sqliteTables(db).filter(isDataTable)) {
    counts[table] = (db.prepare(`select count(*) as n from ${quoteIdent(table)}`).get() as { n: number }).n;
  }
  return counts;
}

export function sqliteMigrations(db: SQLite.Database): string[] {
  if (!sqliteTables(db).includes('kysely_migration')) return [];
  return (db.prepare('select name from kysely_migration order by name').all() as { name: string }[]).map((r) => r.name);
}

export function sqliteIntegrity(db: SQLite.Database): string {
  return String(db.pragma('integrity_check', { simple: true }));
}
