// Tenant-isolation cases for the tasks router (one per procedure, keyed by its path). Ids nested in the
// inputs (site, window, technician of another organization) are covered in tasks.int.test.ts.
import type { IsolationCases } from './types';

export const tasksCases: IsolationCases = {
  'tasks.create': {
    kind: 'staff',
    foreignInput: ({ foreign }) => ({
      customerId: foreign.customer.id,
      siteId: foreign.site.id,
      serviceType: 'Furnace tune-up',
      schedulingMode: 'customer_selects',
    }),
    validInput: ({ own }) => ({
      customerId: own.customer.id,
      siteId: own.site.id,
      serviceType: 'Furnace tune-up',
      schedulingMode: 'customer_selects',
    }),
  },
  'tasks.update': {
    kind: 'staff',
    foreignInput: ({ foreign }) => ({
      id: foreign.unscheduledTask.id,
      version: 1,
      serviceType: 'Taken over',
    }),
  },
  'tasks.schedule': {
    kind: 'staff',
    foreignInput: ({ foreign }) => ({
      id: foreign.unscheduledTask.id,
      version: 1,
      date: '2030-03-12',
      windowId: foreign.morning.id,
    }),
  },
  'tasks.edit': {
    kind: 'staff',
    foreignInput: ({ foreign }) => ({
      id: foreign.unscheduledTask.id,
      version: 1,
      serviceType: 'Taken over',
      technicianId: foreign.technician.id,
    }),
  },
  'tasks.assign': {
    kind: 'staff',
    foreignInput: ({ foreign }) => ({
      id: foreign.unscheduledTask.id,
      version: 1,
      technicianId: foreign.technician.id,
    }),
  },
  'tasks.transition': {
    kind: 'staff',
    foreignInput: ({ foreign }) => ({
      id: foreign.scheduledTask.id,
      version: 1,
      action: 'cancel',
      reason: 'Not ours',
    }),
  },
  'tasks.get': { kind: 'staff', foreignInput: ({ foreign }) => ({ id: foreign.scheduledTask.id }) },
  'tasks.list': { kind: 'staff', scopedInput: () => ({ limit: 200 }) },
  'tasks.answers': { kind: 'staff', foreignInput: ({ foreign }) => ({ taskId: foreign.scheduledTask.id }) },
};
