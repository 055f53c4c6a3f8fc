// The messages between bench-reminders.ts and the worker processes it runs.

export type WorkerStart = {
  type: 'start';
  name: string;
  databaseUrl: string;
  snsEndpoint: string;
  resendBaseUrl: string;
  /**
   * The worker appends the idempotency key of every send to this file, synchronously, before handing the send to
   * a provider: the file outlives a SIGKILL, so the parent learns afterwards what the dead worker had sent or was
   * sending, without warning it first.
   */
  handedOverFile: string;
};

export type WorkerRequest = WorkerStart;

export type WorkerMessage = { type: 'ready' } | { type: 'failed'; error: string };
