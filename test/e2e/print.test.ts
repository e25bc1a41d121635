// Print files as the county's copy shop gets them: the real server, Debian's Chromium printing
// each /print page to PDF through the print:pdf script's code, and poppler reading the PDFs back —
// page count and paper size, the words on the page, and the QR code decoded from the pixels.
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import jsQR from 'jsqr';
import type { Browser } from 'playwright-core';
import { PNG } from 'pngjs';
import { launchPrinter, pdfOf, printPath, type PrintTarget } from '../../server/scripts/print-pdf';
import { DEMO_VILLAGES } from '../../server/src/db/seed/demo-regions';
import { serviceItems } from '../../server/src/db/seed/services';
import { PRIVACY_VERSION } from '../../server/src/modules/users/service';
import { startFakeWechat, type FakeWechat } from '../../server/src/platform/wechat/fake-server';
import { SCREENSHOT_DIR } from '../support/browser';
import { root, startServer, stopServer, type ServerProcess } from '../support/server-process';

jest.setTimeout(20 * 60_000);

const run = promisify(execFile);
const HOME = DEMO_VILLAGES[0];
const PUBLIC_URL = 'https://mulin.example.cn';
const A4 = /Page size:\s+59[45]\.\d+ x 841\.\d+ pts/;
const A3 = /Page size:\s+841\.\d+ x 119[01]\.\d+ pts/;

// poppler-utils is a hard requirement: without it nothing here could be checked.
function requirePoppler(): void {
  try {
    execFileSync('pdfinfo', ['-v'], { stdio: 'ignore' });
  } catch {
    throw new Error('pdfinfo not found: apt-get install poppler-utils (pdfinfo, pdftotext, pdftoppm)');
  }
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mulin-print-'));

interface Site {
  base: string;
  server: ServerProcess;
}

async function site(name: string, env: NodeJS.ProcessEnv): Promise<Site> {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir);
  const server = startServer({
    DATABASE_URL: `file:${path.join(dir, 'mulin.db')}`,
    H5_DIR: path.join(dir, 'no-h5'),
    QR_CACHE_DIR: path.join(dir, 'qr'),
    MULIN_DEMO: '1',
    MULIN_DEV_LOGIN: '1',
    OUTBOX_WORKER: '0',
    ...env,
  });
  return { base: await server.ready, server };
}

async function pdfInfo(file: string): Promise<{ pages: number; info: string }> {
  const info = (await run('pdfinfo', [file])).stdout;
  return { pages: Number(/Pages:\s+(\d+)/.exec(info)?.[1]), info };
}

// All text of a PDF (or one page of it) with the line breaks and spaces taken out, so a name
// wrapped over two lines still matches.
async function pdfText(file: string, page?: number): Promise<string> {
  const range = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  return (await run('pdftotext', [...range, file, '-'])).stdout.replace(/\s+/g, '');
}

const flat = (text: string) => text.replace(/\s+/g, '');

// Renders a page at 150 dpi (optionally only a region, in pixels) and decodes the QR code in it.
async function decodeQr(file: string, crop?: { x: number; y: number; w: number; h: number }, page = 1): Promise<string | undefined> {
  const out = `${file}-qr`;
  const region = crop ? ['-x', String(crop.x), '-y', String(crop.y), '-W', String(crop.w), '-H', String(crop.h)] : [];
  await run('pdftoppm', ['-r', '150', '-png', '-f', String(page), '-l', String(page), '-singlefile', ...region, file, out]);
  const png = PNG.sync.read(fs.readFileSync(`${out}.png`));
  return jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height)?.data;
}

async function printTo(browser: Browser, base: string, target: PrintTarget, name: string): Promise<string> {
  const file = path.join(tmp, `${name}.pdf`);
  fs.writeFileSync(file, await pdfOf(browser, `${base}${printPath(target)}`));
  return file;
}

let browser: Browser;
let plain: Site;

beforeAll(async () => {
  requirePoppler();
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // No WeChat configured: QR codes of the H5 site at its public address.
  plain = await site('plain', { MULIN_PUBLIC_URL: PUBLIC_URL });
  browser = await launchPrinter();
});

afterAll(async () => {
  await browser?.close();
  if (plain) await stopServer(plain.server);
  fs.rmSync(tmp, { recursive: true, force: true });
});

// 城乡低保, and the item with the most to say (the hardest to fit on one sheet).
const longest = [...serviceItems].sort((a, b) => JSON.stringify(b).length - JSON.stringify(a).length)[0];

describe('one A4 page per item', () => {
  it.each(['shjz-01', longest.code])('prints %s on one A4 page with its name, every flowchart step and a QR code that opens it', async (code) => {
    const dibao = serviceItems.find((i) => i.code === code)!;
    const file = await printTo(browser, plain.base, { item: dibao.code }, `item-${code}`);
    const { pages, info } = await pdfInfo(file);
    expect(pages).toBe(1);
    expect(info).toMatch(A4);
    const text = await pdfText(file);
    expect(text).toContain(flat(dibao.name));
    for (const step of dibao.flow.steps) expect(text).toContain(flat(step.title));
    expect(text).toContain('微信扫一扫，手机上看');
    // The whole page, as a phone camera would see it.
    expect(await decodeQr(file)).toBe(`${PUBLIC_URL}/#/guide/detail/index?code=${dibao.code}`);
    await run('pdftoppm', ['-r', '110', '-png', '-singlefile', file, path.join(SCREENSHOT_DIR, `print-item-${code}`)]);
  });
});

// The booklet prints every item with the same page as /print/items/:code, one PDF instead of 56:
// 56 + 2 pages means no item ran over its page.
it('prints the booklet: a cover, a contents page, then every item on its own A4 page with its name, steps and QR code', async () => {
  const file = await printTo(browser, plain.base, { booklet: true }, 'booklet');
  const { pages, info } = await pdfInfo(file);
  expect(pages).toBe(serviceItems.length + 2);
  expect(info).toMatch(A4);
  expect(await pdfText(file, 1)).toContain('便民服务事项办事指南');
  const contents = await pdfText(file, 2);
  for (const item of serviceItems) expect(contents).toContain(flat(item.name));
  // In catalogue order, item k is on page k + 2.
  const order = (await (await fetch(`${plain.base}/api/v1/services?limit=100`)).json()) as { items: { code: string }[] };
  const byCode = new Map(serviceItems.map((i) => [i.code, i]));
  const problems: string[] = [];
  for (const [k, { code }] of order.items.entries()) {
    const item = byCode.get(code)!;
    const page = k + 3;
    const text = await pdfText(file, page);
    for (const needle of [item.name, ...item.flow.steps.map((s) => s.title)]) {
      if (!text.includes(flat(needle))) problems.push(`${code} (page ${page}): "${needle}" missing`);
    }
    // The code sits top right: decoding that corner keeps 56 decodes quick.
    const qr = await decodeQr(file, { x: 620, y: 0, w: 620, h: 500 }, page);
    if (qr !== `${PUBLIC_URL}/#/guide/detail/index?code=${code}`) problems.push(`${code} (page ${page}): QR says ${qr}`);
  }
  expect(problems).toEqual([]);
});

describe('the living-room poster', () => {
  let week: string;

  beforeAll(async () => {
    const api = async (method: string, url: string, token?: string, body?: unknown) => {
      const res = await fetch(`${plain.base}${url}`, {
        method,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      if (res.status >= 400) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
      return res.json();
    };
    const token = (await api('POST', '/api/v1/auth/dev', undefined, { name: '王坐班', role: 'cadre', villageCode: HOME })).accessToken as string;
    await api('POST', '/api/v1/me/privacy', token, { version: PRIVACY_VERSION });
    await api('PATCH', '/api/v1/me', token, { phone: '13912345678' });
    // A working day a week or more ahead, so the rota can be filled whatever day this runs.
    const from = new Date(Date.now() + 8 * 86_400_000).toISOString().slice(0, 10);
    week = ((await api('GET', `/api/v1/duty?villageCode=${HOME}&from=${from}`)).items as { date: string }[])[0].date;
    await api('PUT', `/api/v1/duty/${HOME}/${week}/am`, token);
  });

  it('is one A3 page with the village, a duty row by name, a group and no personal phone — printed by the npm script', async () => {
    const file = path.join(tmp, 'poster.pdf');
    const { stdout } = await run(path.join(root, 'node_modules/.bin/tsx'), ['server/scripts/print-pdf.ts', '--room', HOME, '--week', week, '--url', plain.base, '--out', file], { cwd: root });
    expect(stdout).toContain(file);
    const { pages, info } = await pdfInfo(file);
    expect(pages).toBe(1);
    expect(info).toMatch(A3);
    const text = await pdfText(file);
    expect(text).toContain('桂花村睦邻客厅');
    expect(text).toContain('本周坐班');
    expect(text).toContain('王坐班');
    expect(text).toContain('桂花村同乐微家');
    expect(text).toContain('负责人：赵桂兰');
    for (const item of serviceItems) expect(text).toContain(flat(item.name));
    expect(text).not.toMatch(/1[3-9]\d{9}/);
    expect(await decodeQr(file)).toBe(`${PUBLIC_URL}/#/pages/home/index?village=${HOME}`);
    await run('pdftoppm', ['-r', '60', '-png', '-singlefile', file, path.join(SCREENSHOT_DIR, 'print-poster')]);
  });
});

describe('with WeChat configured', () => {
  let wechat: FakeWechat;
  let configured: Site;
  const cacheDir = () => path.join(tmp, 'wechat', 'qr');

  beforeAll(async () => {
    wechat = await startFakeWechat({ appId: 'wxprint000000000', secret: 'print-secret' });
    configured = await site('wechat', { WECHAT_API_BASE: wechat.url, WECHAT_APPID: 'wxprint000000000', WECHAT_SECRET: 'print-secret' });
  });
  afterAll(async () => {
    if (configured) await stopServer(configured.server);
    await wechat?.close();
  });

  // The fake answers with an ordinary QR of `page?scene=…`; real WeChat sends a 小程序码 that
  // only WeChat's own scanner decodes, so this checks the plumbing, not WeChat's artwork.
  it('prints the mini-program code from the adapter, asking WeChat once and then using the cache', async () => {
    const file = await printTo(browser, configured.base, { item: 'shjz-01' }, 'wxacode-shjz-01');
    expect((await pdfInfo(file)).pages).toBe(1);
    expect(await decodeQr(file)).toBe('guide/detail/index?scene=shjz-01');
    expect(wechat.state.calls['/wxa/getwxacodeunlimit']).toBe(1);
    await printTo(browser, configured.base, { item: 'shjz-01' }, 'wxacode-again');
    expect(wechat.state.calls['/wxa/getwxacodeunlimit']).toBe(1);
    expect(fs.readdirSync(cacheDir()).filter((f) => f.endsWith('.png'))).toHaveLength(1);
  });
});
