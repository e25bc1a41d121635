// Months and reporting periods in China Standard Time, as the server counts them ('2026-11',
// '2026-Q4', '2026'), whatever the phone's own time zone.
const CST_OFFSET_MS = 8 * 3600 * 1000;
const pad = (n: number) => String(n).padStart(2, '0');

export function cstMonth(now: Date = new Date(), offset = 0): string {
  const d = new Date(now.getTime() + CST_OFFSET_MS);
  const m = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1));
  return `${m.getUTCFullYear()}-${pad(m.getUTCMonth() + 1)}`;
}

export function monthLabel(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${y}年${m}月`;
}

export interface PeriodChoice {
  key: string;
  label: string;
}

// The periods an admin usually looks at: this and last month, this and last quarter, this year.
export function periodChoices(now: Date = new Date()): PeriodChoice[] {
  const [year, month] = cstMonth(now).split('-').map(Number);
  const quarter = Math.ceil(month / 3);
  const last = cstMonth(now, -1);
  const lastQuarter = quarter === 1 ? { y: year - 1, q: 4 } : { y: year, q: quarter - 1 };
  return [
    { key: cstMonth(now), label: '本月' },
    { key: last, label: '上月' },
    { key: `${year}-Q${quarter}`, label: '本季度' },
    { key: `${lastQuarter.y}-Q${lastQuarter.q}`, label: '上季度' },
    { key: String(year), label: '今年' },
  ];
}
