// Tenant-isolation cases for the notifications router (one per procedure, keyed by its path). The log cases
// name a log entry id the fixture does not hold, since fixtures write no log rows: NOT_FOUND there proves a
// lookup scoped to the caller (the integration tests re-send a real foreign entry).
import type { IsolationCases } from './types';

export const notificationsCases: IsolationCases = {
  'notifications.settings': { kind: 'staff', scopedInput: () => undefined },
  'notifications.updateSetting': {
    kind: 'admin',
    scopedInput: () => ({ type: 'task_completed', enabled: false, method: 'email', version: 0 }),
  },
  'notifications.templates': { kind: 'staff', scopedInput: () => undefined },
  'notifications.updateTemplate': {
    kind: 'admin',
    scopedInput: () => ({
      type: 'technician_en_route',
      channel: 'sms',
      body: '{{technician.name}} from {{organization.name}} is on the way.',
      version: 0,
    }),
  },
  'notifications.resetTemplate': {
    kind: 'admin',
    scopedInput: () => ({ type: 'technician_en_route', channel: 'sms', version: 0 }),
  },
  'notifications.previewTemplate': {
    kind: 'staff',
    foreignInput: ({ foreign }) => ({
      taskId: foreign.scheduledTask.id,
      type: 'booking_confirmation',
      channel: 'email',
    }),
    scopedInput: ({ own }) => ({
      taskId: own.scheduledTask.id,
      type: 'booking_confirmation',
      channel: 'sms',
    }),
  },
  'notifications.sendTest': {
    kind: 'admin',
    foreignInput: ({ foreign }) => ({
      taskId: foreign.scheduledTask.id,
      type: 'booking_confirmation',
      channel: 'email',
      to: 'test@example.com',
    }),
    scopedInput: ({ own }) => ({
      taskId: own.scheduledTask.id,
      type: 'booking_confirmation',
      channel: 'sms',
      body: 'Test for {{customer.name}}',
      to: '+1 512 555 0142',
    }),
  },
  'notifications.variables': { kind: 'staff', scopedInput: () => undefined },
  'notifications.log': {
    kind: 'staff',
    scopedInput: () => ({}),
    validInput: () => ({}),
  },
  'notifications.logEntry': {
    kind: 'staff',
    foreignInput: ({ foreign }) => ({ id: foreign.scheduledTask.id }),
  },
  'notifications.resend': {
    kind: 'staff',
    foreignInput: ({ foreign }) => ({ id: foreign.scheduledTask.id }),
  },
};
