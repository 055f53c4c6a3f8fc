// Input and output schemas of tasks (work orders): create, book, assign, transition, read and list.
import { z } from 'zod';
import { dateSchema, idSchema, schedulingModes, taskStatuses, versionSchema } from './common';

export const taskStatusSchema = z.enum(taskStatuses, { message: 'Not a task status.' });
export const schedulingModeSchema = z.enum(schedulingModes, {
  message: 'Choose prebooked or customer_selects.',
});
export const confirmationStates = ['not_required', 'pending', 'confirmed'] as const;

/** Status changes a dispatcher asks for through tasks.transition. */
export const taskTransitionActions = ['en_route', 'start', 'complete', 'cancel', 'fail'] as const;
export type TaskTransitionAction = (typeof taskTransitionActions)[number];

/** Everything the status machine decides, including what the UI may offer on a task. */
export const taskActions = [
  'book',
  'reschedule',
  'confirm',
  'assign',
  'unassign',
  'edit',
  ...taskTransitionActions,
] as const;
export type TaskAction = (typeof taskActions)[number];

const serviceTypeSchema = z
  .string()
  .trim()
  .min(1, { message: 'Say what the job is, such as AC repair.' })
  .max(120, { message: 'Keep the service type under 120 characters.' });

const descriptionSchema = z
  .string()
  .trim()
  .max(5000, { message: 'Keep the description under 5,000 characters.' })
  .transform((v) => (v === '' ? null : v))
  .nullish();

export const appointmentInputSchema = z.object({ date: dateSchema, windowId: idSchema });

export const taskCreateInputSchema = z
  .object({
    customerId: idSchema,
    siteId: idSchema,
    serviceType: serviceTypeSchema,
    description: descriptionSchema,
    schedulingMode: schedulingModeSchema,
    appointment: appointmentInputSchema.optional(),
    technicianId: idSchema.nullish(),
  })
  .superRefine((value, ctx) => {
    if (value.schedulingMode === 'prebooked' && !value.appointment) {
      ctx.addIssue({
        code: 'custom',
        path: ['appointment'],
        message: 'A prebooked task needs a date and a window.',
      });
    }
    if (value.schedulingMode === 'customer_selects' && value.appointment) {
      ctx.addIssue({
        code: 'custom',
        path: ['appointment'],
        message:
          'The customer picks the window for this task; leave the appointment empty or choose prebooked.',
      });
    }
  });
export type TaskCreateInput = z.infer<typeof taskCreateInputSchema>;

export const taskUpdateInputSchema = z.object({
  id: idSchema,
  version: versionSchema,
  serviceType: serviceTypeSchema.optional(),
  description: descriptionSchema,
});
export type TaskUpdateInput = z.infer<typeof taskUpdateInputSchema>;

export const taskScheduleInputSchema = z.object({
  id: idSchema,
  version: versionSchema,
  date: dateSchema,
  windowId: idSchema,
});
export type TaskScheduleInput = z.infer<typeof taskScheduleInputSchema>;

export const taskAssignInputSchema = z.object({
  id: idSchema,
  version: versionSchema,
  technicianId: idSchema.nullable(),
});
export type TaskAssignInput = z.infer<typeof taskAssignInputSchema>;

/**
 * One save of the task form: any of what the task is about, its technician (null: unassigned) and its
 * appointment, from the version the dispatcher saw. All of it happens, or none of it (one transaction).
 */
export const taskEditInputSchema = z.object({
  id: idSchema,
  version: versionSchema,
  serviceType: serviceTypeSchema.optional(),
  description: descriptionSchema,
  technicianId: idSchema.nullable().optional(),
  appointment: appointmentInputSchema.optional(),
});
export type TaskEditInput = z.infer<typeof taskEditInputSchema>;

export const taskTransitionInputSchema = z
  .object({
    id: idSchema,
    version: versionSchema,
    action: z.enum(taskTransitionActions, { message: 'Choose en_route, start, complete, cancel or fail.' }),
    reason: z.string().trim().max(500, { message: 'Keep the reason under 500 characters.' }).optional(),
  })
  .superRefine((value, ctx) => {
    const needsReason = value.action === 'cancel' || value.action === 'fail';
    if (needsReason && (!value.reason || value.reason.length < 3)) {
      ctx.addIssue({
        code: 'custom',
        path: ['reason'],
        message:
          value.action === 'cancel'
            ? 'Say why the task is cancelled (at least 3 characters).'
            : 'Say why the task failed (at least 3 characters).',
      });
    }
  });
export type TaskTransitionInput = z.infer<typeof taskTransitionInputSchema>;

export const taskGetInputSchema = z.object({ id: idSchema });

/** The task row as every write answers it. */
export const taskSchema = z.object({
  id: z.uuid(),
  number: z.number().int(),
  customerId: z.uuid(),
  siteId: z.uuid(),
  serviceType: z.string(),
  description: z.string().nullable(),
  status: taskStatusSchema,
  schedulingMode: schedulingModeSchema,
  /** Local date at the site, YYYY-MM-DD. */
  appointmentDate: z.string().nullable(),
  windowId: z.uuid().nullable(),
  appointmentStart: z.date().nullable(),
  appointmentEnd: z.date().nullable(),
  appointmentVersion: z.number().int(),
  technicianId: z.uuid().nullable(),
  confirmationState: z.enum(confirmationStates),
  confirmedAt: z.date().nullable(),
  statusReason: z.string().nullable(),
  statusChangedAt: z.date(),
  version: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type Task = z.infer<typeof taskSchema>;

export const taskFieldAnswerSchema = z.object({
  fieldId: z.uuid(),
  label: z.string(),
  kind: z.enum(['toggle', 'text', 'dropdown']),
  required: z.boolean(),
  /** null when the customer has not answered (yet). */
  value: z.union([z.string(), z.boolean()]).nullable(),
  answeredAt: z.date().nullable(),
});
export type TaskFieldAnswer = z.infer<typeof taskFieldAnswerSchema>;

/** tasks.answers: the task's custom fields with the customer's answers, for dispatchers. */
export const taskAnswersInputSchema = z.object({ taskId: idSchema });
export const taskAnswerEntrySchema = z.object({
  fieldId: z.uuid(),
  kind: z.enum(['toggle', 'text', 'dropdown']),
  label: z.string(),
  description: z.string().nullable(),
  required: z.boolean(),
  options: z.array(z.string()),
  defaultValue: z.union([z.string(), z.boolean()]).nullable(),
  /** The customer's saved answer, null when none was given (the default then applies). */
  value: z.union([z.string(), z.boolean()]).nullable(),
  /** Required and not satisfied yet (the customer cannot confirm until it is). */
  isMissing: z.boolean(),
  /** The organization no longer asks this; shown because this task answered it. */
  retired: z.boolean(),
  answeredAt: z.date().nullable(),
  /** The portal user who answered, by their contact's name. */
  answeredBy: z.object({ portalUserId: z.uuid(), name: z.string() }).nullable(),
});
export type TaskAnswerEntry = z.infer<typeof taskAnswerEntrySchema>;
export const taskAnswersOutputSchema = z.array(taskAnswerEntrySchema);

export const taskDetailSchema = taskSchema.extend({
  customer: z.object({ id: z.uuid(), name: z.string() }),
  site: z.object({
    id: z.uuid(),
    name: z.string().nullable(),
    addressLine1: z.string(),
    addressLine2: z.string().nullable(),
    city: z.string(),
    region: z.string().nullable(),
    postalCode: z.string().nullable(),
    country: z.string(),
    timeZone: z.string(),
  }),
  technician: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  window: z.object({ id: z.uuid(), name: z.string(), startTime: z.string(), endTime: z.string() }).nullable(),
  answers: z.array(taskFieldAnswerSchema),
  allowedActions: z.array(z.enum(taskActions)),
});
export type TaskDetail = z.infer<typeof taskDetailSchema>;

export const taskListSorts = ['appointment', 'created'] as const;

export const taskListInputSchema = z
  .object({
    /** Any of these statuses; empty or absent means every status. */
    status: z.array(taskStatusSchema).max(taskStatuses.length).optional(),
    dateFrom: dateSchema.optional(),
    dateTo: dateSchema.optional(),
    technicianId: idSchema.optional(),
    /** true: only tasks without an appointment; false: only booked ones. */
    unscheduled: z.boolean().optional(),
    customerId: idSchema.optional(),
    /** A task number (T-1042 or 1042), part of a customer name, or part of a service type. */
    search: z.string().trim().max(200).optional(),
    /** appointment: soonest first, unbooked last; created: newest first. */
    sort: z.enum(taskListSorts).default('appointment'),
    limit: z.number().int().min(1).max(200).default(50),
    cursor: z.string().max(500).nullish(),
  })
  .superRefine((value, ctx) => {
    if (value.dateFrom && value.dateTo && value.dateTo < value.dateFrom) {
      ctx.addIssue({
        code: 'custom',
        path: ['dateTo'],
        message: 'The end date must be on or after the start date.',
      });
    }
  })
  .prefault({});
export type TaskListInput = z.infer<typeof taskListInputSchema>;

// Ids here are plain strings: they come from the database's uuid columns, and checking 250 of them per page
// against the uuid pattern was a measurable share of a list request. Inputs still insist on uuids.
export const taskListItemSchema = z.object({
  id: z.string(),
  number: z.number().int(),
  status: taskStatusSchema,
  serviceType: z.string(),
  schedulingMode: schedulingModeSchema,
  customerId: z.string(),
  customerName: z.string(),
  siteId: z.string(),
  siteAddressLine1: z.string(),
  siteCity: z.string(),
  siteTimeZone: z.string(),
  technicianId: z.string().nullable(),
  technicianName: z.string().nullable(),
  windowId: z.string().nullable(),
  windowName: z.string().nullable(),
  appointmentDate: z.string().nullable(),
  appointmentStart: z.date().nullable(),
  appointmentEnd: z.date().nullable(),
  confirmationState: z.enum(confirmationStates),
  version: z.number().int(),
  createdAt: z.date(),
});
export type TaskListItem = z.infer<typeof taskListItemSchema>;

export const taskListOutputSchema = z.object({
  items: z.array(taskListItemSchema),
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: z.string().nullable(),
});
export type TaskListOutput = z.infer<typeof taskListOutputSchema>;
