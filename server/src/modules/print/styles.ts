import { escapeHtml, type Html } from './html';

// Print CSS. Sizes in pt and mm so screen and paper agree; body text never below 9pt (an elder
// reads it on a wall); black text and lines only, so a black-and-white copier loses nothing.
const FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';

export const BASE_CSS = `
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font-family: ${FONT}; font-size: 9.5pt; line-height: 1.32; color: #000; background: #fff; }
h1, h2, h3, p, ul, ol, dl, dd, figure { margin: 0; padding: 0; }
ul, ol { list-style: none; }
.qr { text-align: center; flex: none; }
.qr svg, .qr__img { display: block; width: 100%; height: auto; }
.qr figcaption { font-size: 9pt; font-weight: 700; margin-top: 1mm; white-space: nowrap; }
@media screen {
  body { background: #ddd; }
  .sheet { background: #fff; margin: 8mm auto; box-shadow: 0 1mm 4mm rgba(0,0,0,.3); }
}
`;

export const ITEM_CSS = `
@page { size: A4 portrait; margin: 8mm 10mm; }
@media screen { .sheet { width: 210mm; padding: 8mm 10mm; } }
.sheet { break-after: page; page-break-after: always; }
.sheet:last-child { break-after: auto; page-break-after: auto; }
.item--large { font-size: 10.5pt; }
.item--medium { font-size: 10pt; }
.item--small { font-size: 9.5pt; }
.item__head { display: flex; gap: 4mm; align-items: flex-start; border-bottom: 0.8mm solid #000; padding-bottom: 1.5mm; margin-bottom: 1.5mm; }
.item__title { flex: 1; }
.item__category { font-size: 9.5pt; }
.item h1 { font-size: 17pt; line-height: 1.25; margin: 0.5mm 0 1mm; }
.item__facts span { display: inline-block; border: 0.3mm solid #000; border-radius: 1mm; padding: 0 1.5mm; margin: 0 1.5mm 1mm 0; font-weight: 700; }
.item .qr { width: 32mm; }
.card { border: 0.5mm solid #000; border-radius: 1.5mm; padding: 1mm 2mm; margin-top: 0.5mm; }
.card__title { font-size: 11pt; display: inline; margin-right: 2mm; }
.card__summary { display: inline; font-weight: 700; }
.card__figures { margin: 0.5mm 0; }
.card__figures div { display: inline; }
.card__figures div + div::before { content: '　|　'; }
.card__figures dt { display: inline; font-weight: 700; }
.card__figures dt::after { content: '：'; }
.card__figures dd { display: inline; }
.card__rules li::before { content: '· '; font-weight: 700; }
.cols { column-count: 3; column-gap: 4mm; column-rule: 0.2mm solid #000; }
.block h2 { font-size: 11pt; border-bottom: 0.4mm solid #000; margin-bottom: 1mm; break-after: avoid; }
.guide { margin-top: 2mm; }
.guide__part { margin-bottom: 0.6mm; }
.faq { margin-bottom: 0.6mm; }
.flow { margin: 0; }
.step { border: 0.4mm solid #000; border-radius: 1.5mm; padding: 0.8mm 1.5mm; break-inside: avoid; position: relative; }
.step--resident { border-style: dashed; }
.step + .step { margin-top: 3mm; }
.step + .step::before { content: '▼'; position: absolute; top: -3.1mm; left: 50%; transform: translateX(-50%); font-size: 8pt; line-height: 1; }
.step__head { display: flex; flex-wrap: wrap; gap: 0 1.5mm; align-items: baseline; }
.step__no { flex: none; display: inline-block; min-width: 4.6mm; text-align: center; border-radius: 50%; background: #000; color: #fff; font-weight: 700; font-size: 9pt; }
.step__title { font-size: 10pt; }
.step__actor { margin-left: auto; font-size: 9pt; border: 0.25mm solid #000; padding: 0 1mm; white-space: nowrap; }
.step__next li, .step__end { font-size: 9pt; }
.item__foot { border-top: 0.5mm solid #000; margin-top: 1.5mm; padding-top: 0.8mm; }
.item__foot p { display: inline; margin-right: 3mm; }
.item__foot .item__updated { display: block; }
.item__updated { font-size: 9pt; }
`;

export function documentHtml(title: string, css: string, body: Html): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${BASE_CSS}${css}</style>
</head>
<body>
${body}
</body>
</html>
`;
}
