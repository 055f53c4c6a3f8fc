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
};
