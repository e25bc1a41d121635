// A pg "pool" that always hands out one client already inside our transaction, so Kysely's
// migrator runs its DDL in the same transaction as the data copy (PostgreSQL DDL is transactional).
import type { Client } from 'pg';
import type { PostgresPool, PostgresPoolClient } from 'kysely';

export function singleClientPool(client: Client): PostgresPool {
  const pooled = Object.assign(client, { release: () => undefined }) as unknown as PostgresPoolClient;
  return { connect: async () => pooled, end: async () => undefined };
}
