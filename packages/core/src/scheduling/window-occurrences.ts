// Pure calendar and time-zone math of appointment windows: which windows occur on which local dates, at
// which instants. No database, no clock: callers pass `now`.
//
// DST policy (deliberate, and the same everywhere a window becomes an instant): a window on a date is the
// span of instants whose local wall-clock time falls in [start, end).
// - A local time that does not exist (spring-forward gap, e.g. 02:30 on 2026-03-08 in America/New_York)
//   becomes the first instant that does exist after it: the end of the gap (03:00 EDT). So a window
//   01:00–04:00 that night lasts two real hours, and 02:30–05:00 becomes 03:00–05:00.
// - A local time that happens twice (fall-back overlap, e.g. 01:30 on 2026-11-01) takes its first
//   occurrence (EDT), for start and end alike, so a window 01:00–02:00 that night lasts two real hours.
// - A window that lies entirely inside the gap (02:00–03:00 on a spring-forward night) has no instant at
//   all that day: it is not offered and cannot be booked.
import { TZDate, tzOffset } from '@date-fns/tz';
import { addDays, differenceInCalendarDays, format, getISODay } from 'date-fns';

export type WindowTimes = {
  /** 'HH:MM' or 'HH:MM:SS', local wall-clock time */
  startTime: string;
  endTime: string;
};

export type WindowDefinition = WindowTimes & {
  id: string;
  daysOfWeek: readonly number[];
};

export type Occurrence = { start: Date; end: Date };

function parseDate(date: string): [number, number, number] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new Error(`Not a YYYY-MM-DD date: ${date}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function parseTime(time: string): [number, number] {
  const match = /^(\d{2}):(\d{2})(?::\d{2})?$/.exec(time);
  if (!match) throw new Error(`Not a HH:MM time: ${time}`);
  return [Number(match[1]), Number(match[2])];
}

/** Midnight of a calendar date in UTC: calendar arithmetic that no zone can shift. */
function calendarDay(date: string): TZDate {
  const [y, m, d] = parseDate(date);
  return new TZDate(y, m - 1, d, 'UTC');
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  return getISODay(calendarDay(date));
}

/** Every calendar date from `from` to `to`, both included. */
export function listDates(from: string, to: string): string[] {
  const start = calendarDay(from);
  const count = differenceInCalendarDays(calendarDay(to), start) + 1;
  const dates: string[] = [];
  for (let i = 0; i < count; i++) dates.push(format(addDays(start, i), 'yyyy-MM-dd'));
  return dates;
}

/** 'Tue 10 Mar', how messages name a day. */
export function formatDayLabel(date: string): string {
  return format(calendarDay(date), 'EEE d MMM');
}

/** 'HH:MM' from the database's 'HH:MM:SS'. */
export function toHourMinute(time: string): string {
  return time.slice(0, 5);
}

/** One local wall-clock time on one date in one zone, as an instant (see the DST policy above). */
export function localInstant(date: string, time: string, timeZone: string): Date {
  const [y, m, d] = parseDate(date);
  const [hh, mm] = parseTime(time);
  const local = new TZDate(y, m - 1, d, hh, mm, 0, timeZone);
  const instant = new Date(local.getTime());
  const exists = local.getDate() === d && local.getHours() === hh && local.getMinutes() === mm;
  // TZDate moves a time inside a gap forward by the gap's length; the policy wants the gap's end instead
  return exists ? instant : startOfOffsetAt(instant, timeZone);
}

const MINUTE = 60_000;

/**
 * The instant the zone's current offset at `at` came into force (within the previous 48 hours): the end of
 * the gap `at` follows. Transitions fall on whole minutes, so a binary search over minutes finds it exactly.
 */
function startOfOffsetAt(at: Date, timeZone: string): Date {
  const offset = tzOffset(timeZone, at);
  let hi = at.getTime();
  let lo = hi - 48 * 60 * MINUTE;
  if (tzOffset(timeZone, new Date(lo)) === offset) return at;
  while (hi - lo > MINUTE) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
    if (tzOffset(timeZone, new Date(mid)) === offset) hi = mid;
    else lo = mid;
  }
  return new Date(hi);
}

/**
 * The instants of a window on one local date in one zone, or null when the window has no length that day
 * (it falls inside a DST gap). Does not check the window's days of week.
 */
export function windowOccurrence(date: string, window: WindowTimes, timeZone: string): Occurrence | null {
  const start = localInstant(date, window.startTime, timeZone);
  const end = localInstant(date, window.endTime, timeZone);
  if (end.getTime() <= start.getTime()) return null;
  return { start, end };
}

export function isWindowActiveOn(window: Pick<WindowDefinition, 'daysOfWeek'>, date: string): boolean {
  return window.daysOfWeek.includes(isoWeekday(date));
}

export type DayOccurrences<W> = { date: string; windows: Array<{ window: W } & Occurrence> };

/**
 * For each local date from `from` to `to` (inclusive), the windows active that ISO weekday with their
 * instants in `timeZone`, ordered by start. Windows that have started by `now`, and windows with no length
 * that day (DST gap), are left out; every date is listed, even with no window left.
 */
export function listWindowOccurrences<W extends WindowDefinition>(input: {
  from: string;
  to: string;
  timeZone: string;
  windows: readonly W[];
  now: Date;
}): Array<DayOccurrences<W>> {
  return listDates(input.from, input.to).map((date) => {
    const weekday = isoWeekday(date);
    const windows: DayOccurrences<W>['windows'] = [];
    for (const window of input.windows) {
      if (!window.daysOfWeek.includes(weekday)) continue;
      const occurrence = windowOccurrence(date, window, input.timeZone);
      if (!occurrence || occurrence.start.getTime() <= input.now.getTime()) continue;
      windows.push({ window, ...occurrence });
    }
    windows.sort((a, b) => a.start.getTime() - b.start.getTime() || a.end.getTime() - b.end.getTime());
    return { date, windows };
  });
}
