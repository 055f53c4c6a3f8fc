// Procedures of the contacts domain: list a customer's contacts, add, edit, archive, restore.
import { archiveContact } from '@portico/core/contacts/archive-contact';
import { restoreContact } from '@portico/core/contacts/restore-contact';
import { createContact } from '@portico/core/contacts/create-contact';
import { listContacts } from '@portico/core/contacts/list-contacts';
import { updateContact } from '@portico/core/contacts/update-contact';
import {
  contactCreateInputSchema,
  contactListInputSchema,
  contactListOutputSchema,
  contactSchema,
  contactUpdateInputSchema,
  contactVersionInputSchema,
} from '@portico/validators/contacts';
import { router, staffProcedure, syncOutput } from '../trpc';

export const contactsRouter = router({
  list: staffProcedure
    .input(contactListInputSchema)
    .output(syncOutput(contactListOutputSchema))
    .query(({ ctx, input }) => listContacts(ctx.core, input)),
  create: staffProcedure
    .input(contactCreateInputSchema)
    .output(syncOutput(contactSchema))
    .mutation(({ ctx, input }) => createContact(ctx.core, input)),
  update: staffProcedure
    .input(contactUpdateInputSchema)
    .output(syncOutput(contactSchema))
    .mutation(({ ctx, input }) => updateContact(ctx.core, input)),
  archive: staffProcedure
    .input(contactVersionInputSchema)
    .output(syncOutput(contactSchema))
    .mutation(({ ctx, input }) => archiveContact(ctx.core, input)),
  restore: staffProcedure
    .input(contactVersionInputSchema)
    .output(syncOutput(contactSchema))
    .mutation(({ ctx, input }) => restoreContact(ctx.core, input)),
});
