import dayjs from 'dayjs';
import type { Channels } from '../api/types';

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
