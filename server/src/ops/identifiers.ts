// Table and schema names come from the databases' own catalogues, but are still quoted.
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

// Kysely's bookkeeping: each database keeps its own, so it is never copied or counted as data.
export const MIGRATION_TABLES = ['kysely_migration', 'kysely_migration_lock'];

export function isDataTable(name: string): boolean {
  return !MIGRATION_TABLES.includes(name);
}
