// Every village's band as a spreadsheet row, with the reasons a county officer reads out.
import { csvDocument } from '../../http/csv';
import { COMPONENTS, COMPONENT_LABELS } from './rules';
import type { BandList } from './schemas';

const percentText = (share: number | null) => (share === null ? '无数据' : `${Math.round(share * 1000) / 10}%`);

export function bandsCsv(list: BandList): string {
  const header = ['乡镇', '村（社区）', '等级', '得分', '预警', '各月等级', ...COMPONENTS.map((c) => COMPONENT_LABELS[c]), '说明', '规则版本'];
  const rows = list.items.map((v) => [
    v.townshipName,
    v.villageName,
    v.label,
    v.score,
    v.flagged ? (v.flagNote ?? '预警') : '',
    v.monthly.map((m) => `${m.month} ${m.label}`).join('；'),
    ...COMPONENTS.map((name) => {
      const part = v.components.find((p) => p.name === name);
      return part ? `${percentText(part.value)}，${part.points} 分` : '';
    }),
    [v.explanation, ...v.notes].join('；'),
    v.ruleVersion,
  ]);
  return csvDocument([header, ...rows]);
}
