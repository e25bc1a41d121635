import dayjs from 'dayjs';
import type { Channels, Material } from '../api/types';

export const CHANNEL_LABELS: Record<keyof Channels, string> = {
  proxy: '预约代办',
  online: '网上办',
  appointment: '预约到厅',
};

export function channelList(channels: Channels): (keyof Channels)[] {
  return (Object.keys(CHANNEL_LABELS) as (keyof Channels)[]).filter((k) => channels[k]);
}

export function daysText(days: number): string {
  return days === 0 ? '当场办结' : `${days}个工作日`;
}

export function tripsText(trips: number): string {
  return trips === 0 ? '不用跑' : `最多跑${trips}次`;
}

export function savedAtText(ms: number): string {
  return `离线内容，更新于${dayjs(ms).format('M月D日 HH:mm')}`;
}

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

// '2026-11-30' → '11月30日 周一'
export function dayText(date: string): string {
  const d = dayjs(date);
  return `${d.format('M月D日')} ${WEEKDAYS[d.day()]}`;
}

export function timeText(iso: string): string {
  return dayjs(iso).format('M月D日 HH:mm');
}

// Calendar dates for the next `days` days, in the phone's local time (the county is in CST).
export function dateRange(days: number): { from: string; to: string } {
  const today = dayjs();
  return { from: today.format('YYYY-MM-DD'), to: today.add(days - 1, 'day').format('YYYY-MM-DD') };
}

export function materialMeta(m: Material): string {
  return `${m.required ? '必带' : '有就带'} · ${m.form} · ${m.copies}份`;
}
