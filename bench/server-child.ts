// The real server as a child process (`npm run server`'s command) with the pid that actually serves:
// tsx runs the server in its own child, so a SIGKILL must go to the pid in the server's log lines.
import readline from 'node:readline';
import { startServer, type ServerProcess } from '../test/support/server-process';

export interface RunningApi {
  server: ServerProcess;
  url: string;
  pid: number;
}

// Settings that keep the measured or tested path the real one without limits getting in the way.
export const UNLIMITED_ENV: NodeJS.ProcessEnv = {
  MULIN_DEMO: '1',
  MULIN_DEV_LOGIN: '1',
  AUTH_RATE_LIMIT: '1000000',
  WRITE_RATE_LIMIT: '1000000',
  WRITE_RATE_LIMIT_PER_ADDRESS: '1000000',
  // 0 switches a load-shedding threshold off: a saturated benchmark is not an overload to shed.
  LOAD_SHED_EVENT_LOOP_DELAY_MS: '0',
  LOAD_SHED_EVENT_LOOP_UTILIZATION: '0',
  LOG_LEVEL: 'warn',
};

export async function startApi(env: NodeJS.ProcessEnv): Promise<RunningApi> {
  // The ready line is logged at info; everything else at the caller's level would drown stdout.
  const server = startServer({ ...UNLIMITED_ENV, ...env, LOG_LEVEL: 'info' });
  const pid = new Promise<number>((resolve) => {
    readline.createInterface({ input: server.child.stdout! }).on('line', (line) => {
      try {
        const entry = JSON.parse(line);
        if (typeof entry.url === 'string' && typeof entry.pid === 'number') resolve(entry.pid);
      } catch {
        // Not a log line.
      }
    });
  });
  const url = await server.ready;
  return { server, url, pid: await pid };
}

export function alive(api: RunningApi): boolean {
  return api.server.child.exitCode === null && api.server.child.signalCode === null;
}

// SIGTERM reaches tsx's child through tsx; waits for the exit.
export async function stopApi(api: RunningApi): Promise<void> {
  if (alive(api)) api.server.child.kill('SIGTERM');
  await api.server.exited;
}
