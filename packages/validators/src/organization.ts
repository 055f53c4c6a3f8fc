// Input and output schemas of the organization's settings (branding, labels, portal and session policies).
import { z } from 'zod';
import { timeZoneSchema, versionSchema } from './common';

export const loginModes = ['otp', 'link'] as const;
export const cancelPolicies = ['portal', 'call'] as const;

export const labelKeyPattern = /^[a-z][a-zA-Z0-9_.]{0,63}$/;

const wholeNumber = (label: string, min: number, max: number, unit: string) =>
  z
    .number({ message: `${label} must be a whole number of ${unit} from ${min} to ${max}.` })
    .int({ message: `${label} must be a whole number of ${unit} from ${min} to ${max}.` })
    .min(min, { message: `${label} must be at least ${min} ${unit}.` })
    .max(max, { message: `${label} can be at most ${max} ${unit}.` });

const colorSchema = z
  .string()
  .trim()
  .regex(/^#[0-9a-fA-F]{6}$/, { message: 'Use a color like #1f6feb.' })
  .transform((v) => v.toLowerCase());

/** Free text that may be cleared: '' becomes null. */
const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, { message })
    .transform((v) => (v === '' ? null : v))
    .nullable();

export const labelsSchema = z
  .record(z.string(), z.string().max(500, { message: 'Keep each label under 500 characters.' }))
  .superRefine((labels, ctx) => {
    const keys = Object.keys(labels);
    if (keys.length > 200) ctx.addIssue({ code: 'custom', message: 'At most 200 labels can be overridden.' });
    for (const key of keys) {
      if (!labelKeyPattern.test(key)) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message:
            'Label keys start with a lower-case letter and use letters, digits, _ or . (at most 64 characters).',
        });
      }
    }
  });

export const organizationSettingsSchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  timeZone: z.string(),
  officePhone: z.string().nullable(),
  officeEmail: z.string().nullable(),
  logoFileId: z.string().nullable(),
  /** Path of the logo on the server (`/files/<id>`), or null without a logo. */
  logoUrl: z.string().nullable(),
  primaryColor: z.string(),
  accentColor: z.string(),
  labels: z.record(z.string(), z.string()),
  loginMode: z.enum(loginModes),
  linkLifetimeHours: z.number().int(),
  rescheduleCutoffHours: z.number().int(),
  cancelPolicy: z.enum(cancelPolicies),
  cancelMessage: z.string().nullable(),
  cancelPhone: z.string().nullable(),
  hideServiceDetails: z.boolean(),
  confirmationFlow: z.boolean(),
  notifyOnDispatcherBooking: z.boolean(),
  staffSessionIdleMinutes: z.number().int(),
  staffSessionAbsoluteHours: z.number().int(),
  portalSessionIdleDays: z.number().int(),
  portalSessionAbsoluteDays: z.number().int(),
  version: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type OrganizationSettings = z.infer<typeof organizationSettingsSchema>;

/**
 * Any subset of the settings. Rules that span two settings (idle ≤ absolute, the call policy's phone and
 * message) are checked against the saved settings merged with the change, in core.
 */
export const organizationUpdateInputSchema = z.strictObject(
  {
    version: versionSchema,
    slug: z.never({ message: 'The organization address (slug) cannot be changed.' }).optional(),
    name: z
      .string()
      .trim()
      .min(1, { message: 'The organization needs a name.' })
      .max(120, { message: 'Keep the name under 120 characters.' })
      .optional(),
    timeZone: timeZoneSchema.optional(),
    /** Any common format; saved as E.164. */
    officePhone: optionalText(40, 'Use a phone number like +1 512 555 0142.').optional(),
    officeEmail: z
      .string()
      .trim()
      .max(254, { message: 'Use an email address like office@example.com.' })
      .refine((v) => v === '' || z.email().safeParse(v).success, {
        message: 'Use an email address like office@example.com.',
      })
      .transform((v) => (v === '' ? null : v.toLowerCase()))
      .nullable()
      .optional(),
    primaryColor: colorSchema.optional(),
    accentColor: colorSchema.optional(),
    labels: labelsSchema.optional(),
    loginMode: z.enum(loginModes, { message: 'Choose otp or link.' }).optional(),
    linkLifetimeHours: wholeNumber('The sign-in link lifetime', 1, 720, 'hours').optional(),
    rescheduleCutoffHours: z
      .number({ message: 'The reschedule cut-off must be a whole number of hours from 0 to 336.' })
      .int({ message: 'The reschedule cut-off must be a whole number of hours from 0 to 336.' })
      .min(0, {
        message:
          "The reschedule cut-off can't be negative; use 0 to allow rescheduling until the window starts.",
      })
      .max(336, { message: 'The reschedule cut-off can be at most 336 hours (14 days).' })
      .optional(),
    cancelPolicy: z.enum(cancelPolicies, { message: 'Choose portal or call.' }).optional(),
    cancelMessage: optionalText(1000, 'Keep the cancel message under 1,000 characters.').optional(),
    /** Any common format; saved as E.164. */
    cancelPhone: optionalText(40, 'Use a phone number like +1 512 555 0142.').optional(),
    hideServiceDetails: z.boolean().optional(),
    confirmationFlow: z.boolean().optional(),
    notifyOnDispatcherBooking: z.boolean().optional(),
    // NIST 800-63B AAL2 caps staff sessions at 30 minutes idle and 12 hours absolute
    staffSessionIdleMinutes: wholeNumber('The staff idle timeout', 5, 30, 'minutes').optional(),
    staffSessionAbsoluteHours: wholeNumber('The staff session lifetime', 1, 12, 'hours').optional(),
    portalSessionIdleDays: wholeNumber('The portal idle timeout', 1, 30, 'days').optional(),
    portalSessionAbsoluteDays: wholeNumber('The portal session lifetime', 1, 30, 'days').optional(),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? `Unknown setting: ${issue.keys.join(', ')}.` : undefined,
  },
);
export type OrganizationUpdateInput = z.infer<typeof organizationUpdateInputSchema>;

/** Largest logo accepted, in bytes (after decoding). */
export const logoMaxBytes = 512 * 1024;
export const logoContentTypes = ['image/png', 'image/jpeg', 'image/svg+xml'] as const;

/**
 * A new logo, as base64 (the desktop reads the file the admin picked). The type is detected from the bytes:
 * PNG, JPEG, or an SVG without scripts, event handlers, external references or embedded HTML.
 */
export const logoUploadInputSchema = z.object({
  version: versionSchema,
  fileName: z.string().trim().max(255, { message: 'The file name is too long.' }),
  dataBase64: z
    .string({ message: 'Choose an image file.' })
    .min(1, { message: 'Choose an image file.' })
    // base64 of logoMaxBytes, plus slack for padding; the exact limit is checked after decoding
    .max(Math.ceil((logoMaxBytes * 4) / 3) + 8, {
      message: 'The logo is larger than 512 KB. Use a smaller image.',
    }),
});
export type LogoUploadInput = z.infer<typeof logoUploadInputSchema>;

export const logoRemoveInputSchema = z.object({ version: versionSchema });
export type LogoRemoveInput = z.infer<typeof logoRemoveInputSchema>;
