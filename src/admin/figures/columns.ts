import type { FigureValues } from '../../api/figures';

// The figures table's columns as data: header, value for sorting and text for the cell.

export const percent = (share: number | null): string => (share === null ? '—' : `${Math.round(share * 1000) / 10}%`);

export function duration(minutes: number | null): string {
  if (minutes === null) return '—';
  if (minutes < 60) return `${Math.round(minutes)}分钟`;
  if (minutes < 24 * 60) return `${Math.round(minutes / 6) / 10}小时`;
  return `${Math.round(minutes / 144) / 10}天`;
}

export interface Column {
  key: string;
  label: string;
  value: (f: FigureValues) => number | null;
  text: (f: FigureValues) => string;
}

const count = (key: string, label: string, value: (f: FigureValues) => number): Column => ({ key, label, value, text: (f) => String(value(f)) });

export const COLUMNS: Column[] = [
  count('cases', '办件', (f) => f.cases),
  count('proxy', '代办', (f) => f.byChannel.proxy),
  { key: 'accept', label: '受理用时', value: (f) => f.medianAcceptMinutes, text: (f) => duration(f.medianAcceptMinutes) },
  { key: 'onTime', label: '按时办结', value: (f) => f.onTimeShare, text: (f) => percent(f.onTimeShare) },
  count('overdue', '超期', (f) => f.overdueNow),
  count('trips', '少跑路', (f) => f.tripsSaved),
  { key: 'satisfied', label: '满意率', value: (f) => f.satisfiedShare, text: (f) => percent(f.satisfiedShare) },
  { key: 'bad', label: '差评(已整改)', value: (f) => f.badRatings, text: (f) => `${f.badRatings}(${f.rectificationsClosed})` },
  count('groups', '活跃微家', (f) => f.groupsActive),
  count('events', '活动/龙门阵', (f) => f.activitiesHeld + f.talksHeld),
  count('attendance', '参与人次', (f) => f.attendance),
];

// Sorted copy; missing values (no cases to measure) always last.
export function sortBy<T extends FigureValues>(rows: T[], column: Column, descending: boolean): T[] {
  return [...rows].sort((a, b) => {
    const x = column.value(a);
    const y = column.value(b);
    if (x === null || y === null) return x === null ? (y === null ? 0 : 1) : -1;
    return descending ? y - x : x - y;
  });
}
