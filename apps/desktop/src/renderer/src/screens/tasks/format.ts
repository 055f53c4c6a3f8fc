// Dates and times of the Tasks area, always read in the site's (or organization's) time zone.

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Intl formatters are costly to build; a long list reuses one per zone and style. */
function formatterFor(timeZone: string, style: 'day' | 'time' | 'weekday'): Intl.DateTimeFormat {
  const key = `${timeZone}|${style}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    const options: Intl.DateTimeFormatOptions =
      style === 'day'
        ? { timeZone, weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' }
        : style === 'weekday'
          ? { timeZone, weekday: 'short', month: 'short', day: 'numeric' }
          : { timeZone, hour: 'numeric', minute: '2-digit' };
    formatter = new Intl.DateTimeFormat('en-US', options);
    formatters.set(key, formatter);
  }
  return formatter;
}

/** "Tue, Mar 10, 2026" for a local date string (YYYY-MM-DD), which has no time zone of its own. */
export function formatLocalDate(date: string, style: 'day' | 'weekday' = 'day'): string {
  return formatterFor('UTC', style).format(new Date(`${date}T12:00:00Z`));
}

/** "8:00 AM – 12:00 PM" in the site's zone. */
export function formatTimeRange(start: Date, end: Date, timeZone: string): string {
  const time = formatterFor(timeZone, 'time');
  return `${time.format(start)} – ${time.format(end)}`;
}

/** Today's date (YYYY-MM-DD) in `timeZone`. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Calendar arithmetic on a YYYY-MM-DD string. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
