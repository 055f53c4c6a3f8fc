// Native notifications: shows one per request, and a click brings the window forward on the task it names.
import type { DesktopNotification } from '../shared/ipc-payloads';

/** The part of an Electron Notification this module uses; index.ts adapts the real one. */
export type NativeNotification = {
  show: () => void;
  onClick: (listener: () => void) => void;
  /** Closed, dismissed or failed: the OS will not report a click any more. */
  onDone: (listener: () => void) => void;
};

export type Notifier = { notify: (notification: DesktopNotification) => void };

export function createNotifier({
  isSupported,
  create,
  focusWindow,
  openTask,
}: {
  isSupported: () => boolean;
  create: (options: { title: string; body: string }) => NativeNotification;
  /** Shows, restores and focuses the main window (creating it if it was closed). */
  focusWindow: () => void;
  /** Sends the renderer to this task. */
  openTask: (taskId: string) => void;
}): Notifier {
  // Electron drops a notification's click handler once the object is garbage collected: hold each one until done.
  const showing = new Set<NativeNotification>();
  return {
    notify({ title, body, taskId }) {
      if (!isSupported()) return;
      const notification = create({ title, body });
      showing.add(notification);
      notification.onClick(() => {
        showing.delete(notification);
        focusWindow();
        if (taskId) openTask(taskId);
      });
      notification.onDone(() => showing.delete(notification));
      notification.show();
    },
  };
}
