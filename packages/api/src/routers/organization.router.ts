// Procedures of the organization's settings: read (staff) and change (admin).
import { getOrganizationSettings } from '@portico/core/organization/get-organization-settings';
import { removeLogo } from '@portico/core/organization/remove-logo';
import { updateOrganizationSettings } from '@portico/core/organization/update-organization-settings';
import { uploadLogo } from '@portico/core/organization/upload-logo';
import {
  logoRemoveInputSchema,
  logoUploadInputSchema,
  organizationSettingsSchema,
  organizationUpdateInputSchema,
} from '@portico/validators/organization';
import { adminProcedure, router, staffProcedure, syncOutput } from '../trpc';

export const organizationRouter = router({
  get: staffProcedure
    .output(syncOutput(organizationSettingsSchema))
    .query(({ ctx }) => getOrganizationSettings(ctx.core)),
  update: adminProcedure
    .input(organizationUpdateInputSchema)
    .output(syncOutput(organizationSettingsSchema))
    .mutation(({ ctx, input }) => updateOrganizationSettings(ctx.core, input)),
  uploadLogo: adminProcedure
    .input(logoUploadInputSchema)
    .output(syncOutput(organizationSettingsSchema))
    .mutation(({ ctx, input }) => uploadLogo(ctx.core, input)),
  removeLogo: adminProcedure
    .input(logoRemoveInputSchema)
    .output(syncOutput(organizationSettingsSchema))
    .mutation(({ ctx, input }) => removeLogo(ctx.core, input)),
});
