// Hands main’s events to the renderer’s listeners (used by the preload); can hold the last one until heard.

export type EventRelay<T> = {
  deliver: (value: T) => void;
  subscribe: (listener: (value: T) => void) => () => void;
};

/**
 * With `holdUntilHeard`, a value delivered while nobody listens waits for the first subscriber: a deep link
 * that started the app arrives before the person has signed in and the task page's listener exists.
 */
export function createEventRelay<T>({ holdUntilHeard }: { holdUntilHeard: boolean }): EventRelay<T> {
  const listeners = new Set<(value: T) => void>();
  let held: { value: T } | null = null;
  return {
    deliver(value) {
      if (listeners.size === 0) {
        if (holdUntilHeard) held = { value };
        return;
      }
      listeners.forEach((listener) => listener(value));
    },
    subscribe(listener) {
      listeners.add(listener);
      if (held) {
        const { value } = held;
        held = null;
        listener(value);
      }
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
