// Input and output schemas of the custom-field builder: the questions on the appointment page (admin).
import { z } from 'zod';
import { customFieldKinds, idSchema, versionSchema } from './common';

export const customFieldKindSchema = z.enum(customFieldKinds, {
  message: 'Choose toggle, text, static or dropdown.',
});
export const customFieldValueSchema = z.union([z.string(), z.boolean(), z.null()]);

export const customFieldSchema = z.object({
  id: idSchema,
  kind: customFieldKindSchema,
  label: z.string(),
  description: z.string().nullable(),
  required: z.boolean(),
  defaultValue: customFieldValueSchema,
  options: z.array(z.string()),
  sortOrder: z.number().int(),
  /** null while the field is shown on appointment pages. */
  retiredAt: z.date().nullable(),
  version: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type CustomField = z.infer<typeof customFieldSchema>;

export const customFieldListInputSchema = z.object({ includeRetired: z.boolean().optional() }).optional();
export type CustomFieldListInput = z.infer<typeof customFieldListInputSchema>;
/** In page order (sortOrder, then creation); retired fields last. */
export const customFieldListOutputSchema = z.array(customFieldSchema);

const labelSchema = z.string({ message: 'Give the field a label, such as Gate code.' }).max(120, {
  message: 'Keep the label under 120 characters.',
});
const descriptionSchema = z
  .string()
  .max(1000, { message: 'Keep the description under 1,000 characters.' })
  .nullable();
const optionsSchema = z
  .array(z.string().max(120, { message: 'Keep each option under 120 characters.' }), {
    message: 'Options are a list of texts.',
  })
  .max(50, { message: 'A dropdown can have at most 50 options.' });

/** Kind-specific rules (options only for dropdown, defaults required for toggle/dropdown...) are core's. */
export const customFieldCreateInputSchema = z.object({
  kind: customFieldKindSchema,
  label: labelSchema,
  description: descriptionSchema.optional(),
  required: z.boolean().optional(),
  defaultValue: customFieldValueSchema.optional(),
  options: optionsSchema.optional(),
});
export type CustomFieldCreateInput = z.infer<typeof customFieldCreateInputSchema>;

/** The kind cannot change once customers may have answered; every other property can. */
export const customFieldUpdateInputSchema = z.object({
  id: idSchema,
  version: versionSchema,
  label: labelSchema.optional(),
  description: descriptionSchema.optional(),
  required: z.boolean().optional(),
  defaultValue: customFieldValueSchema.optional(),
  options: optionsSchema.optional(),
});
export type CustomFieldUpdateInput = z.infer<typeof customFieldUpdateInputSchema>;

/** Every active field, in the new order, each with the version the admin saw (any stale one: CONFLICT). */
export const customFieldReorderInputSchema = z.object({
  fields: z
    .array(z.object({ id: idSchema, version: versionSchema }))
    .min(1, { message: 'Give the fields in their new order.' })
    .max(200),
});
export type CustomFieldReorderInput = z.infer<typeof customFieldReorderInputSchema>;

export const customFieldRetireInputSchema = z.object({ id: idSchema, version: versionSchema });
export type CustomFieldRetireInput = z.infer<typeof customFieldRetireInputSchema>;
