// SQLite copies its write-ahead log back into the database file every 1,000 pages (a checkpoint),
// inside whichever commit crosses the mark: milliseconds with the event loop stopped, so every
// request waiting on it shows the stall. Here a worker thread with its own connection does it
// once a second instead, and no commit of this process ever runs one.
import { Worker } from 'node:worker_threads';

const INTERVAL_MS = 1000;

// Plain JS: the worker runs without the TypeScript loader. PASSIVE never waits for a writer.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const SQLite = require(workerData.module);
const db = new SQLite(workerData.file);
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = FULL');
const stop = () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
};
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (err) {
    // Busy or locked: another connection holds the file for now; try again next time.
    if (err && (err.code === 'SQLITE_BUSY' || err.code === 'SQLITE_LOCKED')) return;
    parentPort.postMessage(String(err));
    stop();
  }
}, workerData.intervalMs);
parentPort.once('message', stop);
`;

// The writing connection must run with wal_autocheckpoint = 0; `handBack` gives checkpoints back
// to its commits. Returns how to stop: resolves once the worker's connection is closed, so whoever
// closes the database next is its last connection (folds the log back, removes it) and a restore
// or a copy that follows never finds the file still in use.
export function startCheckpointer(file: string, handBack: () => void): () => Promise<void> {
  const worker = new Worker(WORKER, { eval: true, workerData: { file, module: require.resolve('better-sqlite3'), intervalMs: INTERVAL_MS } });
  // A worker that fails hands checkpoints back to the commits, so the log never grows unchecked.
  worker.on('message', handBack);
  worker.on('error', handBack);
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.unref();
  return () => {
    // Held again so the process waits for it: code after the close must still run.
    worker.ref();
    worker.postMessage('stop');
    return exited;
  };
}
