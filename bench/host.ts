// Two readings of the host itself, printed before the tables: the same machine size gives very
// different figures from one session's machine to the next, and these say which kind this was.
// A fixed loop measures the core; loopback round trips measure what every database round trip
// and HTTP request pays in system calls and wake-ups, which the create rows are made of.
import fs from 'node:fs';
import net from 'node:net';
import { sampleDeltas } from './cpu';

const LOOP_ITERATIONS = 200_000_000;
const ROUND_TRIPS = 5_000;

export function loopMs(): number {
  const started = performance.now();
  let x = 0;
  for (let i = 0; i < LOOP_ITERATIONS; i++) x += i % 7;
  // Kept so the loop is not optimised away.
  if (x < 0) throw new Error('unreachable');
  return performance.now() - started;
}

// One byte each way, one at a time, over TCP on 127.0.0.1 (the server and PostgreSQL both talk this way).
export async function loopbackRoundTripsPerSecond(): Promise<number> {
  const server = net.createServer((socket) => socket.on('data', (chunk) => socket.write(chunk)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  const client = net.connect(port, '127.0.0.1');
  client.setNoDelay(true);
  await new Promise<void>((resolve) => client.once('connect', resolve));
  try {
    const started = performance.now();
    for (let i = 0; i < ROUND_TRIPS; i++) {
      await new Promise<void>((resolve) => {
        client.once('data', () => resolve());
        client.write('x');
      });
    }
    return ROUND_TRIPS / ((performance.now() - started) / 1000);
  } finally {
    client.destroy();
    server.close();
  }
}

// CPU time the hypervisor gave to other guests while ours wanted it ("steal" in /proc/stat, all
// cores, ms), sampled every 100 ms from the call until the returned function is called: a burst
// of late requests with no cause in the server or the disk can have its cause here.
export function stealSampler(): () => { at: number; ms: number }[] {
  return sampleDeltas(() => {
    try {
      // cpu  user nice system idle iowait irq softirq steal …, in ticks of 10 ms.
      return Number(fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/)[8]) * 10;
    } catch {
      return undefined;
    }
  });
}
