import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS, type Role } from '@paidan/shared';
import type { AuthContext } from '../auth/context';
import { scopeFor } from '../auth/scope';
import type { BusEvent, EventBus } from './event-bus';
import { formatSse, registerScopedTopic, registerTopicFilter, scopeCovers, shouldDeliver, SseHub } from './sse';

function viewer(
  id: number,
  role: Role,
  extra: { orgPath?: string; customerId?: number; sessionId?: string } = {},
): AuthContext {
  const user = {
    id,
    username: `u${id}`,
    displayName: `u${id}`,
    role,
    orgId: null,
    orgPath: extra.orgPath ?? null,
    customerId: extra.customerId ?? null,
    lang: 'zh' as const,
  };
  return {
    user,
    sessionId: extra.sessionId ?? `s${id}`,
    csrfToken: null,
    permissions: new Set(ROLE_PERMISSIONS[role]),
    scope: scopeFor(user),
  };
}

/** An in-memory bus: what publish sends, subscribers get. */
function fakeBus() {
  const hs = new Set<(e: BusEvent) => void>();
  return {
    bus: { subscribe: (h: (e: BusEvent) => void) => (hs.add(h), () => hs.delete(h)) } as unknown as EventBus,
    emit: (e: BusEvent) => hs.forEach((h) => h(e)),
    get subscribers() {
      return hs.size;
    },
  };
}

describe('who receives what', () => {
  const admin = viewer(1, 'admin');
  const sup = viewer(2, 'supervisor', { orgPath: '/1/2/' });
  const cust = viewer(3, 'customer_user', { customerId: 7 });
  const tech = viewer(4, 'technician', { orgPath: '/1/2/5/' });

  it('sends addressed events to the listed users only', () => {
    const e = { topic: 'notification', userIds: [3], data: {} };
    expect(shouldDeliver(e, cust)).toBe(true);
    expect(shouldDeliver(e, admin)).toBe(false);
  });

  it('sends a topic-wide event to nobody unless its topic has a filter', () => {
    expect(shouldDeliver({ topic: 'unit.nofilter', data: {} }, admin)).toBe(false);
    registerTopicFilter('unit.everyone', () => true);
    expect(shouldDeliver({ topic: 'unit.everyone', data: {} }, cust)).toBe(true);
  });

  it('applies permission and data scope for scoped topics', () => {
    registerScopedTopic('unit.ticket', {
      permission: 'customer.read',
      target: (d) => d as { orgPath: string; customerId: number; userIds: number[] },
    });
    const e = (data: object): BusEvent => ({ topic: 'unit.ticket', data });
    const inside = e({ orgPath: '/1/2/9/', customerId: 7, userIds: [] });
    const outside = e({ orgPath: '/1/3/', customerId: 8, userIds: [] });
    expect(shouldDeliver(inside, admin)).toBe(true);
    expect(shouldDeliver(inside, sup)).toBe(true);
    expect(shouldDeliver(outside, sup)).toBe(false);
    expect(shouldDeliver(inside, cust)).toBe(true);
    expect(shouldDeliver(outside, cust)).toBe(false);
    expect(shouldDeliver(inside, tech)).toBe(false); // no customer.read
  });

  it('scopeCovers follows the repos’ rules', () => {
    expect(scopeCovers({ kind: 'org', orgPath: '/1/2/' }, { orgPath: '/1/2/' })).toBe(true);
    expect(scopeCovers({ kind: 'org', orgPath: '/1/2/' }, { orgPath: '/1/22/' })).toBe(false);
    expect(scopeCovers({ kind: 'org', orgPath: '/1/2/' }, {})).toBe(false);
    expect(scopeCovers({ kind: 'own_customers', userId: 5, orgPath: '/1/' }, { accountManagerId: 5 })).toBe(true);
    expect(scopeCovers({ kind: 'self', userId: 5 }, { userIds: [5] })).toBe(true);
    expect(scopeCovers({ kind: 'self', userId: 5 }, { orgPath: '/1/' })).toBe(false);
  });

  it('formats one event per frame, newline-safe', () => {
    expect(formatSse('notification', { t: 'a\nb' })).toBe('event: notification\ndata: {"t":"a\\nb"}\n\n');
    expect(formatSse('x\ny', 1)).toBe('event: xy\ndata: 1\n\n');
  });
});

describe('SseHub over a real socket', () => {
  let server: http.Server | null = null;
  let hub: SseHub | null = null;
  afterEach(async () => {
    hub?.close();
    server?.closeAllConnections();
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    server = null;
    hub = null;
  });

  async function serve(h: SseHub, who: (url: string) => AuthContext): Promise<string> {
    server = http.createServer((req, res) => h.open(res, who(req.url ?? '')));
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async function read(url: string, until: (text: string) => boolean, ms = 3_000) {
    const ac = new AbortController();
    const res = await fetch(url, { signal: ac.signal });
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    const deadline = Date.now() + ms;
    while (!until(text) && Date.now() < deadline) {
      const r = await Promise.race([reader.read(), new Promise<null>((ok) => setTimeout(() => ok(null), 50))]);
      if (r && r.done) break;
      if (r?.value) text += r.value;
    }
    const more = async (wait: number) => {
      let extra = '';
      const end = Date.now() + wait;
      while (Date.now() < end) {
        const r = await Promise.race([reader.read(), new Promise<null>((ok) => setTimeout(() => ok(null), 50))]);
        if (r && r.done) break;
        if (r?.value) extra += r.value;
      }
      return extra;
    };
    return { text, res, more, close: () => ac.abort() };
  }

  const wait = async (cond: () => boolean) => {
    for (let i = 0; i < 100 && !cond(); i++) await new Promise((r) => setTimeout(r, 20));
  };

  it('delivers events dispatched in the same tick together, whole and in order', async () => {
    const { bus, emit } = fakeBus();
    hub = new SseHub(bus);
    const base = await serve(hub, () => viewer(9, 'admin'));
    const c = await read(base, (t) => t.includes('event: ready'));
    await wait(() => hub!.size === 1);
    emit({ topic: 'notification', userIds: [9], data: { n: 1 } });
    emit({ topic: 'notification', userIds: [9], data: { n: 2 } });
    const text = await c.more(300);
    expect(text).toBe(`${formatSse('notification', { n: 1 })}${formatSse('notification', { n: 2 })}`);
    c.close();
  });

  it('sends heartbeats and forgets a client that disconnects', async () => {
    const f = fakeBus();
    hub = new SseHub(f.bus, { heartbeatMs: 30 });
    const url = await serve(hub, () => viewer(3, 'customer_user', { customerId: 7 }));
    const c = await read(url, (t) => (t.match(/: ping/g) ?? []).length >= 2);
    expect(c.res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(c.res.headers.get('cache-control')).toMatch(/no-cache/);
    expect(c.text).toMatch(/^retry: 5000\nevent: ready\n/);
    expect((c.text.match(/: ping/g) ?? []).length).toBeGreaterThanOrEqual(2);
    expect(hub.size).toBe(1);
    c.close();
    await wait(() => hub!.size === 0);
    expect(hub.size).toBe(0);
  });

  it('ends streams whose session is gone', async () => {
    const f = fakeBus();
    hub = new SseHub(f.bus, {
      revalidateMs: 30,
      validSessions: async (ids) => new Set(ids.filter((i) => i !== 'gone')),
    });
    const url = await serve(hub, (u) =>
      viewer(u.includes('gone') ? 9 : 8, 'dispatcher', {
        orgPath: '/1/',
        sessionId: u.includes('gone') ? 'gone' : 'live',
      }),
    );
    const gone = await read(`${url}/gone`, (t) => t.includes('session-ended'));
    expect(gone.text).toContain('event: session-ended');
    await wait(() => hub!.size === 0);
    const live = await read(`${url}/live`, () => false, 200);
    expect(live.text).not.toContain('session-ended');
    expect(hub.size).toBe(1);
    live.close();
  });

  it('keeps at most maxPerUser streams per user, closing the oldest', async () => {
    const f = fakeBus();
    hub = new SseHub(f.bus, { maxPerUser: 2 });
    const url = await serve(hub, () => viewer(3, 'customer_user', { customerId: 7 }));
    const a = await read(url, (t) => t.includes('ready'));
    const b = await read(url, (t) => t.includes('ready'));
    const c = await read(url, (t) => t.includes('ready'));
    await wait(() => hub!.size === 2);
    expect(hub.size).toBe(2);
    // the oldest stream was ended by the server: it gets nothing more
    f.emit({ topic: 'notification', userIds: [3], data: { id: 1 } });
    const rest = await a.more(200);
    expect(rest).toBe('');
    expect(await c.more(500)).toContain('"id":1');
    [a, b, c].forEach((x) => x.close());
  });

  it('close() ends every stream and leaves the bus', async () => {
    const f = fakeBus();
    hub = new SseHub(f.bus);
    const url = await serve(hub, () => viewer(1, 'admin'));
    const c = await read(url, (t) => t.includes('ready'));
    expect(f.subscribers).toBe(1);
    hub.close();
    expect(f.subscribers).toBe(0);
    await wait(() => hub!.size === 0);
    expect(hub.size).toBe(0);
    c.close();
  });
});
