// Procedures of the customers domain: list, read, create (with a first contact and site), edit, archive.
import { archiveCustomer } from '@portico/core/customers/archive-customer';
import { createCustomer } from '@portico/core/customers/create-customer';
import { getCustomer } from '@portico/core/customers/get-customer';
import { listCustomers } from '@portico/core/customers/list-customers';
import { restoreCustomer } from '@portico/core/customers/restore-customer';
import { updateCustomer } from '@portico/core/customers/update-customer';
import {
  customerCreateInputSchema,
  customerCreateOutputSchema,
  customerDetailSchema,
  customerGetInputSchema,
  customerListInputSchema,
  customerListOutputSchema,
  customerSchema,
  customerUpdateInputSchema,
  customerVersionInputSchema,
} from '@portico/validators/customers';
import { router, staffProcedure, syncOutput } from '../trpc';

export const customersRouter = router({
  list: staffProcedure
    .input(customerListInputSchema)
    .output(syncOutput(customerListOutputSchema))
    .query(({ ctx, input }) => listCustomers(ctx.core, input)),
  get: staffProcedure
    .input(customerGetInputSchema)
    .output(syncOutput(customerDetailSchema))
    .query(({ ctx, input }) => getCustomer(ctx.core, input)),
  create: staffProcedure
    .input(customerCreateInputSchema)
    .output(syncOutput(customerCreateOutputSchema))
    .mutation(({ ctx, input }) => createCustomer(ctx.core, input)),
  update: staffProcedure
    .input(customerUpdateInputSchema)
    .output(syncOutput(customerSchema))
    .mutation(({ ctx, input }) => updateCustomer(ctx.core, input)),
  archive: staffProcedure
    .input(customerVersionInputSchema)
    .output(syncOutput(customerSchema))
    .mutation(({ ctx, input }) => archiveCustomer(ctx.core, input)),
  restore: staffProcedure
    .input(customerVersionInputSchema)
    .output(syncOutput(customerSchema))
    .mutation(({ ctx, input }) => restoreCustomer(ctx.core, input)),
});
