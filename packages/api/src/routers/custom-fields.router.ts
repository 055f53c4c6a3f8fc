// Procedures of the custom-field builder: the questions on the appointment page (list: staff; changes: admin).
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
import { notBuilt } from './not-built';

export const customFieldsRouter = router({
  list: staffProcedure
    .input(customFieldListInputSchema)
    .output(syncOutput(customFieldListOutputSchema))
    .query(() => notBuilt()),
  create: adminProcedure
    .input(customFieldCreateInputSchema)
    .output(syncOutput(customFieldSchema))
    .mutation(() => notBuilt()),
  update: adminProcedure
    .input(customFieldUpdateInputSchema)
    .output(syncOutput(customFieldSchema))
    .mutation(() => notBuilt()),
  /** Answers with the whole list in its new order. */
  reorder: adminProcedure
    .input(customFieldReorderInputSchema)
    .output(syncOutput(customFieldListOutputSchema))
    .mutation(() => notBuilt()),
  retire: adminProcedure
    .input(customFieldRetireInputSchema)
    .output(syncOutput(customFieldSchema))
    .mutation(() => notBuilt()),
  restore: adminProcedure
    .input(customFieldRetireInputSchema)
    .output(syncOutput(customFieldSchema))
    .mutation(() => notBuilt()),
});
