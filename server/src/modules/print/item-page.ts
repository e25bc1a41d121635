// One item on one A4 sheet: name, category, the 一卡通, the flowchart, the whole 明白纸, phones
// and a QR code that opens the item on a phone. Used alone and as a page of the booklet.
import { cstDate } from '../calendar/calendar';
import type { ServiceDetail } from '../catalogue/repository';
import { flowchart } from './flowchart';
import { html, type Html } from './html';
import { channelNames, daysText, fullDateText, GUIDE_SECTIONS, tripsText } from './labels';
import type { QrCode } from './qr';

export function qrFigure(qr: QrCode, caption: string): Html {
  return html`<figure class="qr qr--${qr.kind}">${qr.markup}<figcaption>${caption}</figcaption></figure>`;
}

// A longer fee explanation stays in the 一卡通 and the 明白纸, not in the badges.
const SHORT_FEE = 8;

function facts(item: ServiceDetail): string[] {
  const channels = channelNames(item.channels);
  return [
    tripsText(item.trips),
    `承诺${daysText(item.promisedDays)}`,
    ...(item.fee.length <= SHORT_FEE ? [item.fee] : []),
    ...(item.delegated ? ['村里能办'] : []),
    ...(channels.length ? [channels.join('、')] : []),
  ];
}

function card(item: ServiceDetail): Html {
  return html`<section class="card">
  <h2 class="card__title">政策一卡通</h2>
  <p class="card__summary">${item.card.summary}</p>
  <dl class="card__figures">${item.card.figures.map((f) => html`<div><dt>${f.label}</dt><dd>${f.value}</dd></div>`)}</dl>
  <ul class="card__rules">${item.card.rules.map((r) => html`<li>${r}</li>`)}</ul>
</section>`;
}

// Sentences run on; a space only where one does not already end in Chinese punctuation.
function runOn(sentences: string[]): string {
  return sentences.reduce((text, next) => (text === '' || /[。！？；：”）]$/.test(text) ? text + next : `${text} ${next}`), '');
}

// The sheet keeps steps as plain sentences (an editor may reorder them); pages number them.
const numbered = (steps: string[]): string[] => steps.map((line, i) => `${i + 1}. ${line}`);

// Run-in headings and one paragraph per section: the sentences are short, and a line break after
// each would cost the page a third of its space.
function guide(item: ServiceDetail): Html {
  return html`<section class="block guide">
  <h2>办事明白纸</h2>
  ${GUIDE_SECTIONS.map((s) => html`<p class="guide__part"><b>■ ${s.title}</b> ${runOn(s.key === 'steps' ? numbered(item.guide.steps) : item.guide[s.key])}</p>`)}
  ${item.guide.faq.length ? html`<p class="guide__part"><b>■ 常见问题</b></p>${item.guide.faq.map((f) => html`<p class="faq"><b>问：${f.q}</b> 答：${f.a}</p>`)}` : ''}
</section>`;
}

// Shorter items print in larger type; the longest (about 1,600 characters) fits one page at 9.5pt.
const TYPE_SIZES: { upTo: number; className: string }[] = [
  { upTo: 1050, className: 'item--large' },
  { upTo: 1300, className: 'item--medium' },
  { upTo: Infinity, className: 'item--small' },
];

function textLength(item: ServiceDetail): number {
  const g = item.guide;
  const guide = [...g.what, ...g.who, ...g.bring, ...g.steps, ...g.time, ...g.cost, ...g.tips, ...g.faq.flatMap((f) => [f.q, f.a])];
  const card = [item.card.summary, ...item.card.figures.flatMap((f) => [f.label, f.value]), ...item.card.rules];
  // A branch line costs about as much room as 12 characters of running text.
  const flow = item.flow.steps.flatMap((s) => [s.title, s.detail, ...s.next.map(() => 'x'.repeat(12))]);
  return [...guide, ...card, ...flow].reduce((n, text) => n + text.length, 0);
}

export function itemSheet(item: ServiceDetail, qr: QrCode): Html {
  const size = TYPE_SIZES.find((t) => textLength(item) <= t.upTo)!.className;
  return html`<article class="sheet item ${size}" data-code="${item.code}">
  <header class="item__head">
    <div class="item__title">
      <p class="item__category">${item.categoryName} · ${item.department} · ${item.type}</p>
      <h1>${item.name}</h1>
      <p class="item__facts">${facts(item).map((f) => html`<span>${f}</span>`)}</p>
      ${card(item)}
    </div>
    ${qrFigure(qr, '微信扫一扫，手机上看')}
  </header>
  <div class="cols">
    <section class="block"><h2>办事流程图</h2>${flowchart(item.flow.steps)}</section>
    ${guide(item)}
  </div>
  <footer class="item__foot">
    <p><b>咨询电话</b> ${item.consultPhone}</p>
    <p><b>投诉电话</b> ${item.complaintPhone}</p>
    <p><b>办理地点</b> ${item.place}　<b>办理时间</b> ${item.hours}</p>
    <p class="item__updated">内容更新于 ${fullDateText(cstDate(item.updatedAt))} · 以睦邻客厅最新公示为准</p>
  </footer>
</article>`;
}
