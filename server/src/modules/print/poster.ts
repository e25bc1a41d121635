// The living room's wall poster, A3 portrait: who we are and when we are open, every item one
// can get done here with its channels, this week's duty rota and the 微家 groups. People appear
// by name only; the one phone number printed is the living room's own.
import type { DutyHalfDay } from '../duty/schemas';
import type { ServiceDetail } from '../catalogue/repository';
import type { LivingRoom } from '../regions/schemas';
import { html, type Html } from './html';
import { CHANNEL_NAMES, dayText, fullDateText } from './labels';
import type { QrCode } from './qr';
import { qrFigure } from './item-page';
import type { CategoryEntry, PrintGroup } from './repository';

export const POSTER_CSS = `
@page { size: A3 portrait; margin: 12mm; }
@media screen { .sheet { width: 297mm; padding: 12mm; } }
.poster { font-size: 11pt; }
.poster__head { display: flex; gap: 8mm; align-items: flex-start; border-bottom: 1.2mm solid #000; padding-bottom: 3mm; }
.poster__title { flex: 1; }
.poster__place { font-size: 14pt; }
.poster h1 { font-size: 36pt; line-height: 1.2; margin: 1mm 0 2mm; }
.poster__info p { font-size: 13pt; }
.poster__badge { display: inline-block; border: 0.6mm solid #000; padding: 0 2mm; font-weight: 700; margin-left: 2mm; }
.poster .qr { width: 46mm; }
.poster .qr figcaption { font-size: 11pt; }
.poster h2 { font-size: 16pt; margin: 4mm 0 2mm; }
.poster h2 small { font-size: 11pt; font-weight: 400; margin-left: 3mm; }
.offer { column-count: 2; column-gap: 8mm; column-rule: 0.3mm solid #000; }
.offer table { width: 100%; border-collapse: collapse; break-inside: avoid; margin-bottom: 2mm; }
.offer caption { text-align: left; font-weight: 700; font-size: 11.5pt; border-bottom: 0.5mm solid #000; }
.offer th, .offer td { font-size: 10pt; line-height: 1.3; padding: 0.4mm 0; border-bottom: 0.2mm solid #000; text-align: center; }
.offer th { font-weight: 400; font-size: 9pt; width: 11mm; }
.offer td:first-child, .offer th:first-child { text-align: left; width: auto; }
.poster__bottom { display: grid; grid-template-columns: 1fr 1fr; gap: 8mm; }
.rota { width: 100%; border-collapse: collapse; }
.rota th, .rota td { border: 0.3mm solid #000; padding: 1mm 2mm; font-size: 11pt; text-align: left; }
.rota th { font-weight: 700; }
.groups li { font-size: 10.5pt; border-bottom: 0.2mm solid #000; padding: 0.6mm 0; }
.groups__kind { font-size: 9.5pt; }
.poster__foot { margin-top: 4mm; font-size: 10pt; border-top: 0.5mm solid #000; padding-top: 1.5mm; }
`;

export interface PosterData {
  room: LivingRoom;
  items: ServiceDetail[];
  categories: CategoryEntry[];
  week: { from: string; to: string; halfDays: DutyHalfDay[] };
  groups: PrintGroup[];
  qr: QrCode;
  today: string;
}

const CHANNEL_KEYS = Object.keys(CHANNEL_NAMES) as (keyof typeof CHANNEL_NAMES)[];

function offer(items: ServiceDetail[], categories: CategoryEntry[]): Html {
  return html`<div class="offer">${categories
    .filter((c) => items.some((i) => i.category === c.code))
    .map((c) => html`<table><caption>${c.name}</caption>
<thead><tr><th>事项</th>${CHANNEL_KEYS.map((k) => html`<th>${CHANNEL_NAMES[k]}</th>`)}</tr></thead>
<tbody>${items
      .filter((i) => i.category === c.code)
      .map((i) => html`<tr><td>${i.name}</td>${CHANNEL_KEYS.map((k) => html`<td>${i.channels[k] ? '✔' : '—'}</td>`)}</tr>`)}</tbody></table>`)}</div>`;
}

function rota(halfDays: DutyHalfDay[]): Html {
  const dates = [...new Set(halfDays.map((h) => h.date))];
  if (!dates.length) return html`<p>本周没有工作日。</p>`;
  const names = (date: string, half: 'am' | 'pm') => {
    const cadres = halfDays.find((h) => h.date === date && h.half === half)?.cadres ?? [];
    return cadres.length ? cadres.map((c) => c.name ?? '村干部').join('、') : '—';
  };
  return html`<table class="rota"><thead><tr><th>日期</th><th>上午 9:00—12:00</th><th>下午 14:00—17:30</th></tr></thead>
<tbody>${dates.map((d) => html`<tr class="rota__day"><th>${dayText(d)}</th><td>${names(d, 'am')}</td><td>${names(d, 'pm')}</td></tr>`)}</tbody></table>`;
}

// More than this and the poster would spill onto a second sheet; the rest are a scan away.
const MAX_GROUPS = 6;

function groups(all: PrintGroup[], room: LivingRoom): Html {
  if (!all.length) return html`<p>还没有微家，想牵头成立的请找村干部。</p>`;
  const list = all.slice(0, MAX_GROUPS);
  const more = all.length - list.length;
  const roomName = (g: PrintGroup) => (g.roomVillageCode === room.villageCode ? room.rooms.find((r) => r.id === g.roomId)?.name : undefined);
  return html`<ul class="groups">${list.map((g) => {
    const where = roomName(g);
    return html`<li><b>${g.name}</b><span class="groups__kind">（${g.kindName}）</span>负责人：${g.leaderName ?? '待定'}${where ? ` · ${where}` : ''}</li>`;
  })}${more > 0 ? html`<li>还有 ${more} 个微家，扫右上角二维码查看</li>` : ''}</ul>`;
}

export function posterSheet(d: PosterData): Html {
  const { room } = d;
  return html`<article class="sheet poster" data-village="${room.villageCode}">
  <header class="poster__head">
    <div class="poster__title">
      <p class="poster__place">${room.townshipName} ${room.villageName}</p>
      <h1>${room.name}${room.proxyPoint ? html`<span class="poster__badge">便民代办点</span>` : ''}</h1>
      <div class="poster__info">
        <p><b>地址</b>　${room.address}</p>
        <p><b>开放时间</b>　${room.hours}</p>
        ${room.phone ? html`<p><b>值班电话</b>　${room.phone}</p>` : ''}
      </div>
    </div>
    ${qrFigure(d.qr, '微信扫一扫，进睦邻客厅')}
  </header>
  <h2>在这里能办的事<small>共 ${d.items.length} 项 · 代办：村干部帮您跑腿；网上办：手机上办；预约办：约好时间来客厅办</small></h2>
  ${offer(d.items, d.categories)}
  <div class="poster__bottom">
    <section><h2>本周坐班<small>${dayText(d.week.from)} — ${dayText(d.week.to)}</small></h2>${rota(d.week.halfDays)}</section>
    <section><h2>微家</h2>${groups(d.groups, room)}</section>
  </div>
  <footer class="poster__foot">${fullDateText(d.today)} 印制 · 坐班如有调整，以客厅当天公示和小程序为准</footer>
</article>`;
}
