// Procedures of the notifications domain: settings per type, templates (edit, reset, preview), the log, re-send.
import { getNotificationLogEntry } from '@portico/core/notifications-admin/get-notification-log-entry';
import { listNotificationLog } from '@portico/core/notifications-admin/list-notification-log';
import { listNotificationSettings } from '@portico/core/notifications-admin/list-notification-settings';
import { listNotificationTemplates } from '@portico/core/notifications-admin/list-notification-templates';
import { listTemplateVariables } from '@portico/core/notifications-admin/list-template-variables';
import { previewNotificationTemplate } from '@portico/core/notifications-admin/preview-notification-template';
import { resendNotification } from '@portico/core/notifications-admin/resend-notification';
import { resetNotificationTemplate } from '@portico/core/notifications-admin/reset-notification-template';
import { sendTestNotification } from '@portico/core/notifications-admin/send-test-notification';
import { updateNotificationSetting } from '@portico/core/notifications-admin/update-notification-setting';
import { updateNotificationTemplate } from '@portico/core/notifications-admin/update-notification-template';
import {
  notificationLogEntryInputSchema,
  notificationLogEntrySchema,
  notificationLogInputSchema,
  notificationLogOutputSchema,
  notificationPreviewSchema,
  notificationResendInputSchema,
  notificationResendOutputSchema,
  notificationSendTestInputSchema,
  notificationSendTestOutputSchema,
  notificationSettingSchema,
  notificationSettingsOutputSchema,
  notificationSettingUpdateInputSchema,
  notificationTemplateResetInputSchema,
  notificationTemplatePreviewInputSchema,
  notificationTemplateSchema,
  notificationTemplatesOutputSchema,
  notificationTemplateUpdateInputSchema,
  templateVariablesOutputSchema,
} from '@portico/validators/notifications';
import { adminProcedure, router, staffProcedure, syncOutput } from '../trpc';

export const notificationsRouter = router({
  settings: staffProcedure
    .output(syncOutput(notificationSettingsOutputSchema))
    .query(({ ctx }) => listNotificationSettings(ctx.core)),
  updateSetting: adminProcedure
    .input(notificationSettingUpdateInputSchema)
    .output(syncOutput(notificationSettingSchema))
    .mutation(({ ctx, input }) => updateNotificationSetting(ctx.core, input)),

  templates: staffProcedure
    .output(syncOutput(notificationTemplatesOutputSchema))
    .query(({ ctx }) => listNotificationTemplates(ctx.core)),
  updateTemplate: adminProcedure
    .input(notificationTemplateUpdateInputSchema)
    .output(syncOutput(notificationTemplateSchema))
    .mutation(({ ctx, input }) => updateNotificationTemplate(ctx.core, input)),
  resetTemplate: adminProcedure
    .input(notificationTemplateResetInputSchema)
    .output(syncOutput(notificationTemplateSchema))
    .mutation(({ ctx, input }) => resetNotificationTemplate(ctx.core, input)),
  // A mutation although it changes nothing: the unsaved template travels in the body, since a 10,000-character
  // template encoded into a GET query string can pass Node's 16 KB header limit.
  previewTemplate: staffProcedure
    .input(notificationTemplatePreviewInputSchema)
    .output(syncOutput(notificationPreviewSchema))
    .mutation(({ ctx, input }) =>
      previewNotificationTemplate(ctx.core, input, { publicOrigin: ctx.publicOrigin }),
    ),
  /** Renders the (unsaved) template against a real task and sends it to the address or number typed (worker). */
  sendTest: adminProcedure
    .input(notificationSendTestInputSchema)
    .output(syncOutput(notificationSendTestOutputSchema))
    .mutation(({ ctx, input }) => sendTestNotification(ctx.core, input, { publicOrigin: ctx.publicOrigin })),
  variables: staffProcedure
    .output(syncOutput(templateVariablesOutputSchema))
    .query(() => listTemplateVariables()),

  log: staffProcedure
    .input(notificationLogInputSchema)
    .output(syncOutput(notificationLogOutputSchema))
    .query(({ ctx, input }) => listNotificationLog(ctx.core, input)),
  logEntry: staffProcedure
    .input(notificationLogEntryInputSchema)
    .output(syncOutput(notificationLogEntrySchema))
    .query(({ ctx, input }) => getNotificationLogEntry(ctx.core, input)),
  resend: staffProcedure
    .input(notificationResendInputSchema)
    .output(syncOutput(notificationResendOutputSchema))
    .mutation(({ ctx, input }) => resendNotification(ctx.core, input)),
});
