/**
 * Creates something at most once per request key (the client's `Idempotency-Key`): a retried or doubled submission
 * whose key already created something gets that back (`replayed`) instead of a second one. `find` looks the key up;
 * `create` stores the key with what it creates, under a unique index named `constraint`. Two submissions with one key
 * at the same moment: the index makes the second wait for the first to commit, then fail, and it answers with what
 * the first created.
 */
export async function createOnce<T>(opts: {
  find: () => Promise<T | undefined>;
  create: () => Promise<T>;
  constraint: string;
}): Promise<{ value: T; replayed: boolean }> {
  const found = await opts.find();
  if (found !== undefined) return { value: found, replayed: true };
  try {
    return { value: await opts.create(), replayed: false };
  } catch (err) {
    const e = err as { code?: string; constraint?: string };
    if (e.code === '23505' && e.constraint === opts.constraint) {
      const again = await opts.find();
      if (again !== undefined) return { value: again, replayed: true };
    }
    throw err;
  }
}
