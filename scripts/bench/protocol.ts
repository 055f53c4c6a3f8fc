// The messages between bench-api.ts and the bench server it runs in a child process.

export type BenchServerStart = {
  type: 'start';
  databaseUrl: string;
  /** The tasks.list input both the tRPC procedure and the plain route answer. */
  listInput: Record<string, unknown>;
};

/** Starts or stops the V8 CPU profiler in the bench server; stop writes the profile to `file`. */
export type BenchServerProfile = { type: 'profile-start' } | { type: 'profile-stop'; file: string };

export type BenchServerRequest = BenchServerStart | BenchServerProfile;

export type BenchServerMessage =
  | { type: 'listening'; port: number }
  | { type: 'failed'; error: string }
  | { type: 'profile-started' }
  | { type: 'profile-written'; file: string }
  | { type: 'profile-failed'; error: string };
