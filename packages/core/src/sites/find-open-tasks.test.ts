import { describe, expect, it } from 'vitest';
import { describeOpenTasks } from './find-open-tasks';

describe('describeOpenTasks', () => {
  it('names the tasks, and counts the ones it does not show', () => {
    expect(describeOpenTasks({ count: 1, booked: 0, numbers: [1042] })).toBe('1 open task (T-1042)');
    expect(describeOpenTasks({ count: 7, booked: 3, numbers: [1, 2, 3, 4, 5] })).toBe(
      '7 open tasks (T-1, T-2, T-3, T-4, T-5 and 2 more)',
    );
  });
});
