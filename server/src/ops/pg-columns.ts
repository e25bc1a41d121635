// Column types as the migrations created them on PostgreSQL, to convert SQLite values to them.
import type { ClientBase } from 'pg';

export type ColumnTypes = Record<string, Record<string, string>>;

export async function pgColumnTypes(client: ClientBase, schema: string): Promise<ColumnTypes> {
  const { rows } = await client.query<{ table_name: string; column_name: string; data_type: string }>(
    'select table_name, column_name, data_type from information_schema.columns where table_schema = $1',
    [schema],
  );
  const types: ColumnTypes = {};
  for (const r of rows) (types[r.table_name] ??= {})[r.column_name] = r.data_type;
  return types;
}

const TIMESTAMP_TYPES = ['timestamp with time zone', 'timestamp without time zone', 'date'];

// SQLite keeps booleans as 0/1 and may keep times as epoch milliseconds; JSON is text on both.
export function toPg(value: unknown, pgType: string): unknown {
  if (value === null || value === undefined) return null;
  if (pgType === 'boolean') return typeof value === 'string' ? ['1', 't', 'true'].includes(value.toLowerCase()) : Boolean(value);
  if ((pgType === 'json' || pgType === 'jsonb') && typeof value !== 'string') return JSON.stringify(value);
  if (TIMESTAMP_TYPES.includes(pgType) && typeof value === 'number') return new Date(value).toISOString();
  if (typeof value === 'bigint') return value.toString();
  return value;
}

// serial / identity columns: the next value must come after the copied rows.
export async function fixSequences(client: ClientBase, schema: string): Promise<string[]> {
  const { rows } = await client.query<{ table_name: string; column_name: string; seq: string | null }>(
    `select table_name, column_name,
            pg_get_serial_sequence(quote_ident(table_schema) || '.' || quote_ident(table_name), column_name) as seq
       from information_schema.columns
      where table_schema = $1 and (column_default like 'nextval(%' or is_identity = 'YES')`,
    [schema],
  );
  const fixed: string[] = [];
  for (const r of rows.filter((row) => row.seq)) {
    const col = `"${r.column_name.replace(/"/g, '""')}"`;
    const table = `"${schema}"."${r.table_name.replace(/"/g, '""')}"`;
    await client.query(`select setval($1, (select coalesce(max(${col}), 0) + 1 from ${table}), false)`, [r.seq]);
    fixed.push(`${r.table_name}.${r.column_name}`);
  }
  return fixed;
}
