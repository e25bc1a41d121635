// Whether a copy holds what the source held: exact when nothing was written during the backup,
// and for a live database at least what was there when the backup began.
import type { Counts } from './sqlite-inspect';

// Rows here come and go with traffic (a minute's rate counters, a day's idempotency keys).
const TRANSIENT_TABLES = ['rate_limits', 'idempotency_keys'];
// Never deleted from: a live copy holds at least the rows present when the backup began.
const APPEND_ONLY_TABLES = ['users', 'regions', 'cases', 'case_events', 'case_messages', 'ratings'];

export interface TableCheck {
  table: string;
  source: number;
  copy: number;
  ok: boolean;
  note?: string;
}

export function checkCounts(before: Counts, after: Counts, copy: Counts): TableCheck[] {
  const tables = [...new Set([...Object.keys(before), ...Object.keys(copy)])].sort();
  return tables.map((table): TableCheck => {
    const source = before[table] ?? 0;
    const copied = copy[table];
    if (copied === undefined) return { table, source, copy: 0, ok: false, note: '备份中没有此表 / table missing from backup' };
    if (before[table] === undefined) return { table, source, copy: copied, ok: true, note: '备份期间新建 / created during backup' };
    const changed = after[table] !== source;
    if (TRANSIENT_TABLES.includes(table)) return { table, source, copy: copied, ok: true, note: changed ? 'live' : undefined };
    if (!changed) return { table, source, copy: copied, ok: copied === source };
    if (APPEND_ONLY_TABLES.includes(table)) return { table, source, copy: copied, ok: copied >= source, note: 'live' };
    return { table, source, copy: copied, ok: true, note: 'live' };
  });
}

export function equalCounts(expected: Counts, actual: Counts): TableCheck[] {
  const tables = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  return tables.map((table) => ({
    table,
    source: expected[table] ?? 0,
    copy: actual[table] ?? 0,
    ok: expected[table] !== undefined && actual[table] === expected[table],
  }));
}
