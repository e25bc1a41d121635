// Print files for the county's copy shop: drives Debian's Chromium against a running server and
// writes PDFs of the /print pages. Starts no server itself.
//   npm run print:pdf -- --item shjz-01 --out dibao.pdf
//   npm run print:pdf -- --booklet --out booklet.pdf
//   npm run print:pdf -- --room 511621102201 [--week 2026-11-30] --out poster.pdf
//   options: --url http://127.0.0.1:3000 (the server), CHROMIUM_PATH (default /usr/bin/chromium)
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export type PrintTarget = { item: string } | { booklet: true } | { room: string; week?: string };

export function printPath(target: PrintTarget): string {
  if ('item' in target) return `/print/items/${encodeURIComponent(target.item)}`;
  if ('room' in target) return `/print/rooms/${encodeURIComponent(target.room)}${target.week ? `?week=${encodeURIComponent(target.week)}` : ''}`;
  return '/print/booklet';
}

export async function launchPrinter(executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'): Promise<Browser> {
  if (!fs.existsSync(executablePath)) throw new Error(`Chromium not found at ${executablePath}: apt-get install chromium fonts-noto-cjk`);
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_FLAGS });
}

// The page's own @page rule sets the paper (A4 for items and the booklet, A3 for the poster).
export async function pdfOf(browser: Browser, url: string): Promise<Buffer> {
  const page = await browser.newPage();
  try {
    const res = await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
    if (!res || res.status() !== 200) {
      throw new Error(`${url} answered ${res?.status() ?? 'nothing'}: ${(await res?.text())?.slice(0, 300) ?? ''}`);
    }
    await page.evaluate('document.fonts.ready.then(() => true)');
    return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    await page.close();
  }
}

function targetFrom(values: { item?: string; booklet?: boolean; room?: string; week?: string }): PrintTarget {
  const chosen = [values.item !== undefined, values.booklet === true, values.room !== undefined].filter(Boolean).length;
  if (chosen !== 1) throw new Error('give exactly one of --item CODE, --booklet, --room VILLAGE_CODE');
  if (values.item !== undefined) return { item: values.item };
  if (values.room !== undefined) return { room: values.room, week: values.week };
  return { booklet: true };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      item: { type: 'string' },
      booklet: { type: 'boolean' },
      room: { type: 'string' },
      week: { type: 'string' },
      out: { type: 'string' },
      url: { type: 'string', default: 'http://127.0.0.1:3000' },
    },
  });
  if (!values.out) throw new Error('--out FILE.pdf is required');
  const url = `${values.url!.replace(/\/+$/, '')}${printPath(targetFrom(values))}`;
  const browser = await launchPrinter();
  try {
    const pdf = await pdfOf(browser, url);
    fs.writeFileSync(values.out, pdf);
    console.log(`${values.out}: ${pdf.length} bytes from ${url}`);
  } finally {
    await browser.close();
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
