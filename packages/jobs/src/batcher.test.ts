import { describe, expect, it } from 'vitest';
import { createBatcher, perInstance } from './batcher';

describe('createBatcher', () => {
  it('runs the calls of one turn together, answering each its own result', async () => {
    const runs: number[][] = [];
    const double = createBatcher(async (inputs: number[]) => {
      runs.push(inputs);
      return inputs.map((n) => n * 2);
    });
    const results = await Promise.all([double(1), double(2), double(3)]);
    expect(results).toEqual([2, 4, 6]);
    expect(runs).toEqual([[1, 2, 3]]);
    expect(await double(4)).toBe(8);
    expect(runs).toHaveLength(2);
  });

  it('splits past maxBatch and hands a failure to every caller of the failed batch only', async () => {
    const runs: number[][] = [];
    const check = createBatcher(
      async (inputs: number[]) => {
        runs.push(inputs);
        if (inputs.includes(3)) throw new Error('bad batch');
        return inputs;
      },
      { maxBatch: 2 },
    );
    const settled = await Promise.allSettled([check(1), check(2), check(3), check(4)]);
    expect(runs).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'rejected']);
  });

  it('refuses an answer that is shorter than its batch', async () => {
    const short = createBatcher(async (inputs: number[]) => inputs.slice(1));
    const settled = await Promise.allSettled([short(1), short(2)]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected']);
  });
});

describe('perInstance', () => {
  it('makes one value per object', () => {
    let made = 0;
    const get = perInstance((_: object) => ++made);
    const a = {};
    expect(get(a)).toBe(1);
    expect(get(a)).toBe(1);
    expect(get({})).toBe(2);
  });
});
