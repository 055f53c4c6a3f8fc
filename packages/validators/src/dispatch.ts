// Input and output schemas of the dispatch board: the board of one or more days and placing a task on it.
import { z } from 'zod';
import { dateSchema, idSchema, versionSchema } from './common';
import { confirmationStates, taskStatusSchema } from './tasks';

/** Most days one board answers (a week view). */
export const dispatchBoardMaxDays = 7;
/** Most unscheduled tasks the tray lists; the rest are counted. */
export const dispatchTrayLimit = 200;

export const dispatchBoardInputSchema = z.object({
  /** First local date of the board, YYYY-MM-DD. */
  date: dateSchema,
  days: z
    .number({ message: `Show from 1 to ${dispatchBoardMaxDays} days.` })
    .int({ message: `Show from 1 to ${dispatchBoardMaxDays} days.` })
    .min(1, { message: `Show from 1 to ${dispatchBoardMaxDays} days.` })
    .max(dispatchBoardMaxDays, { message: `Show from 1 to ${dispatchBoardMaxDays} days.` })
    .default(1),
});
export type DispatchBoardInput = z.infer<typeof dispatchBoardInputSchema>;

/** Everything a card on the board shows, and what a drop needs (id, version). */
export const dispatchCardSchema = z.object({
  id: z.uuid(),
  number: z.number().int(),
  version: z.number().int(),
  status: taskStatusSchema,
  serviceType: z.string(),
  customerName: z.string(),
  siteAddress: z.string(),
  siteCity: z.string(),
  /** Local date at the site, YYYY-MM-DD; null while unscheduled. */
  appointmentDate: z.string().nullable(),
  windowId: z.uuid().nullable(),
  appointmentStart: z.date().nullable(),
  appointmentEnd: z.date().nullable(),
  technicianId: z.uuid().nullable(),
  confirmationState: z.enum(confirmationStates),
});
export type DispatchCard = z.infer<typeof dispatchCardSchema>;

export const dispatchLaneSchema = z.object({
  technicianId: z.uuid(),
  name: z.string(),
  color: z.string().nullable(),
  /** Inactive technicians appear only while tasks of the board are still theirs. */
  active: z.boolean(),
});

export const dispatchWindowSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  daysOfWeek: z.array(z.number().int()),
  capacityPerDay: z.number().int(),
  /** Retired windows appear only while tasks of the board are still booked in them. */
  retired: z.boolean(),
});

export const dispatchCountSchema = z.object({
  date: z.string(),
  windowId: z.uuid(),
  booked: z.number().int(),
  capacity: z.number().int(),
  /** The window runs on this date (its weekday, not retired). */
  offered: z.boolean(),
});

export const dispatchBoardOutputSchema = z.object({
  /** The organization's IANA zone: what "today" means for the board. */
  timeZone: z.string(),
  dates: z.array(z.string()),
  lanes: z.array(dispatchLaneSchema),
  windows: z.array(dispatchWindowSchema),
  counts: z.array(dispatchCountSchema),
  /** Booked tasks (not cancelled or failed) on the board's dates, assigned or not. */
  tasks: z.array(dispatchCardSchema),
  /** Open tasks without an appointment, oldest first, at most dispatchTrayLimit. */
  unscheduled: z.array(dispatchCardSchema),
  unscheduledTotal: z.number().int(),
});
export type DispatchBoard = z.infer<typeof dispatchBoardOutputSchema>;

export const dispatchPlaceInputSchema = z.object({
  taskId: idSchema,
  version: versionSchema,
  technicianId: idSchema,
  date: dateSchema,
  windowId: idSchema,
});
export type DispatchPlaceInput = z.infer<typeof dispatchPlaceInputSchema>;
