// Tenant-isolation cases for the custom-field builder (one per procedure, keyed by its path).
import type { IsolationCases } from './types';

export const customFieldsCases: IsolationCases = {
  'customFields.list': { kind: 'staff', scopedInput: () => ({ includeRetired: true }) },
  'customFields.create': {
    kind: 'admin',
    scopedInput: () => ({ kind: 'text', label: 'Gate code' }),
  },
  'customFields.update': {
    kind: 'admin',
    foreignInput: ({ foreign }) => ({
      id: foreign.customField.id,
      version: foreign.customField.version,
      label: 'Taken over',
    }),
  },
  'customFields.reorder': {
    kind: 'admin',
    // the foreign field mixed into an otherwise valid list of the caller's own
    foreignInput: ({ own, foreign }) => ({
      fields: [
        { id: foreign.customField.id, version: foreign.customField.version },
        { id: own.customField.id, version: own.customField.version },
      ],
    }),
    validInput: ({ own }) => ({ fields: [{ id: own.customField.id, version: own.customField.version }] }),
  },
  'customFields.retire': {
    kind: 'admin',
    foreignInput: ({ foreign }) => ({ id: foreign.customField.id, version: foreign.customField.version }),
  },
  'customFields.restore': {
    kind: 'admin',
    foreignInput: ({ foreign }) => ({ id: foreign.customField.id, version: foreign.customField.version }),
  },
};
