// `npm start`: the whole thing on the embedded default — builds the H5 app when the source is
// newer than the build, then runs the API server (SQLite in ./data, demo data) serving it.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

function newest(dir) {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return latest;
}

const built = 'dist/h5/index.html';
const stale = !fs.existsSync(built) || Math.max(newest('src'), newest('config')) > fs.statSync(built).mtimeMs;
if (stale) {
  console.log('正在构建 H5 页面（约半分钟）…');
  const r = spawnSync('node_modules/.bin/taro', ['build', '--type', 'h5'], {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// `npm run server`'s command (with its V8 flags), read from package.json.
const [command, ...args] = JSON.parse(fs.readFileSync('package.json', 'utf8')).scripts.server.split(' ');
const server = spawn(command, args, {
  stdio: 'inherit',
  env: { MULIN_DEMO: '1', MULIN_DEV_LOGIN: '1', ...process.env },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
