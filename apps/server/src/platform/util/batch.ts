/**
 * Gathers the calls made while the event loop handles one round of I/O and runs them together on the next turn
 * (setImmediate). Under a burst, the requests that arrived together cost one database round trip instead of one each;
 * a lone call waits only for the end of the current turn. `run` answers the inputs in order, one output each; if it
 * fails, every call of that batch fails with its error.
 */
export function batchByTurn<I, O>(
  run: (inputs: I[]) => Promise<O[]>,
  opts: { max?: number } = {},
): (input: I) => Promise<O> {
  const max = opts.max ?? 200;
  let queue: { input: I; resolve: (o: O) => void; reject: (e: unknown) => void }[] = [];
  let scheduled = false;

  function flush() {
    scheduled = false;
    const all = queue;
    queue = [];
    for (let i = 0; i < all.length; i += max) {
      const part = all.slice(i, i + max);
      Promise.resolve()
        .then(() => run(part.map((p) => p.input)))
        .then((outs) => {
          if (outs.length !== part.length) throw new Error(`batch answered ${outs.length} of ${part.length} calls`);
          part.forEach((p, k) => p.resolve(outs[k]!));
        })
        .catch((e: unknown) => part.forEach((p) => p.reject(e)));
    }
  }

  return (input) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ input, resolve, reject });
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    });
}

/**
 * Gathers what overlapping pieces of work produce and hands it on together: once none is under way and none has
 * started for `quietMs`, or `maxWaitMs` after the first item waited (under steady work). `begin()` marks a piece
 * started and returns its `end(items)`, to be called once, also when the piece failed (with no items). `add(items)` is
 * a piece that begins and ends at once: items then wait for a quiet spell of `quietMs` since the last ones came.
 * `flushNow()` hands on what waits at once and resolves when `flush` has (on shutdown).
 */
export function gatherWhileBusy<T>(
  flush: (items: T[]) => void | Promise<void>,
  opts: { quietMs: number; maxWaitMs: number },
): { begin(): (items: T[]) => void; add(items: T[]): void; flushNow(): Promise<void> } {
  let running = 0;
  let pending: T[] = [];
  let since = 0;
  let timer: NodeJS.Timeout | null = null;

  function take(): T[] {
    if (timer) clearTimeout(timer);
    timer = null;
    const all = pending;
    pending = [];
    return all;
  }

  function check() {
    timer = null;
    if (pending.length === 0) return;
    const waited = Date.now() - since;
    if (running === 0 || waited >= opts.maxWaitMs) {
      void flush(take());
      return;
    }
    timer = setTimeout(check, opts.maxWaitMs - waited);
  }

  function arm(ms: number) {
    if (timer) clearTimeout(timer);
    timer = setTimeout(check, ms);
  }

  function begin() {
    running++;
    let ended = false;
    return (items: T[]) => {
      if (ended) return;
      ended = true;
      running--;
      if (items.length === 0 && pending.length === 0) return;
      if (pending.length === 0) since = Date.now();
      pending.push(...items);
      const left = opts.maxWaitMs - (Date.now() - since);
      arm(Math.max(0, running === 0 ? Math.min(opts.quietMs, left) : left));
    };
  }

  return {
    begin,
    add: (items) => begin()(items),
    async flushNow() {
      if (pending.length) await flush(take());
    },
  };
}
