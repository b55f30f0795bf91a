/**
 * The first slot after `now` on the grid `slot + k·interval`. Missed slots (every instance was down)
 * are skipped rather than replayed: a periodic job catches up by running once.
 */
export function nextSlotAfter(slot: Date, now: Date, intervalSeconds: number): Date {
  const step = intervalSeconds * 1000;
  const behind = now.getTime() - slot.getTime();
  const k = behind < 0 ? 1 : Math.floor(behind / step) + 1;
  return new Date(slot.getTime() + k * step);
}

/** The dedupe key of one slot of a schedule: the same on every instance, so the slot is enqueued once. */
export function slotKey(name: string, slot: Date): string {
  return `${name}:${slot.toISOString()}`;
}
