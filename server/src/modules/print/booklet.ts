// The whole catalogue as one booklet: a cover, one page of contents by category (with the page
// each item is on), then one A4 sheet per item in catalogue order.
import type { ServiceDetail } from '../catalogue/repository';
import { html, type Html } from './html';
import { fullDateText } from './labels';
import type { CategoryEntry } from './repository';

// Cover and contents come before the first item.
export const FRONT_PAGES = 2;

export const BOOKLET_CSS = `
@page { @bottom-right { content: '第 ' counter(page) ' 页'; font-size: 9pt; } }
@page :first { @bottom-right { content: none; } }
.cover { display: flex; flex-direction: column; justify-content: center; align-items: center; text-align: center; height: 270mm; }
.cover__org { font-size: 16pt; letter-spacing: 2pt; }
.cover h1 { font-size: 34pt; margin: 10mm 0 4mm; }
.cover__sub { font-size: 18pt; }
.cover__count { font-size: 14pt; margin-top: 16mm; border: 0.6mm solid #000; padding: 3mm 8mm; }
.cover__how { font-size: 12pt; margin-top: 12mm; max-width: 140mm; line-height: 1.7; }
.cover__date { font-size: 12pt; margin-top: 30mm; }
.contents h1 { font-size: 20pt; text-align: center; margin-bottom: 4mm; }
.contents__cols { column-count: 2; column-gap: 8mm; }
.contents h2 { font-size: 11pt; margin-top: 2.5mm; border-bottom: 0.4mm solid #000; break-after: avoid; }
.contents li { display: flex; font-size: 10pt; line-height: 1.45; break-inside: avoid; }
.contents li span:first-child { flex: 1; }
.contents li span:last-child { flex: none; margin-left: 2mm; }
`;

export function bookletFront(items: ServiceDetail[], categories: CategoryEntry[], today: string): Html {
  const page = new Map(items.map((item, i) => [item.code, FRONT_PAGES + i + 1]));
  const used = categories.filter((c) => items.some((i) => i.category === c.code));
  return html`<section class="sheet cover">
  <p class="cover__org">睦邻客厅</p>
  <h1>便民服务事项办事指南</h1>
  <p class="cover__sub">政策一卡通 · 业务流程图 · 办事明白纸</p>
  <p class="cover__count">共 ${used.length} 类 ${items.length} 项</p>
  <p class="cover__how">每一项占一页：先看“政策一卡通”，再看流程图和明白纸。<br>用微信扫每页右上角的二维码，可以在手机上看，也可以请村干部代办。</p>
  <p class="cover__date">${fullDateText(today)} 印制 · 内容以睦邻客厅最新公示为准</p>
</section>
<section class="sheet contents">
  <h1>目　录</h1>
  <div class="contents__cols">${used.map((c) => html`<h2>${c.name}</h2><ul>${items
    .filter((i) => i.category === c.code)
    .map((i) => html`<li><span>${i.name}</span><span>${page.get(i.code)}</span></li>`)}</ul>`)}</div>
</section>`;
}
