// Owns coalescing: calls made in the same turn of the event loop (the jobs of one fetched batch run side by side)
// become one database statement, while each job's code stays written for one job.

export type Batched<I, O> = (input: I) => Promise<O>;

/**
 * Collects inputs until the current turn of the event loop ends, then runs `run` once per `maxBatch` of them.
 * `run` answers one output per input, in order; when it throws, every caller of that batch gets the error.
 */
export function createBatcher<I, O>(
  run: (inputs: I[]) => Promise<O[]>,
  options: { maxBatch?: number } = {},
): Batched<I, O> {
  const maxBatch = options.maxBatch ?? 100;
  let pending: { input: I; resolve: (output: O) => void; reject: (error: unknown) => void }[] = [];
  let isScheduled = false;

  const flush = () => {
    isScheduled = false;
    const all = pending;
    pending = [];
    for (let start = 0; start < all.length; start += maxBatch) {
      const batch = all.slice(start, start + maxBatch);
      run(batch.map((p) => p.input)).then(
        (outputs) => {
          batch.forEach((p, i) => {
            if (i < outputs.length) p.resolve(outputs[i] as O);
            else p.reject(new Error('batched call answered fewer results than it was given'));
          });
        },
        (error: unknown) => batch.forEach((p) => p.reject(error)),
      );
    }
  };

  return (input) =>
    new Promise<O>((resolve, reject) => {
      pending.push({ input, resolve, reject });
      if (!isScheduled) {
        isScheduled = true;
        setImmediate(flush);
      }
    });
}

/** One batcher per database or pg-boss instance (its statements are bound to it), made on first use. */
export function perInstance<D extends object, T>(make: (db: D) => T): (db: D) => T {
  const made = new WeakMap<D, T>();
  return (db) => {
    let value = made.get(db);
    if (value === undefined) {
      value = make(db);
      made.set(db, value);
    }
    return value;
  };
}
