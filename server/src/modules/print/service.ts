// Assembles the print pages from the current database content. No caching of content: the
// mini-program codes are the only thing kept (by the QR source), and they never change.
import type { Db } from '../../db/database';
import { AppError } from '../../http/app-error';
import { addDays, cstDate, isDate } from '../calendar/calendar';
import { createDutyService } from '../duty/service';
import { createRegionsRepository } from '../regions/repository';
import { createRegionsService } from '../regions/service';
import type { ServiceDetail } from '../catalogue/repository';
import { bookletFront, BOOKLET_CSS } from './booklet';
import { html } from './html';
import { itemSheet } from './item-page';
import { posterSheet, POSTER_CSS } from './poster';
import type { QrCode, QrSource, QrTarget } from './qr';
import { createPrintRepository } from './repository';
import { documentHtml, ITEM_CSS } from './styles';

// Mini-program pages the codes open; the scene carries the item code or the village code.
export const ITEM_PAGE = 'guide/detail/index';
export const HOME_PAGE = 'pages/home/index';
// Asking WeChat for a booklet's first 56 codes a few at a time, not all at once.
const QR_CONCURRENCY = 4;

export const itemTarget = (code: string): QrTarget => ({ page: ITEM_PAGE, scene: code, h5Path: `/${ITEM_PAGE}?code=${encodeURIComponent(code)}` });
export const roomTarget = (villageCode: string): QrTarget => ({ page: HOME_PAGE, scene: villageCode, h5Path: `/${HOME_PAGE}?village=${villageCode}` });

export function mondayOf(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, weekday === 0 ? -6 : 1 - weekday);
}

// The week to print: this one, or from Saturday on the next one, since a poster put up at the
// weekend is read in the coming week.
export function posterMonday(today: string): string {
  return mondayOf(addDays(today, 2));
}

export function createPrintService({ db, qr, now = () => new Date() }: { db: Db; qr: QrSource; now?: () => Date }) {
  const repo = createPrintRepository(db);
  const regions = createRegionsService(createRegionsRepository(db));
  const duty = createDutyService({ db, now });

  async function codesFor(items: ServiceDetail[], publicUrl: string): Promise<QrCode[]> {
    const out: QrCode[] = [];
    for (let i = 0; i < items.length; i += QR_CONCURRENCY) {
      out.push(...(await Promise.all(items.slice(i, i + QR_CONCURRENCY).map((item) => qr.code(itemTarget(item.code), publicUrl)))));
    }
    return out;
  }

  return {
    async itemPage(code: string, publicUrl: string): Promise<string> {
      const item = await repo.findItem(code);
      if (!item) throw new AppError(404, 'SERVICE_NOT_FOUND', '没有找到这个办事事项，请返回目录重新查找');
      return documentHtml(`${item.name} · 办事指南`, ITEM_CSS, itemSheet(item, await qr.code(itemTarget(item.code), publicUrl)));
    },

    async booklet(publicUrl: string): Promise<string> {
      const [items, categories] = await Promise.all([repo.allItems(), repo.categories()]);
      const codes = await codesFor(items, publicUrl);
      const body = html`${bookletFront(items, categories, cstDate(now()))}${items.map((item, i) => itemSheet(item, codes[i]))}`;
      return documentHtml('便民服务事项办事指南', ITEM_CSS + BOOKLET_CSS, body);
    },

    async poster(villageCode: string, publicUrl: string, week?: string): Promise<string> {
      if (week !== undefined && !isDate(week)) throw new AppError(400, 'BAD_DATE', '日期不对，请重新选择');
      const room = await regions.getLivingRoom(villageCode);
      const today = cstDate(now());
      const from = week === undefined ? posterMonday(today) : mondayOf(week);
      const to = addDays(from, 6);
      const [items, categories, halfDays, groups, code] = await Promise.all([
        repo.allItems(),
        repo.categories(),
        duty.listDuty({ villageCode, from, to }),
        repo.villageGroups(villageCode),
        qr.code(roomTarget(villageCode), publicUrl),
      ]);
      const body = posterSheet({ room, items, categories, week: { from, to, halfDays }, groups, qr: code, today });
      return documentHtml(`${room.name} · 上墙公示`, POSTER_CSS, body);
    },
  };
}

export type PrintService = ReturnType<typeof createPrintService>;
