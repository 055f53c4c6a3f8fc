// Input and output schemas of the customer portal: access (links, one-time codes, portal sessions) and the
// customer's own appointments (list, page, booking, cancel, custom-field answers, confirmation).
import { z } from 'zod';
import {
  channels,
  customFieldKinds,
  dateSchema,
  idSchema,
  portalRoles,
  taskStatuses,
  versionSchema,
} from './common';

// ---------------------------------------------------------------------------------------------------------
// Access (portalAccess.*): public procedures, every one names the organization by its slug
// ---------------------------------------------------------------------------------------------------------

export const orgSlugSchema = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, { message: 'Not a portal address.' });

/** A link token as links carry it: 32 base32 characters (160 bits). Anything else is refused unread. */
export const linkTokenSchema = z.string().regex(/^[a-z2-7]{32}$/, { message: 'This link is not valid.' });

export const otpCodeSchema = z
  .string({ message: 'Enter the 6-digit code.' })
  .trim()
  .regex(/^\d{6}$/, { message: 'Enter the 6 digits of the code.' });

export const portalOrganizationInputSchema = z.object({ orgSlug: orgSlugSchema });

/** What the portal shows before anyone signs in: branding, wording and how sign-in works. */
export const portalOrganizationSchema = z.object({
  slug: z.string(),
  name: z.string(),
  logoUrl: z.string().nullable(),
  primaryColor: z.string(),
  accentColor: z.string(),
  /** Every label of portal-labels.ts, the organization's overrides applied. */
  labels: z.record(z.string(), z.string()),
  loginMode: z.enum(['otp', 'link']),
  officePhone: z.string().nullable(),
});
export type PortalOrganization = z.infer<typeof portalOrganizationSchema>;

export const linkInputSchema = z.object({ orgSlug: orgSlugSchema, token: linkTokenSchema });

/** A channel of the contact on file, masked (•••• 0142, j•••@example.com). */
export const maskedChannelSchema = z.object({ channel: z.enum(channels), masked: z.string() });
export type MaskedChannel = z.infer<typeof maskedChannelSchema>;

/**
 * Reading a link burns nothing (mail scanners open links): `valid`, or why it cannot be used. `expired`,
 * `used` and `invalid` all let the person ask for a new code or link.
 */
export const linkInspectionSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('valid'), firstName: z.string().nullable() }),
  z.object({ state: z.enum(['expired', 'used', 'invalid']) }),
]);
export type LinkInspection = z.infer<typeof linkInspectionSchema>;

/**
 * The explicit "Continue" step. Link-only organizations: signed in (session cookie set). OTP organizations:
 * the link is used up, this browser holds a login challenge (a pre-auth cookie), and the person picks a channel.
 */
export const continueWithLinkOutputSchema = z.discriminatedUnion('next', [
  z.object({ next: z.literal('signedIn'), taskId: idSchema.nullable() }),
  z.object({ next: z.literal('chooseChannel'), channels: z.array(maskedChannelSchema) }),
]);
export type ContinueWithLinkOutput = z.infer<typeof continueWithLinkOutputSchema>;

/** Send (or re-send, after the cooldown) a code for this browser's login challenge. */
export const sendCodeInputSchema = z.object({ orgSlug: orgSlugSchema, channel: z.enum(channels) });
export const sendCodeOutputSchema = z.object({
  sentTo: maskedChannelSchema,
  expiresAt: z.date(),
  /** When the next re-send is allowed. */
  resendAfter: z.date(),
});
export type SendCodeOutput = z.infer<typeof sendCodeOutputSchema>;

export const verifyCodeInputSchema = z.object({ orgSlug: orgSlugSchema, code: otpCodeSchema });
export const verifyCodeOutputSchema = z.object({ taskId: idSchema.nullable() });

/**
 * "Send me a new code or link": a phone number or an email address. The answer is the same whether or not it
 * is on file, and so is its timing (the lookup and the send happen in a job).
 */
export const requestAccessInputSchema = z.object({
  orgSlug: orgSlugSchema,
  contact: z
    .string({ message: 'Enter your mobile number or email address.' })
    .trim()
    .min(3, { message: 'Enter your mobile number or email address.' })
    .max(254, { message: 'That is too long for a phone number or email address.' }),
});
export const requestAccessOutputSchema = z.object({
  /** OTP organizations: the page asks for the code next (this browser holds the challenge). */
  next: z.enum(['enterCode', 'checkMessages']),
});

export const portalSignOutOutputSchema = z.object({ ok: z.literal(true) });

// ---------------------------------------------------------------------------------------------------------
// The signed-in customer (portal.*): customer procedures
// ---------------------------------------------------------------------------------------------------------

export const portalMeOutputSchema = z.object({
  organization: portalOrganizationSchema,
  portalUser: z.object({ id: idSchema, name: z.string(), role: z.enum(portalRoles) }),
  customer: z.object({ id: idSchema, name: z.string() }),
});
export type PortalMe = z.infer<typeof portalMeOutputSchema>;

export const portalAddressSchema = z.object({
  line1: z.string(),
  line2: z.string().nullable(),
  city: z.string(),
  region: z.string().nullable(),
  postalCode: z.string().nullable(),
});

/** One appointment in the customer's list. Local date and times are read in the site's time zone. */
export const portalAppointmentSummarySchema = z.object({
  id: idSchema,
  number: z.number().int(),
  serviceType: z.string(),
  status: z.enum(taskStatuses),
  schedulingMode: z.enum(['prebooked', 'customer_selects']),
  timeZone: z.string(),
  /** Local calendar date at the site, null until booked. */
  date: z.string().nullable(),
  window: z
    .object({
      name: z.string(),
      start: z.date(),
      end: z.date(),
      startLocal: z.string(),
      endLocal: z.string(),
    })
    .nullable(),
  address: portalAddressSchema,
  technicianName: z.string().nullable(),
  confirmationState: z.enum(['not_required', 'pending', 'confirmed']),
  /** Something waits for the customer: pick a window, or confirm. */
  needsAction: z.enum(['pick_window', 'confirm']).nullable(),
});
export type PortalAppointmentSummary = z.infer<typeof portalAppointmentSummarySchema>;

export const portalAppointmentListOutputSchema = z.object({
  /** Open appointments, soonest first (those without a date last). */
  upcoming: z.array(portalAppointmentSummarySchema),
  /** Completed, cancelled and failed, most recent first. */
  past: z.array(portalAppointmentSummarySchema),
});
export type PortalAppointmentList = z.infer<typeof portalAppointmentListOutputSchema>;

export const portalTaskInputSchema = z.object({ taskId: idSchema });

export const portalFieldValueSchema = z.union([z.string(), z.boolean()]).nullable();
export type PortalFieldValue = z.infer<typeof portalFieldValueSchema>;

export const portalFieldSchema = z.object({
  id: idSchema,
  kind: z.enum(customFieldKinds),
  label: z.string(),
  description: z.string().nullable(),
  required: z.boolean(),
  options: z.array(z.string()),
  defaultValue: portalFieldValueSchema,
  /** The saved answer, null when none was given (the default then applies). */
  answer: portalFieldValueSchema,
  /** Required and not satisfied: toggle not on, dropdown not chosen, text empty. */
  isMissing: z.boolean(),
});
export type PortalField = z.infer<typeof portalFieldSchema>;

export const portalTimelineStepSchema = z.object({
  status: z.enum(['scheduled', 'confirmed', 'en_route', 'in_progress', 'completed', 'cancelled', 'failed']),
  state: z.enum(['done', 'current', 'upcoming']),
  /** When the task reached this step, where known. */
  at: z.date().nullable(),
});

export const portalAppointmentSchema = portalAppointmentSummarySchema.extend({
  version: z.number().int(),
  appointmentVersion: z.number().int(),
  /** null when the organization hides service details. */
  description: z.string().nullable(),
  serviceDetailsHidden: z.boolean(),
  statusReason: z.string().nullable(),
  timeline: z.array(portalTimelineStepSchema),
  booking: z.object({
    /** The customer may pick (unbooked) or change (booked) the window now. */
    canBook: z.boolean(),
    /** Why not, in words for the customer (after the cut-off, closed task…), null when they can. */
    blockedReason: z.string().nullable(),
    /** The cut-off instant for changing the current window, null when unbooked. */
    cutoffAt: z.date().nullable(),
    cutoffHours: z.number().int(),
  }),
  cancel: z.object({
    mode: z.enum(['portal', 'call']),
    /** The task is open (cancelling is possible in principle). */
    isOpen: z.boolean(),
    message: z.string().nullable(),
    phone: z.string().nullable(),
  }),
  confirmation: z.object({
    enabled: z.boolean(),
    state: z.enum(['not_required', 'pending', 'confirmed']),
    confirmedAt: z.date().nullable(),
    canConfirm: z.boolean(),
    /** Why the Confirm button is disabled (e.g. "Answer “Gate code” first."), null when it is not. */
    blockedReason: z.string().nullable(),
  }),
  fields: z.array(portalFieldSchema),
  officePhone: z.string().nullable(),
});
export type PortalAppointment = z.infer<typeof portalAppointmentSchema>;

export const portalAvailabilityInputSchema = z.object({
  taskId: idSchema,
  /** First local date (defaults to today at the site). */
  from: dateSchema.optional(),
  /** How many days from `from` (at most 28). */
  days: z.number().int().min(1).max(28).optional(),
});
export const portalAvailabilityOutputSchema = z.object({
  timeZone: z.string(),
  days: z.array(
    z.object({
      date: z.string(),
      windows: z.array(
        z.object({
          windowId: idSchema,
          name: z.string(),
          start: z.date(),
          end: z.date(),
          startLocal: z.string(),
          endLocal: z.string(),
          remaining: z.number().int(),
          /** The task's current window. */
          isCurrent: z.boolean(),
        }),
      ),
    }),
  ),
});
export type PortalAvailability = z.infer<typeof portalAvailabilityOutputSchema>;

export const portalBookInputSchema = z.object({
  taskId: idSchema,
  version: versionSchema,
  date: dateSchema,
  windowId: idSchema,
});

export const portalCancelInputSchema = z.object({
  taskId: idSchema,
  version: versionSchema,
  reason: z
    .string()
    .trim()
    .max(500, { message: 'Keep the reason under 500 characters.' })
    .optional()
    .transform((value) => (value === '' ? undefined : value)),
});

export const portalAnswerInputSchema = z.object({
  taskId: idSchema,
  fieldId: idSchema,
  /** toggle: boolean; text: up to 2000 characters; dropdown: one of the options; null clears the answer. */
  value: z
    .union([z.string().max(2000, { message: 'Keep the answer under 2000 characters.' }), z.boolean()])
    .nullable(),
});
export const portalAnswerOutputSchema = z.object({
  field: portalFieldSchema,
  canConfirm: z.boolean(),
  blockedReason: z.string().nullable(),
});

export const portalConfirmInputSchema = z.object({ taskId: idSchema, version: versionSchema });
