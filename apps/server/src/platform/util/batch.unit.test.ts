import { describe, expect, it, vi } from 'vitest';
import { batchByTurn, gatherWhileBusy } from './batch';

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

describe('gatherWhileBusy', () => {
  /** A gatherer (10 ms quiet, 100 ms at most) and what it flushed, on fake timers for the test's length. */
  const withGatherer = (test: (g: ReturnType<typeof gatherWhileBusy<number>>, flushed: number[][]) => void) => () => {
    vi.useFakeTimers();
    try {
      const flushed: number[][] = [];
      test(
        gatherWhileBusy<number>((xs) => void flushed.push(xs), { quietMs: 10, maxWaitMs: 100 }),
        flushed,
      );
    } finally {
      vi.useRealTimers();
    }
  };

  it(
    'hands on what overlapping pieces produced together, once none is under way and a quiet spell passed',
    withGatherer((g, flushed) => {
      const a = g.begin();
      const b = g.begin();
      a([1, 2]);
      vi.advanceTimersByTime(50);
      expect(flushed).toEqual([]); // b is still under way
      b([3]);
      vi.advanceTimersByTime(5);
      const c = g.begin(); // starts within the quiet spell: waited for too
      vi.advanceTimersByTime(20);
      expect(flushed).toEqual([]);
      c([4]);
      vi.advanceTimersByTime(10);
      expect(flushed).toEqual([[1, 2, 3, 4]]);
    }),
  );

  it(
    'does not wait longer than maxWaitMs under steady work, and starts over after a flush',
    withGatherer((g, flushed) => {
      g.begin(); // never ends
      const a = g.begin();
      a([1]);
      vi.advanceTimersByTime(99);
      expect(flushed).toEqual([]);
      vi.advanceTimersByTime(1);
      expect(flushed).toEqual([[1]]);
      const b = g.begin();
      b([2]);
      vi.advanceTimersByTime(99);
      expect(flushed).toEqual([[1]]);
      vi.advanceTimersByTime(1);
      expect(flushed).toEqual([[1], [2]]);
    }),
  );

  it(
    'ignores a second end and flushes nothing for pieces that produced nothing',
    withGatherer((g, flushed) => {
      const a = g.begin();
      a([]);
      a([9]);
      vi.advanceTimersByTime(200);
      expect(flushed).toEqual([]);
      const b = g.begin();
      b([5]);
      vi.advanceTimersByTime(10);
      expect(flushed).toEqual([[5]]);
    }),
  );

  it(
    'holds added items until none came for a quiet spell, and no longer than maxWaitMs',
    withGatherer((g, flushed) => {
      g.add([1]);
      vi.advanceTimersByTime(8);
      g.add([2]);
      vi.advanceTimersByTime(8);
      expect(flushed).toEqual([]); // 8 ms since the last one
      vi.advanceTimersByTime(2);
      expect(flushed).toEqual([[1, 2]]);
      for (let t = 0; t < 99; t += 5) {
        g.add([t]);
        vi.advanceTimersByTime(5);
      }
      expect(flushed.length).toBe(2);
      expect(flushed[1]![0]).toBe(0);
    }),
  );

  it('hands on what waits at once when asked, and only once', async () => {
    const flushed: number[][] = [];
    let done = false;
    const g = gatherWhileBusy<number>(
      async (xs) => {
        await new Promise((r) => setTimeout(r, 5));
        flushed.push(xs);
        done = true;
      },
      { quietMs: 50, maxWaitMs: 100 },
    );
    await g.flushNow(); // nothing waits: nothing handed on
    expect(flushed).toEqual([]);
    g.add([1, 2]);
    await g.flushNow();
    expect(done).toBe(true); // resolved once the flush had finished
    await new Promise((r) => setTimeout(r, 80));
    expect(flushed).toEqual([[1, 2]]);
  });
});
