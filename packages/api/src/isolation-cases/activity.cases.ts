// Tenant-isolation cases for the activity router (one per procedure, keyed by its path).
import type { IsolationCases } from './types';

export const activityCases: IsolationCases = {
  'activity.taskTimeline': {
    kind: 'staff',
    foreignInput: ({ foreign }) => ({ taskId: foreign.scheduledTask.id }),
  },
};
