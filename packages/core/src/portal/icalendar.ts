// Writes one appointment as an iCalendar file (RFC 5545): the event in the site's local time with its TZID and
// a VTIMEZONE built from the IANA rules around the event, TEXT escaped and lines folded at 75 octets. Hand
// written because the `ics` package writes UTC or floating times only (no TZID/VTIMEZONE: adamgibbons/ics#52).
import { tzOffset } from '@date-fns/tz';

export type CalendarEvent = {
  /** Stable across reschedules, so a calendar updates the event instead of adding one. */
  uid: string;
  /** Grows with every change, so a calendar takes the newer copy. */
  sequence: number;
  /** When this copy was produced. */
  stamp: Date;
  start: Date;
  end: Date;
  /** IANA zone the event is written in. */
  timeZone: string;
  summary: string;
  location: string | null;
  description: string | null;
  url: string | null;
  status: 'CONFIRMED' | 'CANCELLED';
};

const CRLF = '\r\n';
const MINUTE = 60_000;
const DAY = 86_400_000;

/** TEXT value escaping (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks; other controls dropped. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, ''); // eslint-disable-line no-control-regex
}

function utf8Length(char: string): number {
  const code = char.codePointAt(0)!;
  if (code < 0x80) return 1;
  if (code < 0x800) return 2;
  if (code < 0x10000) return 3;
  return 4;
}

/**
 * Folds a content line so no line exceeds 75 octets (RFC 5545 3.1): continuation lines start with one space,
 * and a multi-byte character is never split.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = 75;
  for (const char of line) {
    const size = utf8Length(char);
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      // the leading space of a continuation line counts
      limit = 74;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

/** The wall-clock time of `instant` at `offsetMinutes` from UTC, as an iCalendar local DATE-TIME. */
function formatLocal(instant: Date, offsetMinutes: number): string {
  const d = new Date(instant.getTime() + offsetMinutes * MINUTE);
  return (
    `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`
  );
}

function formatUtc(instant: Date): string {
  return `${formatLocal(instant, 0)}Z`;
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  return `${sign}${pad(Math.floor(Math.abs(minutes) / 60))}${pad(Math.abs(minutes) % 60)}`;
}

export type OffsetChange = { at: Date; from: number; to: number };

/** Every change of the zone's UTC offset between two instants, found to the minute. */
export function listOffsetChanges(timeZone: string, from: Date, to: Date): OffsetChange[] {
  const changes: OffsetChange[] = [];
  let previous = from.getTime();
  let previousOffset = tzOffset(timeZone, from);
  // offsets change at most a few times a year and never twice within 12 hours
  for (let t = previous + DAY / 2; t <= to.getTime() + DAY / 2; t += DAY / 2) {
    const offset = tzOffset(timeZone, new Date(t));
    if (offset !== previousOffset) {
      let lo = previous;
      let hi = t;
      while (hi - lo > MINUTE) {
        const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
        if (tzOffset(timeZone, new Date(mid)) === previousOffset) lo = mid;
        else hi = mid;
      }
      changes.push({ at: new Date(hi), from: previousOffset, to: offset });
      previousOffset = offset;
    }
    previous = t;
  }
  return changes;
}

/**
 * A VTIMEZONE for the year either side of the event: the offset in force before, then each change as its own
 * observance (DAYLIGHT when the clocks go forward). Enough for any calendar to place the event exactly.
 */
export function buildTimeZone(timeZone: string, around: Date): string[] {
  const from = new Date(around.getTime() - 366 * DAY);
  const changes = listOffsetChanges(timeZone, from, new Date(around.getTime() + 366 * DAY));
  const initial = tzOffset(timeZone, from);
  const firstIsForward = changes[0] ? changes[0].to > changes[0].from : false;
  const lines = ['BEGIN:VTIMEZONE', `TZID:${timeZone}`];
  const observance = (kind: 'STANDARD' | 'DAYLIGHT', start: string, fromOffset: number, toOffset: number) =>
    lines.push(
      `BEGIN:${kind}`,
      `DTSTART:${start}`,
      `TZOFFSETFROM:${formatOffset(fromOffset)}`,
      `TZOFFSETTO:${formatOffset(toOffset)}`,
      `END:${kind}`,
    );
  observance(
    firstIsForward || changes.length === 0 ? 'STANDARD' : 'DAYLIGHT',
    '19700101T000000',
    initial,
    initial,
  );
  for (const change of changes) {
    // an observance starts at the local time of the change read in the offset it replaces
    observance(
      change.to > change.from ? 'DAYLIGHT' : 'STANDARD',
      formatLocal(change.at, change.from),
      change.from,
      change.to,
    );
  }
  lines.push('END:VTIMEZONE');
  return lines;
}

/** The whole file, CRLF line endings, ready to send as text/calendar. */
export function renderCalendar(event: CalendarEvent): string {
  const zone = event.timeZone;
  const local = (instant: Date) => `;TZID=${zone}:${formatLocal(instant, tzOffset(zone, instant))}`;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Portico//Appointments//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    ...buildTimeZone(zone, event.start),
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `DTSTAMP:${formatUtc(event.stamp)}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTART${local(event.start)}`,
    `DTEND${local(event.end)}`,
    `SUMMARY:${escapeText(event.summary)}`,
    ...(event.location ? [`LOCATION:${escapeText(event.location)}`] : []),
    ...(event.description ? [`DESCRIPTION:${escapeText(event.description)}`] : []),
    ...(event.url ? [`URL:${event.url}`] : []),
    `STATUS:${event.status}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}
