// Words printed on the pages, kept as data: the app's own words where the app has them.
import type { Channels, Guide } from '../catalogue/content';

export const GUIDE_SECTIONS: { key: Exclude<keyof Guide, 'faq'>; title: string }[] = [
  { key: 'what', title: '这是什么' },
  { key: 'who', title: '谁能办' },
  { key: 'bring', title: '要带什么' },
  { key: 'steps', title: '怎么办' },
  { key: 'time', title: '要多久' },
  { key: 'cost', title: '花多少钱' },
  { key: 'tips', title: '温馨提示' },
];

export const CHANNEL_NAMES: Record<keyof Channels, string> = { proxy: '代办', online: '网上办', appointment: '预约办' };

export function channelNames(channels: Channels): string[] {
  return (Object.keys(CHANNEL_NAMES) as (keyof Channels)[]).filter((k) => channels[k]).map((k) => CHANNEL_NAMES[k]);
}

export function daysText(days: number): string {
  return days === 0 ? '当场办结' : `${days}个工作日`;
}

export function tripsText(trips: number): string {
  return trips === 0 ? '不用跑' : `最多跑${trips}次`;
}

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

// '2026-11-30' → '11月30日 周一' (a calendar date, no time zone involved).
export function dayText(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${m}月${d}日 ${WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]}`;
}

// '2026-11-30' → '2026年11月30日'
export function fullDateText(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
