// Tenant-isolation cases for the signed-in customer's procedures: another organization's task ids answer
// NOT_FOUND (other customers of the same organization: routers/portal.int.test.ts).
import type { IsolationCases } from './types';

export const portalCases: IsolationCases = {
  'portal.me': { kind: 'customer', scopedInput: () => undefined },
  'portal.appointments': { kind: 'customer', scopedInput: () => undefined },
  'portal.appointment': {
    kind: 'customer',
    foreignInput: ({ foreign }) => ({ taskId: foreign.scheduledTask.id }),
  },
  'portal.availability': {
    kind: 'customer',
    foreignInput: ({ foreign }) => ({ taskId: foreign.unscheduledTask.id }),
  },
  'portal.book': {
    kind: 'customer',
    foreignInput: ({ foreign }) => ({
      taskId: foreign.unscheduledTask.id,
      version: 1,
      date: '2030-03-12',
      windowId: foreign.morning.id,
    }),
  },
  'portal.cancel': {
    kind: 'customer',
    foreignInput: ({ foreign }) => ({ taskId: foreign.scheduledTask.id, version: 1, reason: 'Not mine' }),
  },
  'portal.answer': {
    kind: 'customer',
    foreignInput: ({ foreign }) => ({
      taskId: foreign.scheduledTask.id,
      fieldId: foreign.customField.id,
      value: true,
    }),
  },
  'portal.confirm': {
    kind: 'customer',
    foreignInput: ({ foreign }) => ({ taskId: foreign.scheduledTask.id, version: 1 }),
  },
};
