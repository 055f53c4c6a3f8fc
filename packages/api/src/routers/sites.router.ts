// Procedures of the sites domain: list and search, read, add, edit, archive and restore service addresses.
import { archiveSite } from '@portico/core/sites/archive-site';
import { restoreSite } from '@portico/core/sites/restore-site';
import { createSite } from '@portico/core/sites/create-site';
import { getSite } from '@portico/core/sites/get-site';
import { listSites } from '@portico/core/sites/list-sites';
import { updateSite } from '@portico/core/sites/update-site';
import {
  siteCreateInputSchema,
  siteDetailSchema,
  siteGetInputSchema,
  siteListInputSchema,
  siteListOutputSchema,
  siteSchema,
  siteUpdateInputSchema,
  siteVersionInputSchema,
} from '@portico/validators/sites';
import { router, staffProcedure, syncOutput } from '../trpc';

export const sitesRouter = router({
  list: staffProcedure
    .input(siteListInputSchema)
    .output(syncOutput(siteListOutputSchema))
    .query(({ ctx, input }) => listSites(ctx.core, input)),
  get: staffProcedure
    .input(siteGetInputSchema)
    .output(syncOutput(siteDetailSchema))
    .query(({ ctx, input }) => getSite(ctx.core, input)),
  create: staffProcedure
    .input(siteCreateInputSchema)
    .output(syncOutput(siteSchema))
    .mutation(({ ctx, input }) => createSite(ctx.core, input)),
  update: staffProcedure
    .input(siteUpdateInputSchema)
    .output(syncOutput(siteSchema))
    .mutation(({ ctx, input }) => updateSite(ctx.core, input)),
  archive: staffProcedure
    .input(siteVersionInputSchema)
    .output(syncOutput(siteSchema))
    .mutation(({ ctx, input }) => archiveSite(ctx.core, input)),
  restore: staffProcedure
    .input(siteVersionInputSchema)
    .output(syncOutput(siteSchema))
    .mutation(({ ctx, input }) => restoreSite(ctx.core, input)),
});
