// `npm test`: type-check, build both targets from the current source, then run every jest
// project (app, server on SQLite + PostgreSQL when TEST_DATABASE_URL is set, e2e in Chromium).
import { spawnSync } from 'node:child_process';

function run(cmd, args, env = {}) {
  console.log(`\n> ${[cmd, ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

if (process.env.CI && !process.env.TEST_DATABASE_URL) {
  console.error('CI must run the server tests on PostgreSQL too: set TEST_DATABASE_URL');
  process.exit(1);
}

run('node_modules/.bin/tsc', ['--noEmit', '-p', 'tsconfig.json']);
run('node_modules/.bin/tsc', ['--noEmit', '-p', 'server/tsconfig.json']);
run('node_modules/.bin/tsc', ['--noEmit', '-p', 'test/e2e/tsconfig.json']);
run('node_modules/.bin/taro', ['build', '--type', 'h5'], { NODE_ENV: 'production' });
run('node_modules/.bin/taro', ['build', '--type', 'weapp'], { NODE_ENV: 'production' });
// miniprogram-ci keeps a compiler subprocess alive after its work is done.
run('node_modules/.bin/jest', ['--ci', '--forceExit', ...process.argv.slice(2)]);
