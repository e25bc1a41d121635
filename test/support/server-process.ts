// Starts `npm run server`'s command as its own process and waits for the URL it logs.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { failureLog } from './failure-log';

export const root = path.resolve(__dirname, '../..');

// `npm run server`'s command, V8 flags included, so tests and benchmarks run what deployments run.
const [command, ...args] = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: { server: string } }).scripts.server.split(' ');

export interface ServerProcess {
  child: ChildProcess;
  // The server's last log lines, printed by stopServer when a test of the suite failed.
  log: ReturnType<typeof failureLog>;
  ready: Promise<string>;
  exited: Promise<number | null>;
}

// `ready` resolves with the URL the server logs once it listens; rejects if it exits first.
export function startServer(env: NodeJS.ProcessEnv): ServerProcess {
  const child = spawn(path.join(root, command), args, {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  const log = failureLog('server log (last lines)');
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      // A server that dies under a test shows up as "connection refused": say why, here (137 is
      // the crash tests' own SIGKILL).
      if (!child.killed && code !== 137) console.error(`server exited (${code}); last log lines:\n${log.recent(20).join('\n')}\n${stderr.slice(-4000)}`);
      resolve(code);
    }),
  );
  child.stderr!.on('data', (d) => (stderr += d));
  const ready = new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      log.note(line);
      try {
        const entry = JSON.parse(line);
        if (typeof entry.url === 'string') resolve(entry.url);
      } catch {
        // Not a log line.
      }
    });
    void exited.then((code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
  });
  return { child, ready, exited, log };
}

export async function stopServer(server: ServerProcess): Promise<number | null> {
  await server.log.printIfFailed();
  server.child.kill('SIGTERM');
  return server.exited;
}

export interface Site {
  base: string;
  stop(): Promise<void>;
}

// The built H5 app on the real server with a fresh SQLite file: what every browser test opens.
export async function startSite(env: NodeJS.ProcessEnv = {}): Promise<Site> {
  const h5 = process.env.H5_DIR ?? path.join(root, 'dist/h5');
  if (!fs.existsSync(path.join(h5, 'index.html'))) throw new Error('dist/h5 is missing: run `npm run build:h5` (npm test does it)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mulin-site-'));
  const server = startServer({ DATABASE_URL: `file:${path.join(dir, 'mulin.db')}`, H5_DIR: h5, ...env });
  try {
    const base = await server.ready;
    return {
      base,
      stop: async () => {
        await stopServer(server);
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}
