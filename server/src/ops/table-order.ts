// Copy order from the source's own foreign keys: a referenced table before the tables that
// reference it, and within a self-referencing table (regions) a parent row before its children.
import type SQLite from 'better-sqlite3';
import { OpsError } from './errors';

interface ForeignKey {
  table: string;
  from: string;
  to: string | null;
}

export function foreignKeys(db: SQLite.Database, table: string): ForeignKey[] {
  return db.prepare(`select "table", "from", "to" from pragma_foreign_key_list(?)`).all(table) as ForeignKey[];
}

export function dependencyOrder(db: SQLite.Database, tables: string[]): string[] {
  const deps = new Map(tables.map((t) => [t, new Set(foreignKeys(db, t).map((fk) => fk.table).filter((p) => p !== t && tables.includes(p)))]));
  const order: string[] = [];
  const done = new Set<string>();
  while (order.length < tables.length) {
    const ready = tables.filter((t) => !done.has(t) && [...deps.get(t)!].every((p) => done.has(p)));
    if (!ready.length) {
      const stuck = tables.filter((t) => !done.has(t));
      throw new OpsError(`外键循环，无法确定复制顺序：${stuck.join(', ')}`, `foreign keys form a cycle, no copy order: ${stuck.join(', ')}`);
    }
    for (const t of ready) {
      done.add(t);
      order.push(t);
    }
  }
  return order;
}

// Rows as arrays in `columns` order; parents first for every self-reference of the table.
export function parentsFirst(rows: unknown[][], columns: string[], selfKeys: ForeignKey[]): unknown[][] {
  if (!selfKeys.length) return rows;
  const links = selfKeys.map((fk) => ({ from: columns.indexOf(fk.from), to: columns.indexOf(fk.to ?? 'rowid') }));
  const byKey = links.map((l) => new Map(rows.map((r) => [r[l.to], r])));
  const emitted = new Set<unknown[]>();
  const visiting = new Set<unknown[]>();
  const out: unknown[][] = [];
  const visit = (row: unknown[]) => {
    if (emitted.has(row) || visiting.has(row)) return;
    visiting.add(row);
    links.forEach((l, i) => {
      const parent = row[l.from] === null ? undefined : byKey[i].get(row[l.from]);
      if (parent && parent !== row) visit(parent);
    });
    visiting.delete(row);
    emitted.add(row);
    out.push(row);
  };
  rows.forEach(visit);
  return out;
}
