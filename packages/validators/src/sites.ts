// Input and output schemas of the sites domain (service addresses with a time zone and their contacts).
import { z } from 'zod';
import { idSchema, pageInputSchema, searchSchema, timeZoneSchema, versionSchema } from './common';
import { contactSchema } from './contacts';

const text = (max: number, what: string) =>
  z
    .string()
    .trim()
    .max(max, { message: `Keep the ${what} under ${max} characters.` });
const requiredText = (max: number, what: string) => text(max, what).min(1, { message: `Enter the ${what}.` });
/** An optional text field where an empty string means "none". */
const optionalText = (max: number, what: string) =>
  text(max, what)
    .transform((v) => (v === '' ? null : v))
    .nullish();

export const countryCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, { message: 'Use a two-letter country code such as US.' });

/** The address and time zone of a site, shared by sites.create and the inline site of customers.create. */
export const siteAddressShape = {
  name: optionalText(200, 'site name'),
  addressLine1: requiredText(200, 'street address'),
  addressLine2: optionalText(200, 'second address line'),
  city: requiredText(100, 'city'),
  region: optionalText(100, 'state or region'),
  postalCode: optionalText(20, 'postal code'),
  country: countryCodeSchema.default('US'),
  timeZone: timeZoneSchema,
};
export const siteAddressSchema = z.object(siteAddressShape);
export type SiteAddress = z.infer<typeof siteAddressSchema>;

export const siteSchema = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  name: z.string().nullable(),
  addressLine1: z.string(),
  addressLine2: z.string().nullable(),
  city: z.string(),
  region: z.string().nullable(),
  postalCode: z.string().nullable(),
  country: z.string(),
  timeZone: z.string(),
  primaryContactId: z.uuid().nullable(),
  secondaryContactId: z.uuid().nullable(),
  archivedAt: z.date().nullable(),
  version: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type Site = z.infer<typeof siteSchema>;

export const siteListItemSchema = siteSchema.extend({ customerName: z.string() });
export type SiteListItem = z.infer<typeof siteListItemSchema>;

export const siteDetailSchema = siteSchema.extend({
  customerName: z.string(),
  primaryContact: contactSchema.nullable(),
  secondaryContact: contactSchema.nullable(),
});
export type SiteDetail = z.infer<typeof siteDetailSchema>;

export const siteListInputSchema = pageInputSchema
  .extend({
    customerId: idSchema.optional(),
    search: searchSchema,
    includeArchived: z.boolean().optional(),
  })
  .prefault({});
export type SiteListInput = z.infer<typeof siteListInputSchema>;

export const siteListOutputSchema = z.object({
  items: z.array(siteListItemSchema),
  nextCursor: z.string().nullable(),
});
export type SiteListOutput = z.infer<typeof siteListOutputSchema>;

export const siteGetInputSchema = z.object({ id: idSchema });

function checkDistinctContacts(
  value: { primaryContactId?: string | undefined; secondaryContactId?: string | null | undefined },
  ctx: z.core.$RefinementCtx<unknown>,
): void {
  if (value.secondaryContactId && value.secondaryContactId === value.primaryContactId) {
    ctx.addIssue({
      code: 'custom',
      path: ['secondaryContactId'],
      message: 'The secondary contact must be a different person from the primary contact.',
    });
  }
}

export const siteCreateInputSchema = z
  .object({
    customerId: idSchema,
    ...siteAddressShape,
    primaryContactId: idSchema,
    secondaryContactId: idSchema.nullish(),
  })
  .superRefine(checkDistinctContacts);
export type SiteCreateInput = z.infer<typeof siteCreateInputSchema>;

/** Fields left out stay as they are; null clears an optional field. */
export const siteUpdateInputSchema = z
  .object({
    id: idSchema,
    version: versionSchema,
    name: siteAddressShape.name,
    addressLine1: siteAddressShape.addressLine1.optional(),
    addressLine2: siteAddressShape.addressLine2,
    city: siteAddressShape.city.optional(),
    region: siteAddressShape.region,
    postalCode: siteAddressShape.postalCode,
    country: countryCodeSchema.optional(),
    timeZone: timeZoneSchema.optional(),
    primaryContactId: idSchema.optional(),
    secondaryContactId: idSchema.nullish(),
  })
  .superRefine(checkDistinctContacts);
export type SiteUpdateInput = z.infer<typeof siteUpdateInputSchema>;

export const siteVersionInputSchema = z.object({ id: idSchema, version: versionSchema });
export type SiteVersionInput = z.infer<typeof siteVersionInputSchema>;
