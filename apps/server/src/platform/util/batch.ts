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
