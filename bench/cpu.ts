// CPU time (user + system) of processes by /proc, so a bench row can say what one request cost
// the server and the database, independent of how busy the machine was.
import fs from 'node:fs';

const TICKS_PER_SECOND = 100;

// `pid` alone, or `${pid}/task/${tid}` for one of its threads.
function ticksOf(pid: number | string): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at ") ".
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

function processes(): { pid: number; ppid: number; comm: string }[] {
  if (!fs.existsSync('/proc/self/stat')) return [];
  return fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .flatMap((d) => {
      try {
        const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
        const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        return [{ pid: Number(d), ppid, comm }];
      } catch {
        return [];
      }
    });
}

// The process tree under `root` (tsx runs the server in a child of its own).
export function treeOf(root: number): number[] {
  const all = processes();
  const found = [root];
  for (let i = 0; i < found.length; i++) found.push(...all.filter((p) => p.ppid === found[i]).map((p) => p.pid));
  return found;
}

// Every PostgreSQL process on this machine (the bench's database is the only busy one).
export const postgresPids = () => processes().filter((p) => p.comm === 'postgres').map((p) => p.pid);

// Seconds of CPU the given processes used; pids listed by a function are re-read at the end, so
// backends started during the run count too.
export function cpuMeter(pids: () => number[]): () => number {
  const start = new Map(pids().map((pid) => [pid, ticksOf(pid)]));
  return () => pids().reduce((sum, pid) => sum + ticksOf(pid) - (start.get(pid) ?? 0), 0) / TICKS_PER_SECOND;
}

// Samples a running total every 100 ms from the call until the returned function is called: each
// sample is the growth since the one before and when it was read (wall-clock ms). Empty when
// `read` cannot read it (off Linux).
export function sampleDeltas(read: () => number | undefined): () => { at: number; ms: number }[] {
  const first = read();
  if (first === undefined) return () => [];
  let last = first;
  const samples: { at: number; ms: number }[] = [];
  const sample = () => {
    const now = read() ?? last;
    samples.push({ at: Date.now(), ms: now - last });
    last = now;
  };
  const timer = setInterval(sample, 100);
  return () => {
    clearInterval(timer);
    sample();
    return samples;
  };
}

// CPU ms of the processes' threads besides each one's main thread. In the server these are V8's
// garbage-collection helpers (no file or crypto work on the create path), where a major
// collection marks the heap and, on a 2-core machine, takes that CPU from PostgreSQL and the
// server's main thread; and on SQLite the writer and checkpoint threads.
export function offMainThreadMs(pids: number[]): number | undefined {
  if (!fs.existsSync('/proc/self/task')) return undefined;
  let ticks = 0;
  for (const pid of pids) {
    try {
      for (const tid of fs.readdirSync(`/proc/${pid}/task`)) if (Number(tid) !== pid) ticks += ticksOf(`${pid}/task/${tid}`);
    } catch {
      // The process has exited.
    }
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}
