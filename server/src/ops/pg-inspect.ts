// The same questions as sqlite-inspect, asked of one PostgreSQL schema.
import type { ClientBase } from 'pg';
import { isDataTable, quoteIdent } from './identifiers';
import type { Counts } from './sqlite-inspect';

export async function pgTables(client: ClientBase, schema: string): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `select table_name as name from information_schema.tables where table_schema = $1 and table_type = 'BASE TABLE' order by table_name`,
    [schema],
  );
  return rows.map((r) => r.name);
}

export async function pgCounts(client: ClientBase, schema: string): Promise<Counts> {
  const counts: Counts = {};
  for (const table of (await pgTables(client, schema)).filter(isDataTable)) {
    const { rows } = await client.query<{ n: string }>(`select count(*) as n from ${quoteIdent(schema)}.${quoteIdent(table)}`);
    counts[table] = Number(rows[0].n);
  }
  return counts;
}

export async function pgMigrations(client: ClientBase, schema: string): Promise<string[]> {
  if (!(await pgTables(client, schema)).includes('kysely_migration')) return [];
  const { rows } = await client.query<{ name: string }>(`select name from ${quoteIdent(schema)}.kysely_migration order by name`);
  return rows.map((r) => r.name);
}

// Sessions on this database other than ours: a running server, a psql, another tool.
export async function pgOtherSessions(client: ClientBase): Promise<number> {
  const { rows } = await client.query<{ n: string }>(
    'select count(*) as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
  );
  return Number(rows[0].n);
}
