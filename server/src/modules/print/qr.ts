// The QR code printed on a page: a mini-program code from WeChat when WeChat is configured
// (kept on disk per page and scene, so reprinting 56 items does not ask WeChat 56 times),
// otherwise — or when WeChat cannot be reached — a QR of the H5 address, drawn as inline SVG.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import QRCode from 'qrcode';
import type { WechatClient, WechatLogger } from '../../platform/wechat/client';
import { html, trusted, type Html } from './html';

export interface QrTarget {
  // Mini-program page (no leading slash) and its scene: WeChat allows 32 characters.
  page: string;
  scene: string;
  // The H5 app's hash route for the same thing, e.g. /guide/detail/index?code=shjz-01.
  h5Path: string;
}

export interface QrCode {
  kind: 'wxacode' | 'h5';
  markup: Html;
}

export interface QrSourceOptions {
  useWechat: boolean;
  wechat: WechatClient;
  cacheDir: string;
  log: WechatLogger;
}

// Wide enough to stay sharp at 30 mm on a 300 dpi printer.
const WXACODE_WIDTH = 430;

export function h5Url(publicUrl: string, h5Path: string): string {
  return `${publicUrl}/#${h5Path}`;
}

export function createQrSource({ useWechat, wechat, cacheDir, log }: QrSourceOptions) {
  const pending = new Map<string, Promise<Buffer>>();

  const fileFor = (target: QrTarget) =>
    path.join(cacheDir, `${createHash('sha256').update(`${target.page}\n${target.scene}\n${WXACODE_WIDTH}`).digest('hex')}.png`);

  async function fetchAndKeep(target: QrTarget, file: string): Promise<Buffer> {
    const png = await wechat.getUnlimitedQrCode({ scene: target.scene, page: target.page, width: WXACODE_WIDTH, checkPath: false });
    await fs.mkdir(cacheDir, { recursive: true });
    // Written aside and renamed: another process never reads half a file.
    const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    await fs.writeFile(tmp, png);
    await fs.rename(tmp, file);
    return png;
  }

  async function wxacode(target: QrTarget): Promise<Buffer> {
    const file = fileFor(target);
    try {
      return await fs.readFile(file);
    } catch {
      // Not cached yet.
    }
    let job = pending.get(file);
    if (!job) {
      job = fetchAndKeep(target, file).finally(() => pending.delete(file));
      pending.set(file, job);
    }
    return job;
  }

  async function h5Code(url: string): Promise<QrCode> {
    const svg = await QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
    return { kind: 'h5', markup: trusted(svg) };
  }

  return {
    async code(target: QrTarget, publicUrl: string): Promise<QrCode> {
      if (useWechat) {
        try {
          const png = await wxacode(target);
          return { kind: 'wxacode', markup: html`<img class="qr__img" alt="小程序码" src="${`data:image/png;base64,${png.toString('base64')}`}">` };
        } catch (err) {
          log.warn({ page: target.page, scene: target.scene, err: err instanceof Error ? err.message : String(err) }, 'no mini-program code, printing the H5 QR instead');
        }
      }
      return h5Code(h5Url(publicUrl, target.h5Path));
    },
  };
}

export type QrSource = ReturnType<typeof createQrSource>;
