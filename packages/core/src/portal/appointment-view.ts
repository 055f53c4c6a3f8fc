// Owns how a task reads to its customer: the scoped query behind the list and the page, the summary (date and
// window in the site's time zone, address, technician, what waits for the customer), and what the page offers
// (booking until the cut-off, cancel, confirmation) with the reason when it does not.
import { TZDate } from '@date-fns/tz';
import type { PortalAppointmentSummary, PortalField } from '@portico/validators/portal';
import { format } from 'date-fns';
import type { SQL } from 'drizzle-orm';
import type { CoreContext } from '../context';
import {
  findFirstMissingField,
  isFieldMissing,
  isFieldRequired,
  type FieldDefinition,
  type FieldValue,
} from '../custom-fields/field-rules';
import type { TaskField } from '../custom-fields/read-task-fields';
import { and, eq, schema } from '../internal/db';
import type { OrganizationRow } from '../organization/organization-row';
import { isOpenStatus } from '../tasks/status-machine';
import type { TaskRow } from '../tasks/task-row';
import { joinSiteCondition, portalTaskScope } from './portal-scope';
import {
  afterCutoffReason,
  answerToConfirmReason,
  defaultCancelMessage,
  pickTimeFirstReason,
  statusBlocksBooking,
} from './portal-wording';

export type AppointmentRow = {
  task: TaskRow;
  site: {
    timeZone: string;
    addressLine1: string;
    addressLine2: string | null;
    city: string;
    region: string | null;
    postalCode: string | null;
  };
  windowName: string | null;
  technicianName: string | null;
};

/**
 * The portal user's tasks matching `where`, with site, window and technician joined: one query, whatever the
 * number of rows.
 */
export async function readAppointmentRows(
  ctx: CoreContext,
  query: { where?: SQL | undefined; orderBy?: SQL[]; limit?: number },
): Promise<AppointmentRow[]> {
  const { tasks, sites, appointmentWindows: w, technicians } = schema;
  const org = ctx.organizationId;
  const base = ctx.db
    .select({
      task: tasks,
      site: {
        timeZone: sites.timeZone,
        addressLine1: sites.addressLine1,
        addressLine2: sites.addressLine2,
        city: sites.city,
        region: sites.region,
        postalCode: sites.postalCode,
      },
      windowName: w.name,
      technicianName: technicians.name,
    })
    .from(tasks)
    .innerJoin(sites, joinSiteCondition(ctx))
    .leftJoin(w, and(eq(w.id, tasks.windowId), eq(w.organizationId, org)))
    .leftJoin(technicians, and(eq(technicians.id, tasks.technicianId), eq(technicians.organizationId, org)))
    .where(and(portalTaskScope(ctx), query.where))
    .orderBy(...(query.orderBy ?? []))
    .$dynamic();
  return query.limit === undefined ? base : base.limit(query.limit);
}

/** 'HH:mm' of an instant read in a zone. */
export function localTime(instant: Date, timeZone: string): string {
  return format(new TZDate(instant.getTime(), timeZone), 'HH:mm');
}

/** The local calendar date of an instant in a zone, 'yyyy-MM-dd'. */
export function localDate(instant: Date, timeZone: string): string {
  return format(new TZDate(instant.getTime(), timeZone), 'yyyy-MM-dd');
}

type PolicyFacts = Pick<
  OrganizationRow,
  | 'confirmationFlow'
  | 'rescheduleCutoffHours'
  | 'officePhone'
  | 'cancelPolicy'
  | 'cancelMessage'
  | 'cancelPhone'
  | 'hideServiceDetails'
>;

export function toAppointmentSummary(row: AppointmentRow, org: PolicyFacts): PortalAppointmentSummary {
  const { task, site } = row;
  const timeZone = site.timeZone;
  const hasWindow = task.appointmentStart !== null && task.appointmentEnd !== null;
  let needsAction: PortalAppointmentSummary['needsAction'] = null;
  if (
    task.status === 'unscheduled' &&
    task.schedulingMode === 'customer_selects' &&
    task.appointmentDate === null
  ) {
    needsAction = 'pick_window';
  } else if (org.confirmationFlow && task.status === 'scheduled' && task.confirmationState === 'pending') {
    needsAction = 'confirm';
  }
  return {
    id: task.id,
    number: task.number,
    serviceType: task.serviceType,
    status: task.status,
    schedulingMode: task.schedulingMode,
    timeZone,
    date: task.appointmentDate,
    window: hasWindow
      ? {
          name: row.windowName ?? 'Appointment',
          start: task.appointmentStart!,
          end: task.appointmentEnd!,
          startLocal: localTime(task.appointmentStart!, timeZone),
          endLocal: localTime(task.appointmentEnd!, timeZone),
        }
      : null,
    address: {
      line1: site.addressLine1,
      line2: site.addressLine2,
      city: site.city,
      region: site.region,
      postalCode: site.postalCode,
    },
    technicianName: task.technicianId ? row.technicianName : null,
    confirmationState: task.confirmationState,
    needsAction,
  };
}

export type BookingState = {
  canBook: boolean;
  blockedReason: string | null;
  cutoffAt: Date | null;
  cutoffHours: number;
};

/**
 * Whether the customer may pick (unbooked) or change (booked) the window now: closed and under-way tasks no
 * longer; a booked one until its start minus the organization's cut-off.
 */
export function describeBooking(
  task: Pick<TaskRow, 'status' | 'appointmentStart'>,
  org: Pick<PolicyFacts, 'rescheduleCutoffHours' | 'officePhone'>,
  now: Date,
): BookingState {
  const cutoffHours = org.rescheduleCutoffHours;
  const cutoffAt = task.appointmentStart
    ? new Date(task.appointmentStart.getTime() - cutoffHours * 3_600_000)
    : null;
  const statusReason = statusBlocksBooking(task.status, org.officePhone);
  if (statusReason) return { canBook: false, blockedReason: statusReason, cutoffAt, cutoffHours };
  if (cutoffAt && now.getTime() >= cutoffAt.getTime()) {
    return { canBook: false, blockedReason: afterCutoffReason(org.officePhone), cutoffAt, cutoffHours };
  }
  return { canBook: true, blockedReason: null, cutoffAt, cutoffHours };
}

export type ConfirmationCheck = {
  canConfirm: boolean;
  /** Why not, always set when canConfirm is false (the refusal of portal.confirm). */
  refusal: string | null;
  /** The same reason when the page should show it next to a Confirm button; null when there is no button. */
  shownReason: string | null;
};

/**
 * Whether the customer may confirm now: the organization asks for confirmations, the task is scheduled with
 * its confirmation pending, and every required field is satisfied (the first missing one is named).
 */
export function checkConfirmation(
  task: Pick<TaskRow, 'status' | 'confirmationState'>,
  org: Pick<PolicyFacts, 'confirmationFlow'>,
  fields: ReadonlyArray<{ field: FieldDefinition; answer: FieldValue }>,
): ConfirmationCheck {
  const hidden = (refusal: string): ConfirmationCheck => ({ canConfirm: false, refusal, shownReason: null });
  const shown = (refusal: string): ConfirmationCheck => ({
    canConfirm: false,
    refusal,
    shownReason: refusal,
  });
  if (!org.confirmationFlow) return hidden('This appointment does not need a confirmation.');
  if (task.confirmationState === 'confirmed') return hidden('This appointment is already confirmed.');
  if (task.status === 'unscheduled') return shown(pickTimeFirstReason);
  if (task.status !== 'scheduled') return shown('This appointment can no longer be confirmed.');
  if (task.confirmationState !== 'pending') return hidden('This appointment does not need a confirmation.');
  const missing = findFirstMissingField(fields);
  if (missing) return shown(answerToConfirmReason(missing.label, missing.kind));
  return { canConfirm: true, refusal: null, shownReason: null };
}

export function describeCancel(
  task: Pick<TaskRow, 'status'>,
  org: Pick<PolicyFacts, 'cancelPolicy' | 'cancelMessage' | 'cancelPhone' | 'officePhone'>,
) {
  return {
    mode: org.cancelPolicy,
    isOpen: isOpenStatus(task.status),
    message: org.cancelMessage ?? defaultCancelMessage(org.cancelPolicy),
    phone: org.cancelPhone ?? org.officePhone,
  };
}

/** A custom field as the appointment page shows it, with its saved answer and whether it blocks confirming. */
export function toPortalField(field: TaskField): PortalField {
  return {
    id: field.id,
    kind: field.kind,
    label: field.label,
    description: field.description,
    required: isFieldRequired(field),
    options: [...field.options],
    defaultValue: field.defaultValue,
    answer: field.answer,
    isMissing: isFieldMissing(field, field.answer),
  };
}
