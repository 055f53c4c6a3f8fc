// Input and output schemas of the contacts domain, and the phone/email/name fields other domains reuse.
import { z } from 'zod';
import { channels, idSchema, versionSchema } from './common';

/** A person's or company's display name. */
export const personNameSchema = z
  .string({ message: 'Enter a name.' })
  .trim()
  .min(1, { message: 'Enter a name.' })
  .max(200, { message: 'Keep the name under 200 characters.' });

/**
 * A phone number as typed; the server normalizes it to E.164 (default country US) and refuses what is not a
 * real number. An empty string means "no phone".
 */
export const phoneNumberInputSchema = z
  .string()
  .trim()
  .max(40, { message: 'Enter a valid phone number, e.g. +1 512 555 0142.' })
  .nullish();

/** An email address, trimmed and lower-cased; an empty string means "no email". */
export const emailAddressInputSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, { message: 'Keep the email address under 254 characters.' })
  .refine((v) => v === '' || z.regexes.email.test(v), {
    message: 'Enter a valid email address, e.g. pat@example.com.',
  })
  .transform((v) => (v === '' ? null : v))
  .nullish();

export const channelSchema = z.enum(channels, { message: 'Choose sms or email.' });

export const contactSchema = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  name: z.string(),
  /** E.164 */
  phone: z.string().nullable(),
  email: z.string().nullable(),
  preferredChannel: channelSchema,
  smsOptOut: z.boolean(),
  archivedAt: z.date().nullable(),
  version: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type Contact = z.infer<typeof contactSchema>;

/** The fields of a new contact, shared by contacts.create and the inline contact of customers.create. */
export const contactFieldsShape = {
  name: personNameSchema,
  phone: phoneNumberInputSchema,
  email: emailAddressInputSchema,
  preferredChannel: channelSchema,
  smsOptOut: z.boolean().optional(),
};

type ReachableFields = {
  phone?: string | null | undefined;
  email?: string | null | undefined;
  preferredChannel?: 'sms' | 'email' | undefined;
};

/** A contact must be reachable, and over the channel they prefer. The server checks again after normalizing. */
export function checkContactReachable(
  value: ReachableFields,
  ctx: z.core.$RefinementCtx<ReachableFields>,
): void {
  const hasPhone = !!value.phone;
  const hasEmail = !!value.email;
  if (!hasPhone && !hasEmail) {
    ctx.addIssue({ code: 'custom', path: ['phone'], message: 'Add a phone number or an email address.' });
    return;
  }
  if (value.preferredChannel === 'sms' && !hasPhone) {
    ctx.addIssue({
      code: 'custom',
      path: ['preferredChannel'],
      message: 'SMS needs a phone number: add one or prefer email.',
    });
  }
  if (value.preferredChannel === 'email' && !hasEmail) {
    ctx.addIssue({
      code: 'custom',
      path: ['preferredChannel'],
      message: 'Email needs an email address: add one or prefer SMS.',
    });
  }
}

export const contactFieldsSchema = z.object(contactFieldsShape).superRefine(checkContactReachable);
export type ContactFields = z.infer<typeof contactFieldsSchema>;

export const contactListInputSchema = z.object({
  customerId: idSchema,
  includeArchived: z.boolean().optional(),
});
export type ContactListInput = z.infer<typeof contactListInputSchema>;

export const contactCreateInputSchema = z
  .object({ customerId: idSchema, ...contactFieldsShape })
  .superRefine(checkContactReachable);
export type ContactCreateInput = z.infer<typeof contactCreateInputSchema>;

/** Fields left out stay as they are; null clears phone or email. */
export const contactUpdateInputSchema = z.object({
  id: idSchema,
  version: versionSchema,
  name: personNameSchema.optional(),
  phone: phoneNumberInputSchema,
  email: emailAddressInputSchema,
  preferredChannel: channelSchema.optional(),
  smsOptOut: z.boolean().optional(),
});
export type ContactUpdateInput = z.infer<typeof contactUpdateInputSchema>;

export const contactVersionInputSchema = z.object({ id: idSchema, version: versionSchema });
export type ContactVersionInput = z.infer<typeof contactVersionInputSchema>;

export const contactListOutputSchema = z.array(contactSchema);
