import { describe, expect, it } from 'vitest';
import {
  formatDayLabel,
  isoWeekday,
  listDates,
  listWindowOccurrences,
  localInstant,
  windowOccurrence,
} from './window-occurrences';

const NY = 'America/New_York';
const iso = (d: Date | undefined) => d?.toISOString();

describe('calendar dates', () => {
  it('names ISO weekdays, Monday 1 to Sunday 7', () => {
    expect(isoWeekday('2026-03-09')).toBe(1);
    expect(isoWeekday('2026-03-10')).toBe(2);
    expect(isoWeekday('2026-03-08')).toBe(7);
    expect(isoWeekday('2024-02-29')).toBe(4);
  });

  it('lists every date of a range across a month end and a DST change, both ends included', () => {
    expect(listDates('2026-02-27', '2026-03-09')).toEqual([
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
      '2026-03-02',
      '2026-03-03',
      '2026-03-04',
      '2026-03-05',
      '2026-03-06',
      '2026-03-07',
      '2026-03-08',
      '2026-03-09',
    ]);
    expect(listDates('2026-11-01', '2026-11-01')).toEqual(['2026-11-01']);
    expect(listDates('2026-12-31', '2027-01-01')).toEqual(['2026-12-31', '2027-01-01']);
  });

  it('labels days the way messages show them', () => {
    expect(formatDayLabel('2026-03-10')).toBe('Tue 10 Mar');
    expect(formatDayLabel('2026-11-01')).toBe('Sun 1 Nov');
  });
});

describe('window instants in a time zone', () => {
  const morning = { startTime: '08:00', endTime: '12:00' };

  it('reads the same local window at different offsets before and after spring forward (New York)', () => {
    expect(windowOccurrence('2026-03-07', morning, NY)).toEqual({
      start: new Date('2026-03-07T13:00:00Z'),
      end: new Date('2026-03-07T17:00:00Z'),
    });
    // 2026-03-08 is the change day itself: 08:00 is already EDT
    expect(windowOccurrence('2026-03-08', morning, NY)).toEqual({
      start: new Date('2026-03-08T12:00:00Z'),
      end: new Date('2026-03-08T16:00:00Z'),
    });
  });

  it('keeps Phoenix (no DST) at UTC-7 across the same weekend', () => {
    for (const date of ['2026-03-07', '2026-03-08', '2026-03-09']) {
      const o = windowOccurrence(date, morning, 'America/Phoenix');
      expect(iso(o?.start)).toBe(`${date}T15:00:00.000Z`);
      expect(iso(o?.end)).toBe(`${date}T19:00:00.000Z`);
    }
  });

  it('shortens a window that spans the spring-forward gap to its real length', () => {
    // 01:00 EST → 04:00 EDT is two real hours, not three
    const o = windowOccurrence('2026-03-08', { startTime: '01:00', endTime: '04:00' }, NY);
    expect(iso(o?.start)).toBe('2026-03-08T06:00:00.000Z');
    expect(iso(o?.end)).toBe('2026-03-08T08:00:00.000Z');
  });

  it('starts a window whose start is inside the gap at the end of the gap (02:30 → 03:00 EDT)', () => {
    expect(iso(localInstant('2026-03-08', '02:30', NY))).toBe('2026-03-08T07:00:00.000Z');
    expect(iso(localInstant('2026-03-08', '02:00', NY))).toBe('2026-03-08T07:00:00.000Z');
    expect(iso(localInstant('2026-03-08', '01:59', NY))).toBe('2026-03-08T06:59:00.000Z');
    const o = windowOccurrence('2026-03-08', { startTime: '02:30', endTime: '05:00' }, NY);
    expect(iso(o?.start)).toBe('2026-03-08T07:00:00.000Z');
    expect(iso(o?.end)).toBe('2026-03-08T09:00:00.000Z');
  });

  it('ends a window whose end is inside the gap at the end of the gap', () => {
    const o = windowOccurrence('2026-03-08', { startTime: '00:00', endTime: '02:30' }, NY);
    expect(iso(o?.start)).toBe('2026-03-08T05:00:00.000Z');
    expect(iso(o?.end)).toBe('2026-03-08T07:00:00.000Z');
  });

  it('handles a half-hour gap (Australia/Lord_Howe, 2026-10-04 02:00 → 02:30)', () => {
    expect(iso(localInstant('2026-10-04', '02:15', 'Australia/Lord_Howe'))).toBe(
      iso(localInstant('2026-10-04', '02:30', 'Australia/Lord_Howe')),
    );
    expect(
      windowOccurrence('2026-10-04', { startTime: '02:00', endTime: '02:30' }, 'Australia/Lord_Howe'),
    ).toBeNull();
  });

  it('gives no occurrence to a window that lies entirely in the gap', () => {
    expect(windowOccurrence('2026-03-08', { startTime: '02:00', endTime: '03:00' }, NY)).toBeNull();
    expect(windowOccurrence('2026-03-08', { startTime: '02:15', endTime: '02:45' }, NY)).toBeNull();
    // the next day it exists again
    expect(windowOccurrence('2026-03-09', { startTime: '02:00', endTime: '03:00' }, NY)).toEqual({
      start: new Date('2026-03-09T06:00:00Z'),
      end: new Date('2026-03-09T07:00:00Z'),
    });
  });

  it('lengthens a window that spans the fall-back repeat to its real length (first 01:30 is EDT)', () => {
    const o = windowOccurrence('2026-11-01', { startTime: '01:00', endTime: '02:00' }, NY);
    expect(iso(o?.start)).toBe('2026-11-01T05:00:00.000Z');
    expect(iso(o?.end)).toBe('2026-11-01T07:00:00.000Z');
    expect(iso(localInstant('2026-11-01', '01:30', NY))).toBe('2026-11-01T05:30:00.000Z');
    const morningAfter = windowOccurrence('2026-11-01', morning, NY);
    expect(iso(morningAfter?.start)).toBe('2026-11-01T13:00:00.000Z');
    const morningBefore = windowOccurrence('2026-10-31', morning, NY);
    expect(iso(morningBefore?.start)).toBe('2026-10-31T12:00:00.000Z');
  });

  it('accepts the database form HH:MM:SS', () => {
    expect(
      windowOccurrence('2026-03-10', { startTime: '08:00:00', endTime: '12:00:00' }, 'America/Chicago'),
    ).toEqual({ start: new Date('2026-03-10T13:00:00Z'), end: new Date('2026-03-10T17:00:00Z') });
  });
});

describe('listWindowOccurrences', () => {
  const weekdaysMorning = { id: 'm', startTime: '08:00', endTime: '12:00', daysOfWeek: [1, 2, 3, 4, 5] };
  const everyAfternoon = { id: 'a', startTime: '12:00', endTime: '16:00', daysOfWeek: [1, 2, 3, 4, 5, 6, 7] };
  const gapOnly = { id: 'g', startTime: '02:00', endTime: '03:00', daysOfWeek: [7] };
  const windows = [everyAfternoon, weekdaysMorning, gapOnly];

  it('lists each date with the windows of its weekday, ordered by start, with instants in the zone', () => {
    const days = listWindowOccurrences({
      from: '2026-03-06',
      to: '2026-03-09',
      timeZone: NY,
      windows,
      now: new Date('2026-01-01T00:00:00Z'),
    });
    expect(days.map((d) => [d.date, d.windows.map((w) => w.window.id)])).toEqual([
      ['2026-03-06', ['m', 'a']], // Friday
      ['2026-03-07', ['a']], // Saturday
      ['2026-03-08', ['a']], // Sunday: the gap-only window does not exist that night
      ['2026-03-09', ['m', 'a']],
    ]);
    expect(iso(days[1]?.windows[0]?.start)).toBe('2026-03-07T17:00:00.000Z');
    expect(iso(days[2]?.windows[0]?.start)).toBe('2026-03-08T16:00:00.000Z');
  });

  it('offers the gap-only window on Sundays without a DST change', () => {
    const days = listWindowOccurrences({
      from: '2026-03-15',
      to: '2026-03-15',
      timeZone: NY,
      windows,
      now: new Date('2026-01-01T00:00:00Z'),
    });
    expect(days[0]?.windows.map((w) => w.window.id)).toEqual(['g', 'a']);
  });

  it('leaves out windows that have already started, keeps the date', () => {
    const days = listWindowOccurrences({
      from: '2026-03-09',
      to: '2026-03-10',
      timeZone: NY,
      windows,
      // 08:00 EDT on the 9th exactly: the morning has started, the afternoon has not
      now: new Date('2026-03-09T12:00:00Z'),
    });
    expect(days.map((d) => [d.date, d.windows.map((w) => w.window.id)])).toEqual([
      ['2026-03-09', ['a']],
      ['2026-03-10', ['m', 'a']],
    ]);
    const later = listWindowOccurrences({
      from: '2026-03-09',
      to: '2026-03-09',
      timeZone: NY,
      windows,
      now: new Date('2026-03-09T23:00:00Z'),
    });
    expect(later).toEqual([{ date: '2026-03-09', windows: [] }]);
  });
});
