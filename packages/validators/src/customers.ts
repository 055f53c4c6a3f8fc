// Input and output schemas of the customers domain (accounts), including the one-call inline create.
import { z } from 'zod';
import { idSchema, pageInputSchema, searchSchema, versionSchema } from './common';
import {
  checkContactReachable,
  contactFieldsShape,
  contactSchema,
  emailAddressInputSchema,
  personNameSchema,
  phoneNumberInputSchema,
} from './contacts';
import { siteAddressShape, siteSchema } from './sites';

export const customerKinds = ['person', 'company'] as const;
export const customerKindSchema = z.enum(customerKinds, { message: 'Choose person or company.' });

const notesSchema = z
  .string()
  .trim()
  .max(5000, { message: 'Keep the notes under 5,000 characters.' })
  .transform((v) => (v === '' ? null : v))
  .nullish();

export const customerSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: customerKindSchema,
  email: z.string().nullable(),
  /** E.164 */
  phone: z.string().nullable(),
  notes: z.string().nullable(),
  archivedAt: z.date().nullable(),
  version: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type Customer = z.infer<typeof customerSchema>;

/** A customer with its sites and contacts, non-archived first. */
export const customerDetailSchema = customerSchema.extend({
  sites: z.array(siteSchema),
  contacts: z.array(contactSchema),
});
export type CustomerDetail = z.infer<typeof customerDetailSchema>;

export const customerListInputSchema = pageInputSchema
  .extend({ search: searchSchema, includeArchived: z.boolean().optional() })
  .prefault({});
export type CustomerListInput = z.infer<typeof customerListInputSchema>;

export const customerListOutputSchema = z.object({
  items: z.array(customerSchema),
  nextCursor: z.string().nullable(),
});
export type CustomerListOutput = z.infer<typeof customerListOutputSchema>;

export const customerGetInputSchema = z.object({ id: idSchema });

export const customerCreateInputSchema = z
  .object({
    name: personNameSchema,
    kind: customerKindSchema.default('person'),
    email: emailAddressInputSchema,
    phone: phoneNumberInputSchema,
    notes: notesSchema,
    /** A first service address; its primary contact is the inline contact. */
    site: z.object(siteAddressShape).optional(),
    /** A first contact; becomes the primary contact of the inline site. */
    contact: z.object(contactFieldsShape).superRefine(checkContactReachable).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.site && !value.contact) {
      ctx.addIssue({
        code: 'custom',
        path: ['contact'],
        message: 'A site needs a primary contact: add the contact too.',
      });
    }
  });
export type CustomerCreateInput = z.infer<typeof customerCreateInputSchema>;

export const customerCreateOutputSchema = customerDetailSchema;

/** Fields left out stay as they are; null clears email, phone or notes. */
export const customerUpdateInputSchema = z.object({
  id: idSchema,
  version: versionSchema,
  name: personNameSchema.optional(),
  kind: customerKindSchema.optional(),
  email: emailAddressInputSchema,
  phone: phoneNumberInputSchema,
  notes: notesSchema,
});
export type CustomerUpdateInput = z.infer<typeof customerUpdateInputSchema>;

export const customerVersionInputSchema = z.object({ id: idSchema, version: versionSchema });
export type CustomerVersionInput = z.infer<typeof customerVersionInputSchema>;
