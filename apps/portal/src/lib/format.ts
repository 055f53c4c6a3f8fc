// Dates and times as the customer reads them: always in the site's time zone, in the browser's language.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${timeZone}|${JSON.stringify(options)}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(undefined, { timeZone, ...options });
    formatters.set(key, found);
  }
  return found;
}

/** "Tuesday, March 3" for a local calendar date (yyyy-mm-dd), independent of any zone. */
export function formatLocalDate(date: string, options: { withYear?: boolean; short?: boolean } = {}): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const noonUtc = new Date(Date.UTC(y, m - 1, d, 12));
  return formatter('UTC', {
    weekday: options.short ? 'short' : 'long',
    month: options.short ? 'short' : 'long',
    day: 'numeric',
    ...(options.withYear ? { year: 'numeric' } : {}),
  }).format(noonUtc);
}

/** "8:00 AM – 12:00 PM" (or "08:00–12:00" where the language uses a 24-hour clock), read in `timeZone`. */
export function formatWindow(start: Date, end: Date, timeZone: string): string {
  const time = formatter(timeZone, { hour: 'numeric', minute: '2-digit' });
  return `${time.format(start)} – ${time.format(end)}`;
}

/** "Mar 3, 2:15 PM" read in `timeZone`. */
export function formatInstant(instant: Date, timeZone: string): string {
  return formatter(timeZone, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }).format(
    instant,
  );
}

/** The zone's short name at that instant ("CST"), to say which clock the times are on. */
export function zoneName(instant: Date, timeZone: string): string {
  const parts = formatter(timeZone, { timeZoneName: 'short' }).formatToParts(instant);
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
}

/** Whether the person's browser runs on another clock than the site (then times say which zone they are in). */
export function isOtherZone(timeZone: string): boolean {
  return Intl.DateTimeFormat().resolvedOptions().timeZone !== timeZone;
}

/** "T-1042". */
export function taskLabel(number: number): string {
  return `T-${number}`;
}

export const statusWords: Record<string, string> = {
  unscheduled: 'Needs a time',
  scheduled: 'Scheduled',
  confirmed: 'Confirmed',
  en_route: 'On the way',
  in_progress: 'In progress',
  completed: 'Completed',
  cancelled: 'Cancelled',
  failed: 'Could not be completed',
};

/**
 * How people read a phone number: North American E.164 numbers as "(512) 555-0100", anything else as the
 * office wrote it (a full formatting library would cost more JavaScript than the whole page).
 */
export function formatPhone(phone: string): string {
  const nanp = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(phone.trim());
  return nanp ? `(${nanp[1]}) ${nanp[2]}-${nanp[3]}` : phone;
}

/** `tel:` needs digits and a leading +; people read the number as the office wrote it. */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}
