// The mini-program build as WeChat will see it: pages listed, every page emitted, the main
// package inside its budget, and WeChat's own compiler (miniprogram-ci) accepting it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as ci from 'miniprogram-ci';
import { root } from '../support/server-process';

jest.setTimeout(180_000);

const out = path.join(root, 'dist/weapp');
const MAIN_PACKAGE_LIMIT = 1024 * 1024;

interface AppJson {
  pages: string[];
  subPackages?: { root: string; pages: string[] }[];
  tabBar?: { list: { pagePath: string; text: string }[] };
}

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : [p];
  });
}

let app: AppJson;

beforeAll(() => {
  if (!fs.existsSync(path.join(out, 'app.json'))) throw new Error('dist/weapp is missing: run `npm run build:weapp`');
  app = JSON.parse(fs.readFileSync(path.join(out, 'app.json'), 'utf8'));
});

it('lists the four tabs and the subpackages, and emits every page', () => {
  expect(app.pages).toEqual(['pages/home/index', 'pages/services/index', 'pages/groups/index', 'pages/me/index']);
  expect(app.tabBar?.list.map((t) => t.text)).toEqual(['首页', '办事', '微家', '我的']);
  expect(app.subPackages).toEqual([
    { root: 'guide', pages: ['detail/index'] },
    { root: 'account', pages: ['login/index', 'profile/index', 'privacy/index', 'binding/index'] },
    { root: 'admin', pages: ['bindings/index'] },
  ]);
  const all = [...app.pages, ...(app.subPackages ?? []).flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))];
  for (const page of all) {
    for (const ext of ['js', 'json', 'wxml']) expect(fs.existsSync(path.join(out, `${page}.${ext}`))).toBe(true);
  }
});

it('keeps the main package under 1 MB', () => {
  const roots = (app.subPackages ?? []).map((s) => path.join(out, s.root) + path.sep);
  const main = files(out)
    .filter((f) => !roots.some((r) => f.startsWith(r)))
    .reduce((sum, f) => sum + fs.statSync(f).size, 0);
  console.log(`weapp main package: ${main} bytes`);
  expect(main).toBeLessThan(MAIN_PACKAGE_LIMIT);
});

it('compiles with WeChat’s own compiler', async () => {
  const key = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mulin-mpci-')), 'private.key');
  fs.writeFileSync(key, 'offline compile only\n');
  const project = new ci.Project({
    appid: 'wx0000000000000000',
    type: 'miniProgram',
    projectPath: out,
    privateKeyPath: key,
    ignores: ['node_modules/**/*'],
  });
  // Skips the request for project attributes that would otherwise go to WeChat's servers.
  (project as unknown as { _attr: unknown })._attr = ci.DefaultProjectAttr;
  const compiled = await ci.getCompiledResult(
    { project, version: '0.1.0', setting: { es6: true, minify: true, minifyWXML: true, minifyWXSS: true }, onProgressUpdate: () => undefined },
    path.join(path.dirname(key), 'compiled.zip'),
  );
  const names = Object.keys(compiled);
  for (const page of ['pages/home/index', 'pages/services/index', 'guide/detail/index', 'account/profile/index', 'admin/bindings/index']) {
    expect(names).toContain(`${page}.json`);
  }
  expect(names.some((n) => n.endsWith('.js') && String(compiled[n]).length > 0)).toBe(true);
});
