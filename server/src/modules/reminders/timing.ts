// When "the day before" is: from the reminder hour (CST) of the calendar day before an event, so
// an event of tomorrow is due now once today's hour has come, and nothing is due before it.
import { addDays, cstDate, cstInstant } from '../calendar/calendar';

export const DEFAULT_REMINDER_HOUR = 18;

// The instants [from, to) of the events whose reminders are due at `now`, or null before the hour.
export function dueWindow(now: Date, hour: number): { from: string; to: string } | null {
  const today = cstDate(now);
  if (now.getTime() < Date.parse(cstInstant(today, `${String(hour).padStart(2, '0')}:00`))) return null;
  const tomorrow = addDays(today, 1);
  return { from: cstInstant(tomorrow, '00:00'), to: cstInstant(addDays(tomorrow, 1), '00:00') };
}

// '11月29日 09:30' in CST, for the in-app text.
export function cstText(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3_600_000);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
}
