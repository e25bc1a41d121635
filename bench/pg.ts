// One statement on a PostgreSQL server from a short-lived client: the benches make and drop their
// scratch schemas with it, and ask where its data lives.
import fs from 'node:fs';
import { Client } from 'pg';

export async function pg(url: string, statement: string): Promise<Record<string, unknown>[]> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  await client.connect();
  try {
    return (await client.query(statement)).rows;
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

// PostgreSQL on the same machine is reached through its Unix socket when there is one, as a
// township server would be (about a tenth less CPU per create than TCP loopback, server and
// database together); BENCH_DATABASE_URL picks any other.
const SOCKET_DIR = '/var/run/postgresql';
export function benchPostgresUrl(): string {
  if (process.env.BENCH_DATABASE_URL) return process.env.BENCH_DATABASE_URL;
  return fs.existsSync(`${SOCKET_DIR}/.s.PGSQL.5432`) ? `postgres://postgres@localhost/test?host=${SOCKET_DIR}` : 'postgres://postgres@127.0.0.1:5432/test';
}

// How the bench reached the database, for its table's heading.
export function connectionOf(url: string): string {
  const parsed = new URL(url);
  const host = parsed.searchParams.get('host') ?? parsed.hostname;
  return host.startsWith('/') ? `Unix socket ${host}` : `TCP ${parsed.host}`;
}

// Whether the server keeps its data on the same device as `dir` (undefined when it will not say:
// reading data_directory takes a superuser).
export async function sameDeviceAs(url: string, dir: string): Promise<boolean | undefined> {
  try {
    const [row] = await pg(url, 'show data_directory');
    return fs.statSync(String(row.data_directory)).dev === fs.statSync(dir).dev;
  } catch {
    return undefined;
  }
}
