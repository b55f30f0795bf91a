import { describe, expect, it } from 'vitest';
import { waitForQuietLoop } from './quiet-loop';

/** Keeps the event loop busy (`busyMs` of every `everyMs`) for `forMs`. */
function burn(forMs: number, busyMs = 8, everyMs = 1) {
  const until = Date.now() + forMs;
  const timer = setInterval(() => {
    if (Date.now() >= until) return clearInterval(timer);
    const end = Date.now() + busyMs;
    while (Date.now() < end) {
      /* busy */
    }
  }, everyMs);
}

describe('waitForQuietLoop', () => {
  it('answers after one window when nothing else runs', async () => {
    const waited = await waitForQuietLoop({ windowMs: 20, busyShare: 0.5, maxMs: 2000 });
    expect(waited).toBeLessThan(200);
  });

  it('waits while the loop is busy, and starts once it is quiet', async () => {
    burn(300);
    const waited = await waitForQuietLoop({ windowMs: 20, busyShare: 0.5, maxMs: 2000 });
    expect(waited).toBeGreaterThanOrEqual(250);
    expect(waited).toBeLessThan(1500);
  });

  it('waits no longer than maxMs, and not at all once told to stop', async () => {
    burn(1500);
    const capped = await waitForQuietLoop({ windowMs: 20, busyShare: 0.5, maxMs: 200 });
    expect(capped).toBeGreaterThanOrEqual(200);
    expect(capped).toBeLessThan(600);
    const stopped = await waitForQuietLoop({ windowMs: 20, busyShare: 0.5, maxMs: 2000, stop: () => true });
    expect(stopped).toBeLessThan(200);
    await new Promise((r) => setTimeout(r, 1400));
  });
});
