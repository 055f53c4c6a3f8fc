import { describe, expect, it } from 'vitest';
import { createNotifier, type NativeNotification } from './notifications';

const TASK_ID = '0b9e3c52-5d1f-4c7a-9a47-2f8f0c3e6b1d';

function setUp(isSupported = true) {
  const shown: { options: { title: string; body: string }; click: () => void }[] = [];
  const events: string[] = [];
  const notifier = createNotifier({
    isSupported: () => isSupported,
    create: (options): NativeNotification => {
      const entry = { options, click: () => {} };
      return {
        show: () => shown.push(entry),
        onClick: (listener) => {
          entry.click = listener;
        },
        onDone: () => {},
      };
    },
    focusWindow: () => events.push('focus'),
    openTask: (taskId) => events.push(`open ${taskId}`),
  });
  return { notifier, shown, events };
}

describe('native notifications', () => {
  it('shows the title and body, and a click focuses the window and opens the task', () => {
    const { notifier, shown, events } = setUp();
    notifier.notify({ title: 'Booked', body: 'Maria chose Tue 8–12', taskId: TASK_ID });
    expect(shown.map((s) => s.options)).toEqual([{ title: 'Booked', body: 'Maria chose Tue 8–12' }]);
    expect(events).toEqual([]);
    shown[0]!.click();
    expect(events).toEqual(['focus', `open ${TASK_ID}`]);
  });

  it('only focuses the window when no task is named', () => {
    const { notifier, shown, events } = setUp();
    notifier.notify({ title: 'Connection restored', body: '' });
    shown[0]!.click();
    expect(events).toEqual(['focus']);
  });

  it('shows nothing where the OS has no notifications', () => {
    const { notifier, shown } = setUp(false);
    notifier.notify({ title: 'Booked', body: 'x', taskId: TASK_ID });
    expect(shown).toEqual([]);
  });
});
