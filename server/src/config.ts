// Reads the server's settings from the environment (DESIGN.md §7) once, at start.
import path from 'node:path';

export type DatabaseConfig =
  | { dialect: 'sqlite'; file: string }
  | { dialect: 'postgres'; url: string; schema: string };

export interface Config {
  port: number;
  host: string;
  database: DatabaseConfig;
  demo: boolean;
  devLogin: boolean;
  logLevel: string;
  h5Dir: string;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const devLogin = flag(env.MULIN_DEV_LOGIN);
  if (devLogin && env.NODE_ENV === 'production') {
    throw new Error('MULIN_DEV_LOGIN must not be set when NODE_ENV=production');
  }
  const logLevel = env.LOG_LEVEL || 'info';
  if (!LOG_LEVELS.includes(logLevel)) throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  return {
    port: parsePort(env.PORT),
    host: env.HOST || '0.0.0.0',
    database: parseDatabaseUrl(env.DATABASE_URL || 'file:./data/mulin.db'),
    demo: flag(env.MULIN_DEMO),
    devLogin,
    logLevel,
    h5Dir: path.resolve(env.H5_DIR || 'dist/h5'),
  };
}

// postgres://… selects PostgreSQL (?schema= picks the schema, default public); file:… or a
// plain path selects SQLite, resolved against the working directory.
export function parseDatabaseUrl(url: string): DatabaseConfig {
  if (/^postgres(ql)?:\/\//.test(url)) {
    const parsed = new URL(url);
    const schema = parsed.searchParams.get('schema') ?? 'public';
    parsed.searchParams.delete('schema');
    if (!/^[a-z_][a-z0-9_]*$/.test(schema)) {
      throw new Error('DATABASE_URL schema must be a lower-case SQL identifier');
    }
    return { dialect: 'postgres', url: parsed.toString(), schema };
  }
  const file = url.startsWith('file:') ? url.slice('file:'.length) : url;
  if (!file) throw new Error('DATABASE_URL names no SQLite file');
  return { dialect: 'sqlite', file: file === ':memory:' ? file : path.resolve(file) };
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return 3000;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${value}"`);
  return port;
}

function flag(value: string | undefined): boolean {
  return value === '1' || value === 'true';
}
