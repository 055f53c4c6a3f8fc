import { describe, expect, it } from 'vitest';
import {
  buildTimeZone,
  escapeText,
  foldLine,
  listOffsetChanges,
  renderCalendar,
  type CalendarEvent,
} from './icalendar';

const event: CalendarEvent = {
  uid: 'task-6f1c2a9e-0000-4000-8000-000000000001@portal.example.com',
  sequence: 1,
  stamp: new Date('2026-03-02T15:00:00Z'),
  // 08:00-12:00 in Chicago, two days after the clocks went forward
  start: new Date('2026-03-10T13:00:00Z'),
  end: new Date('2026-03-10T17:00:00Z'),
  timeZone: 'America/Chicago',
  summary: 'AC repair – Northwind Heating & Air',
  location: '100 Congress Ave, Austin, TX 78701',
  description: 'Arrival window: Morning.\nSee or change your appointment: https://portal.example.com/p/x',
  url: 'https://portal.example.com/p/northwind/tasks/6f1c2a9e-0000-4000-8000-000000000001',
  status: 'CONFIRMED',
};

/** Content lines with folding undone. */
function unfold(text: string): string[] {
  return text.replace(/\r\n /g, '').split('\r\n');
}

describe('escapeText', () => {
  it('escapes backslashes, semicolons, commas and line breaks, and drops other controls', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf\u0007g')).toBe('a\\\\b\\;c\\,d\\ne\\nfg');
  });
});

describe('foldLine', () => {
  it('keeps every physical line within 75 octets without splitting a character', () => {
    const line = `DESCRIPTION:${'Café – ünïcödé 🔧 '.repeat(12)}`;
    const folded = foldLine(line);
    const physical = folded.split('\r\n');
    expect(physical.length).toBeGreaterThan(1);
    for (const part of physical) expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
    expect(physical.slice(1).every((p) => p.startsWith(' '))).toBe(true);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
    expect(folded).not.toContain('\uFFFD');
    expect(foldLine('SHORT:line')).toBe('SHORT:line');
  });
});

describe('listOffsetChanges', () => {
  it('finds the DST changes of a zone to the minute, and none in a zone without DST', () => {
    const changes = listOffsetChanges(
      'America/Chicago',
      new Date('2026-01-01T00:00:00Z'),
      new Date('2026-12-31T00:00:00Z'),
    );
    expect(changes).toEqual([
      { at: new Date('2026-03-08T08:00:00Z'), from: -360, to: -300 },
      { at: new Date('2026-11-01T07:00:00Z'), from: -300, to: -360 },
    ]);
    expect(listOffsetChanges('Asia/Tokyo', new Date('2026-01-01Z'), new Date('2026-12-31Z'))).toEqual([]);
  });
});

describe('buildTimeZone', () => {
  it('describes each change at its local time in the offset it replaces', () => {
    const text = buildTimeZone('America/Chicago', event.start).join('\n');
    expect(text).toContain(
      'BEGIN:DAYLIGHT\nDTSTART:20260308T020000\nTZOFFSETFROM:-0600\nTZOFFSETTO:-0500\nEND:DAYLIGHT',
    );
    expect(text).toContain(
      'BEGIN:STANDARD\nDTSTART:20261101T020000\nTZOFFSETFROM:-0500\nTZOFFSETTO:-0600\nEND:STANDARD',
    );
  });

  it('marks the southern summer as daylight time and a zone without changes with one observance', () => {
    const sydney = buildTimeZone('Australia/Sydney', new Date('2026-10-10T00:00:00Z')).join('\n');
    expect(sydney).toContain('BEGIN:DAYLIGHT\nDTSTART:20261004T020000\nTZOFFSETFROM:+1000\nTZOFFSETTO:+1100');
    expect(buildTimeZone('UTC', event.start)).toEqual([
      'BEGIN:VTIMEZONE',
      'TZID:UTC',
      'BEGIN:STANDARD',
      'DTSTART:19700101T000000',
      'TZOFFSETFROM:+0000',
      'TZOFFSETTO:+0000',
      'END:STANDARD',
      'END:VTIMEZONE',
    ]);
  });
});

describe('renderCalendar', () => {
  it('writes the window in the site time zone with CRLF lines and escaped text', () => {
    const text = renderCalendar(event);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
    const lines = unfold(text);
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('DTSTART;TZID=America/Chicago:20260310T080000');
    expect(lines).toContain('DTEND;TZID=America/Chicago:20260310T120000');
    expect(lines).toContain('DTSTAMP:20260302T150000Z');
    expect(lines).toContain('SUMMARY:AC repair – Northwind Heating & Air');
    expect(lines).toContain('LOCATION:100 Congress Ave\\, Austin\\, TX 78701');
    expect(lines).toContain(
      'DESCRIPTION:Arrival window: Morning.\\nSee or change your appointment: https://portal.example.com/p/x',
    );
    expect(lines).toContain('STATUS:CONFIRMED');
    expect(lines.filter((l) => l === 'BEGIN:VTIMEZONE')).toHaveLength(1);
  });

  it('keeps the UID across a reschedule and raises the SEQUENCE', () => {
    const first = unfold(renderCalendar(event));
    const moved = unfold(
      renderCalendar({
        ...event,
        sequence: 2,
        start: new Date('2026-03-12T18:00:00Z'),
        end: new Date('2026-03-12T22:00:00Z'),
      }),
    );
    const value = (lines: string[], name: string) => lines.find((l) => l.startsWith(`${name}:`));
    expect(value(moved, 'UID')).toBe(value(first, 'UID'));
    expect(value(first, 'SEQUENCE')).toBe('SEQUENCE:1');
    expect(value(moved, 'SEQUENCE')).toBe('SEQUENCE:2');
    expect(moved).toContain('DTSTART;TZID=America/Chicago:20260312T130000');
  });
});
