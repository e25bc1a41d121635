// The figures table as CSV with Chinese headers (see http/csv.ts). No region codes: Excel would show
// 12-digit numbers in scientific notation, and the township name tells same-named villages apart.
import { csvDocument } from '../../http/csv';
import type { AreaFigures, FigureValues } from './compute';
import type { VillageFigures } from './types';

const percent = (share: number | null): number | null => (share === null ? null : Math.round(share * 1000) / 10);

const VALUE_COLUMNS: { header: string; value: (f: FigureValues) => number | null }[] = [
  { header: '办件数', value: (f) => f.cases },
  { header: '代办', value: (f) => f.byChannel.proxy },
  { header: '网上办', value: (f) => f.byChannel.online },
  { header: '预约办', value: (f) => f.byChannel.appointment },
  { header: '受理用时中位数（分钟）', value: (f) => f.medianAcceptMinutes },
  { header: '按时办结率（%）', value: (f) => percent(f.onTimeShare) },
  { header: '超期未办结', value: (f) => f.overdueNow },
  { header: '少跑路（次）', value: (f) => f.tripsSaved },
  { header: '评价数', value: (f) => f.ratings },
  { header: '满意率（%）', value: (f) => percent(f.satisfiedShare) },
  { header: '差评', value: (f) => f.badRatings },
  { header: '整改中', value: (f) => f.rectificationsOpen },
  { header: '已整改', value: (f) => f.rectificationsClosed },
  { header: '活跃微家', value: (f) => f.groupsActive },
  { header: '微家活动（场）', value: (f) => f.activitiesHeld },
  { header: '龙门阵与宣讲（场）', value: (f) => f.talksHeld },
  { header: '参与人次', value: (f) => f.attendance },
];

export function villagesCsv(villages: VillageFigures[]): string {
  const header = ['乡镇', '村（社区）', ...VALUE_COLUMNS.map((c) => c.header)];
  return csvDocument([header, ...villages.map((v) => [v.townshipName, v.villageName, ...VALUE_COLUMNS.map((c) => c.value(v))])]);
}

export function areasCsv(areas: AreaFigures[]): string {
  const header = ['乡镇', '村（社区）数', ...VALUE_COLUMNS.map((c) => c.header)];
  return csvDocument([header, ...areas.map((a) => [a.name, a.villages, ...VALUE_COLUMNS.map((c) => c.value(a))])]);
}

export const CSV_HEADERS = VALUE_COLUMNS.map((c) => c.header);
