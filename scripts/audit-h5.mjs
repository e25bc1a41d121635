// `npm run audit:h5`: Lighthouse (mobile, simulated throttling) on the built H5 served by the
// real server, in Debian's Chromium. Prints performance and accessibility per page and the
// JavaScript a first visit downloads (compressed bytes on the wire).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const PAGES = [
  ['首页 home', '/#/pages/home/index'],
  ['办事 catalogue', '/#/pages/services/index'],
  ['低保 item', '/#/guide/detail/index?code=shjz-01'],
];
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

if (!fs.existsSync('dist/h5/index.html')) {
  console.error('dist/h5 is missing: run npm run build:h5 first');
  process.exit(2);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mulin-audit-'));
const server = spawn('node_modules/.bin/tsx', ['server/src/main.ts'], {
  env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATABASE_URL: `file:${path.join(dir, 'mulin.db')}`, OUTBOX_WORKER: '0' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const base = await new Promise((resolve, reject) => {
  readline.createInterface({ input: server.stdout }).on('line', (line) => {
    try {
      const entry = JSON.parse(line);
      if (typeof entry.url === 'string') resolve(entry.url);
    } catch {
      // not a log line
    }
  });
  server.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
});

const chrome = await chromeLauncher.launch({
  chromePath: CHROMIUM,
  chromeFlags: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const rows = [];
try {
  for (const [name, url] of PAGES) {
    // Lighthouse now and then fails to record the trace (NO_NAVSTART); such a run has no scores.
    let lhr;
    for (let attempt = 1; attempt <= 3; attempt++) {
      ({ lhr } = await lighthouse(`${base}${url}`, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'] }));
      if (!lhr.runtimeError) break;
      console.error(`${name}: ${lhr.runtimeError.code}, attempt ${attempt} of 3`);
    }
    const js = lhr.audits['network-requests'].details.items.filter((r) => r.resourceType === 'Script');
    rows.push({
      page: name,
      performance: Math.round(lhr.categories.performance.score * 100),
      accessibility: Math.round(lhr.categories.accessibility.score * 100),
      'FCP s': (lhr.audits['first-contentful-paint'].numericValue / 1000).toFixed(2),
      'LCP s': (lhr.audits['largest-contentful-paint'].numericValue / 1000).toFixed(2),
      'TBT ms': Math.round(lhr.audits['total-blocking-time'].numericValue),
      'JS KB (wire)': (js.reduce((n, r) => n + r.transferSize, 0) / 1024).toFixed(1),
    });
  }
} finally {
  await chrome.kill();
  server.kill('SIGTERM');
  fs.rmSync(dir, { recursive: true, force: true });
}
console.table(rows);
