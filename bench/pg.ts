// One statement on a PostgreSQL server from a short-lived client: the benches make and drop their
// scratch schemas with it.
import { Client } from 'pg';

export async function pg(url: string, statement: string): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export async function postgresReachable(url: string): Promise<boolean> {
  try {
    await pg(url, 'select 1');
    return true;
  } catch {
    return false;
  }
}
