// CPU time (user + system) of processes by /proc, so a bench row can say what one request cost
// the server and the database, independent of how busy the machine was.
import fs from 'node:fs';

const TICKS_PER_SECOND = 100;

function ticksOf(pid: number): number {
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
