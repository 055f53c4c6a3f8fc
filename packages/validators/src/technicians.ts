// Input and output schemas of the technicians domain (the people who do the work in the field).
import { z } from 'zod';
import { idSchema, versionSchema } from './common';
import { emailAddressInputSchema, personNameSchema, phoneNumberInputSchema } from './contacts';

/** A display color for the dispatch board, #rrggbb, stored lower-cased; an empty string means "none". */
export const technicianColorSchema = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => v === '' || /^#[0-9a-f]{6}$/.test(v), { message: 'Use a color like #1f6feb.' })
  .transform((v) => (v === '' ? null : v))
  .nullish();

export const technicianSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  /** E.164 */
  phone: z.string().nullable(),
  email: z.string().nullable(),
  color: z.string().nullable(),
  active: z.boolean(),
  version: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type Technician = z.infer<typeof technicianSchema>;

export const technicianListInputSchema = z.object({ includeInactive: z.boolean().optional() }).prefault({});
export type TechnicianListInput = z.infer<typeof technicianListInputSchema>;
export const technicianListOutputSchema = z.array(technicianSchema);

export const technicianCreateInputSchema = z.object({
  name: personNameSchema,
  phone: phoneNumberInputSchema,
  email: emailAddressInputSchema,
  color: technicianColorSchema,
});
export type TechnicianCreateInput = z.infer<typeof technicianCreateInputSchema>;

/** Fields left out stay as they are; null clears phone, email or color. */
export const technicianUpdateInputSchema = z.object({
  id: idSchema,
  version: versionSchema,
  name: personNameSchema.optional(),
  phone: phoneNumberInputSchema,
  email: emailAddressInputSchema,
  color: technicianColorSchema,
});
export type TechnicianUpdateInput = z.infer<typeof technicianUpdateInputSchema>;

export const technicianVersionInputSchema = z.object({ id: idSchema, version: versionSchema });
export type TechnicianVersionInput = z.infer<typeof technicianVersionInputSchema>;
