// Procedures of the custom-field builder: the questions on the appointment page (list: staff; changes: admin).
import { createCustomField } from '@portico/core/custom-fields/create-custom-field';
import { listCustomFields } from '@portico/core/custom-fields/list-custom-fields';
import { reorderCustomFields } from '@portico/core/custom-fields/reorder-custom-fields';
import { restoreCustomField } from '@portico/core/custom-fields/restore-custom-field';
import { retireCustomField } from '@portico/core/custom-fields/retire-custom-field';
import { updateCustomField } from '@portico/core/custom-fields/update-custom-field';
import {
  customFieldCreateInputSchema,
  customFieldListInputSchema,
  customFieldListOutputSchema,
  customFieldReorderInputSchema,
  customFieldRetireInputSchema,
  customFieldSchema,
  customFieldUpdateInputSchema,
} from '@portico/validators/custom-fields';
import { adminProcedure, router, staffProcedure, syncOutput } from '../trpc';

export const customFieldsRouter = router({
  list: staffProcedure
    .input(customFieldListInputSchema)
    .output(syncOutput(customFieldListOutputSchema))
    .query(({ ctx, input }) => listCustomFields(ctx.core, input)),
  create: adminProcedure
    .input(customFieldCreateInputSchema)
    .output(syncOutput(customFieldSchema))
    .mutation(({ ctx, input }) => createCustomField(ctx.core, input)),
  update: adminProcedure
    .input(customFieldUpdateInputSchema)
    .output(syncOutput(customFieldSchema))
    .mutation(({ ctx, input }) => updateCustomField(ctx.core, input)),
  /** Answers with the whole list in its new order. */
  reorder: adminProcedure
    .input(customFieldReorderInputSchema)
    .output(syncOutput(customFieldListOutputSchema))
    .mutation(({ ctx, input }) => reorderCustomFields(ctx.core, input)),
  retire: adminProcedure
    .input(customFieldRetireInputSchema)
    .output(syncOutput(customFieldSchema))
    .mutation(({ ctx, input }) => retireCustomField(ctx.core, input)),
  restore: adminProcedure
    .input(customFieldRetireInputSchema)
    .output(syncOutput(customFieldSchema))
    .mutation(({ ctx, input }) => restoreCustomField(ctx.core, input)),
});
