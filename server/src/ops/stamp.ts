import dayjs from 'dayjs';

// mulin-20261128-093015: sorts by time, one name per second.
export function backupBaseName(now: Date = new Date()): string {
  return `mulin-${dayjs(now).format('YYYYMMDD-HHmmss')}`;
}
