// The disk's own flush times while a create row runs, in a process of its own: every 20 ms it
// writes 8 kB into a file it zero-filled first (as PostgreSQL's log and SQLite's WAL are) and
// waits for fdatasync, as each acknowledged create waits for one. A flush that stalls stalls
// every commit on the device, so the row's p99 can be read against it. Runs until stdin closes,
// then prints the figures as JSON (after a first line once it has begun).
import fs from 'node:fs';
import path from 'node:path';

const FILE_BYTES = 16 * 1024 * 1024;
const PAGE = Buffer.alloc(8192, 1);
const INTERVAL_MS = 20;

export interface DiskFlushes {
  flushes: number;
  p50: number;
  max: number;
  // Flushes slower than the stall threshold: when each started (wall-clock ms) and how long it took.
  stalls: { at: number; ms: number }[];
}

async function main(): Promise<void> {
  // argv: the directory for its file, and the ms beyond which a flush counts as a stall.
  const file = path.join(process.argv[2], `disk-probe-${process.pid}`);
  const stallMs = Number(process.argv[3]);
  const fd = fs.openSync(file, 'w');
  let running = true;
  process.stdin.on('end', () => (running = false)).resume();
  try {
    for (let i = 0; i < FILE_BYTES / (1024 * 1024); i++) fs.writeSync(fd, Buffer.alloc(1024 * 1024));
    fs.fsyncSync(fd);
    process.stdout.write('flushing\n');
    const times: number[] = [];
    const stalls: DiskFlushes['stalls'] = [];
    for (let offset = 0; running; offset = (offset + PAGE.length) % FILE_BYTES) {
      fs.writeSync(fd, PAGE, 0, PAGE.length, offset);
      const before = performance.now();
      fs.fdatasyncSync(fd);
      const ms = performance.now() - before;
      times.push(ms);
      if (ms > stallMs) stalls.push({ at: Math.round(performance.timeOrigin + before), ms: Math.round(ms) });
      await new Promise((r) => setTimeout(r, INTERVAL_MS));
    }
    times.sort((a, b) => a - b);
    const result: DiskFlushes = { flushes: times.length, p50: times[Math.floor(times.length / 2)] ?? 0, max: times.at(-1) ?? 0, stalls };
    process.stdout.write(JSON.stringify(result));
  } finally {
    fs.closeSync(fd);
    fs.rmSync(file, { force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
