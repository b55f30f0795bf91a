import { describe, expect, it } from 'vitest';
import { batchByTurn } from './batch';

const turn = () => new Promise((r) => setImmediate(r));

describe('batchByTurn', () => {
  it('runs the calls made in one turn together, in order, and answers each its own output', async () => {
    const runs: number[][] = [];
    const double = batchByTurn(async (xs: number[]) => {
      runs.push(xs);
      return xs.map((x) => x * 2);
    });
    const first = await Promise.all([double(1), double(2), double(3)]);
    expect(first).toEqual([2, 4, 6]);
    expect(runs).toEqual([[1, 2, 3]]);
  });

  it('starts a new batch for calls made after the flush', async () => {
    const runs: string[][] = [];
    const echo = batchByTurn(async (xs: string[]) => {
      runs.push(xs);
      return xs;
    });
    const a = echo('a');
    await turn();
    const b = echo('b');
    expect(await Promise.all([a, b])).toEqual(['a', 'b']);
    expect(runs).toEqual([['a'], ['b']]);
  });

  it('splits a large batch at max', async () => {
    const sizes: number[] = [];
    const id = batchByTurn(
      async (xs: number[]) => {
        sizes.push(xs.length);
        return xs;
      },
      { max: 4 },
    );
    const out = await Promise.all(Array.from({ length: 10 }, (_, i) => id(i)));
    expect(out).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(sizes).toEqual([4, 4, 2]);
  });

  it('fails every call of a batch whose run fails, and only those', async () => {
    let n = 0;
    const flaky = batchByTurn(async (xs: number[]) => {
      if (n++ === 0) throw new Error('database gone');
      return xs;
    });
    const failed = await Promise.allSettled([flaky(1), flaky(2)]);
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect((failed[0] as PromiseRejectedResult).reason.message).toBe('database gone');
    expect(await flaky(3)).toBe(3);
  });

  it('refuses an answer that does not match the calls', async () => {
    const short = batchByTurn(async (xs: number[]) => xs.slice(1));
    await expect(Promise.all([short(1), short(2)])).rejects.toThrow('batch answered 1 of 2 calls');
  });
});
