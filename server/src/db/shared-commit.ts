// Write transactions that may share one commit with others (retry-safe creates use it).
import { sql } from 'kysely';
import { isPostgres, type Db } from './database';

// PostgreSQL: a transaction of its own. SQLite has one writer and each commit waits for a disk
// flush, so the writes that arrive together (by the end of this turn of the event loop, or while
// the writer is busy) share a transaction, each in its own savepoint so a failing one undoes only
// itself, and one flush; none answers before that commit.
export function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  if (isPostgres(db)) return db.transaction().execute(work);
  let queue = queues.get(db);
  if (!queue) {
    queue = [];
    queues.set(db, queue);
  }
  const jobs = queue;
  return new Promise<T>((resolve, reject) => {
    if (!jobs.length) setImmediate(() => void runQueued(db, jobs));
    jobs.push({ work, resolve: resolve as (value: unknown) => void, reject });
  });
}

interface Job {
  work: (trx: Db) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

// Jobs waiting for the next shared transaction; the first one queued schedules it.
const queues = new WeakMap<Db, Job[]>();

async function runQueued(db: Db, queue: Job[]): Promise<void> {
  let jobs: Job[] = [];
  const outcomes: { ok: boolean; value: unknown }[] = [];
  try {
    await db.transaction().execute(async (trx) => {
      // Taken once the transaction has begun: the writes that came while the writer was busy
      // (the last commit flushing) join this one.
      jobs = queue.splice(0);
      for (const job of jobs) {
        await sql`savepoint write`.execute(trx);
        try {
          outcomes.push({ ok: true, value: await job.work(trx) });
        } catch (err) {
          await sql`rollback to write`.execute(trx);
          outcomes.push({ ok: false, value: err });
        }
        await sql`release write`.execute(trx);
      }
    });
  } catch (err) {
    // Nothing of this transaction was kept: every job in it fails (all waiting, if it never began).
    for (const job of jobs.length ? jobs : queue.splice(0)) job.reject(err);
    return;
  }
  jobs.forEach((job, i) => (outcomes[i].ok ? job.resolve : job.reject)(outcomes[i].value));
}
