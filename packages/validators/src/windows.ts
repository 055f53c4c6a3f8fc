// Input and output schemas of appointment windows and their availability.
import { z } from 'zod';
import { dateSchema, idSchema, timeOfDaySchema, versionSchema } from './common';

/** Longest span windows.availability answers for, inclusive of both ends. */
export const availabilityMaxDays = 62;

const windowNameSchema = z
  .string()
  .trim()
  .min(1, { message: 'Give the window a name, such as Morning.' })
  .max(80, { message: 'Keep the window name under 80 characters.' });

export const isoWeekdaySchema = z
  .number({ message: 'Use ISO weekdays: 1 = Monday … 7 = Sunday.' })
  .int({ message: 'Use ISO weekdays: 1 = Monday … 7 = Sunday.' })
  .min(1, { message: 'Use ISO weekdays: 1 = Monday … 7 = Sunday.' })
  .max(7, { message: 'Use ISO weekdays: 1 = Monday … 7 = Sunday.' });

export const daysOfWeekSchema = z
  .array(isoWeekdaySchema)
  .min(1, { message: 'Pick at least one day of the week.' })
  .max(7)
  .refine((days) => new Set(days).size === days.length, {
    message: 'Each day of the week can appear only once.',
  })
  .transform((days) => [...days].sort((a, b) => a - b));

const capacitySchema = z
  .number({ message: 'Capacity must be a whole number from 1 to 500.' })
  .int({ message: 'Capacity must be a whole number from 1 to 500.' })
  .min(1, { message: 'Capacity must be at least 1 booking per day.' })
  .max(500, { message: 'Capacity can be at most 500 bookings per day.' });

const endAfterStart = (
  value: { startTime?: string | undefined; endTime?: string | undefined },
  ctx: z.RefinementCtx,
) => {
  // 'HH:MM' strings compare in time order
  if (value.startTime && value.endTime && value.endTime <= value.startTime) {
    ctx.addIssue({
      code: 'custom',
      path: ['endTime'],
      message: 'The window must end after it starts, on the same day.',
    });
  }
};

export const windowSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  /** 'HH:MM', local time of the site */
  startTime: z.string(),
  endTime: z.string(),
  /** ISO weekdays, 1 = Monday … 7 = Sunday, ascending */
  daysOfWeek: z.array(z.number().int()),
  capacityPerDay: z.number().int(),
  retiredAt: z.date().nullable(),
  version: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type AppointmentWindow = z.infer<typeof windowSchema>;

export const windowListInputSchema = z.object({ includeRetired: z.boolean().optional() }).prefault({});
export type WindowListInput = z.infer<typeof windowListInputSchema>;
export const windowListOutputSchema = z.array(windowSchema);

export const windowCreateInputSchema = z
  .object({
    name: windowNameSchema,
    startTime: timeOfDaySchema,
    endTime: timeOfDaySchema,
    daysOfWeek: daysOfWeekSchema,
    capacityPerDay: capacitySchema,
  })
  .superRefine(endAfterStart);
export type WindowCreateInput = z.infer<typeof windowCreateInputSchema>;

export const windowUpdateInputSchema = z
  .object({
    id: idSchema,
    version: versionSchema,
    name: windowNameSchema.optional(),
    startTime: timeOfDaySchema.optional(),
    endTime: timeOfDaySchema.optional(),
    daysOfWeek: daysOfWeekSchema.optional(),
    capacityPerDay: capacitySchema.optional(),
  })
  .superRefine(endAfterStart);
export type WindowUpdateInput = z.infer<typeof windowUpdateInputSchema>;

export const windowRetireInputSchema = z.object({ id: idSchema, version: versionSchema });
export type WindowRetireInput = z.infer<typeof windowRetireInputSchema>;

/** Whole days from `from` to `to` (calendar arithmetic on the date strings; no time zone involved). */
function daysBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  return Math.round((Date.UTC(ty, tm - 1, td) - Date.UTC(fy, fm - 1, fd)) / 86_400_000);
}

export const availabilityInputSchema = z
  .object({
    from: dateSchema,
    /** Inclusive. */
    to: dateSchema,
    /** Read the windows in this site's time zone; without it, the organization's. */
    siteId: idSchema.optional(),
  })
  .superRefine((value, ctx) => {
    const span = daysBetween(value.from, value.to);
    if (span < 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: 'The end date must be on or after the start date.',
      });
    } else if (span + 1 > availabilityMaxDays) {
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `Ask for at most ${availabilityMaxDays} days at a time.`,
      });
    }
  });
export type AvailabilityInput = z.infer<typeof availabilityInputSchema>;

export const availableWindowSchema = z.object({
  windowId: z.uuid(),
  name: z.string(),
  /** The window's start and end as instants (the local times read in the time zone below). */
  start: z.date(),
  end: z.date(),
  capacity: z.number().int(),
  booked: z.number().int(),
  /** Never below 0, even when capacity was lowered under the bookings already taken. */
  remaining: z.number().int(),
});
export type AvailableWindow = z.infer<typeof availableWindowSchema>;

export const availabilityOutputSchema = z.object({
  /** IANA zone the local dates and times were read in. */
  timeZone: z.string(),
  days: z.array(z.object({ date: z.string(), windows: z.array(availableWindowSchema) })),
});
export type Availability = z.infer<typeof availabilityOutputSchema>;
