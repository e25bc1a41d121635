// The mini-program build as WeChat will see it: pages listed, every page emitted, packages
// inside their budgets, WeChat's code-quality check clean, and WeChat's own compiler
// (miniprogram-ci) accepting it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as ci from 'miniprogram-ci';
import { root } from '../support/server-process';

jest.setTimeout(180_000);

const out = path.join(root, 'dist/weapp');
const KB = 1024;
const BUDGET = { main: 600 * KB, subpackage: 400 * KB, total: 2048 * KB };
const SUBPACKAGES = ['guide', 'account', 'admin', 'booking', 'cases', 'cadre', 'weijia'];

interface AppJson {
  pages: string[];
  subPackages: { root: string; pages: string[] }[];
  tabBar?: { list: { pagePath: string; text: string }[] };
  lazyCodeLoading?: string;
}

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : [p];
  });
}
const size = (list: string[]) => list.reduce((sum, f) => sum + fs.statSync(f).size, 0);

let app: AppJson;
let project: ci.Project;

beforeAll(() => {
  if (!fs.existsSync(path.join(out, 'app.json'))) throw new Error('dist/weapp is missing: run `npm run build:weapp`');
  app = JSON.parse(fs.readFileSync(path.join(out, 'app.json'), 'utf8'));
  const key = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mulin-mpci-')), 'private.key');
  fs.writeFileSync(key, 'offline compile only\n');
  project = new ci.Project({ appid: 'wx0000000000000000', type: 'miniProgram', projectPath: out, privateKeyPath: key, ignores: ['node_modules/**/*'] });
  // Skips the request for project attributes that would otherwise go to WeChat's servers.
  (project as unknown as { _attr: unknown })._attr = ci.DefaultProjectAttr;
});

it('lists the four tabs and every flow that is not a tab as a subpackage, and emits every page', () => {
  expect(app.pages).toEqual(['pages/home/index', 'pages/services/index', 'pages/groups/index', 'pages/me/index']);
  expect(app.tabBar?.list.map((t) => t.text)).toEqual(['首页', '办事', '微家', '我的']);
  expect(app.subPackages.map((s) => s.root)).toEqual(SUBPACKAGES);
  expect(app.lazyCodeLoading).toBe('requiredComponents');
  const all = [...app.pages, ...app.subPackages.flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))];
  for (const page of all) {
    for (const ext of ['js', 'json', 'wxml']) expect(fs.existsSync(path.join(out, `${page}.${ext}`))).toBe(true);
  }
});

it('keeps the main package ≤ 600 KB, each subpackage ≤ 400 KB and the whole ≤ 2 MB', () => {
  const all = files(out);
  const roots = app.subPackages.map((s) => path.join(out, s.root) + path.sep);
  const main = size(all.filter((f) => !roots.some((r) => f.startsWith(r))));
  const subs = Object.fromEntries(app.subPackages.map((s) => [s.root, size(all.filter((f) => f.startsWith(path.join(out, s.root) + path.sep)))]));
  const total = size(all);
  console.log(`weapp package sizes (bytes): main ${main}, ${Object.entries(subs).map(([k, v]) => `${k} ${v}`).join(', ')}, total ${total}`);
  expect(main).toBeLessThanOrEqual(BUDGET.main);
  for (const [name, bytes] of Object.entries(subs)) expect({ name, within: bytes <= BUDGET.subpackage }).toEqual({ name, within: true });
  expect(total).toBeLessThanOrEqual(BUDGET.total);
});

it('passes every item of WeChat’s code-quality check', async () => {
  const results = await ci.checkCodeQuality(project);
  expect(results.filter((r) => !r.success).map((r) => r.name)).toEqual([]);
});

it('compiles with WeChat’s own compiler', async () => {
  const compiled = await ci.getCompiledResult(
    { project, version: '0.1.0', setting: { es6: true, minify: true, minifyWXML: true, minifyWXSS: true }, onProgressUpdate: () => undefined },
    path.join(os.tmpdir(), `mulin-compiled-${process.pid}.zip`),
  );
  const names = Object.keys(compiled);
  for (const page of ['pages/home/index', 'guide/detail/index', 'booking/new/index', 'cases/detail/index', 'cadre/workbench/index']) {
    expect(names).toContain(`${page}.json`);
  }
});
