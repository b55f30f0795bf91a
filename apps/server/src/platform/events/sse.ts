import type { ServerResponse } from 'node:http';
import type { DataScope, Permission } from '@paidan/shared';
import type { AuthContext } from '../auth/context';
import type { BusEvent, EventBus } from './event-bus';

/**
 * Decides whether a viewer may receive a topic-wide event (one without userIds). Modules register one
 * per topic they publish that way; a topic without a filter reaches nobody, so a forgotten filter
 * cannot leak data.
 */
export type TopicFilter = (event: BusEvent, viewer: AuthContext) => boolean;

const topicFilters = new Map<string, TopicFilter>();

export function registerTopicFilter(topic: string, filter: TopicFilter): void {
  topicFilters.set(topic, filter);
}

/** Where an event's subject sits, for checking it against a viewer's data scope. */
export interface ScopeTarget {
  orgPath?: string | null;
  customerId?: number | null;
  accountManagerId?: number | null;
  /** users directly involved (assignee, creator): they see it whatever their scope */
  userIds?: number[];
}

/** The data-scope rule of the repos, for one object in memory. */
export function scopeCovers(scope: DataScope, t: ScopeTarget): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'org':
      return !!t.orgPath && t.orgPath.startsWith(scope.orgPath);
    case 'own_customers':
      return t.accountManagerId === scope.userId || !!t.userIds?.includes(scope.userId);
    case 'enterprise':
      return t.customerId === scope.customerId;
    case 'self':
      return !!t.userIds?.includes(scope.userId);
  }
}

/**
 * The usual topic-wide rule: the viewer holds `permission` and the event's subject is inside its data
 * scope (or the viewer is one of its users). E.g.
 * `registerScopedTopic('ticket.changed', { permission: 'ticket.read', target: (d) => ({ orgPath: d.orgPath, ... }) })`.
 */
export function registerScopedTopic(
  topic: string,
  opts: { permission?: Permission; target: (data: unknown) => ScopeTarget },
): void {
  registerTopicFilter(topic, (e, viewer) => {
    if (opts.permission && !viewer.permissions.has(opts.permission)) return false;
    const t = opts.target(e.data);
    return scopeCovers(viewer.scope, t) || (!!t.userIds && t.userIds.includes(viewer.user.id));
  });
}

/**
 * Addressed events (userIds set) go to those users only, and through the topic's filter too if it has
 * one. Topic-wide events need a filter that admits the viewer.
 */
export function shouldDeliver(event: BusEvent, viewer: AuthContext): boolean {
  const filter = topicFilters.get(event.topic);
  if (event.userIds && event.userIds.length > 0) {
    if (!event.userIds.includes(viewer.user.id)) return false;
    return filter ? filter(event, viewer) : true;
  }
  return filter ? filter(event, viewer) : false;
}

/** One server-sent event; JSON never holds a raw newline, so data is one line. */
export function formatSse(event: string, data: unknown): string {
  return `event: ${event.replace(/[\r\n]/g, '')}\ndata: ${JSON.stringify(data ?? null)}\n\n`;
}

export interface SseHubOptions {
  heartbeatMs?: number;
  /** connections one user may hold; the oldest is closed beyond this */
  maxPerUser?: number;
  /** how often sessions of open streams are checked (logout, expiry, disabled account) */
  revalidateMs?: number;
  /** returns the session ids among `ids` that are still valid */
  validSessions?: (ids: string[]) => Promise<Set<string>>;
  /** a client that does not read is dropped once this much is buffered for it */
  maxBufferedBytes?: number;
}

interface Conn {
  viewer: AuthContext;
  res: ServerResponse;
  topics: Set<string> | null;
  openedAt: number;
  corked: boolean;
}

/**
 * The open event streams of one instance. It takes events from the bus (which carries those published
 * on every instance) and writes each to the streams whose viewer may have it.
 */
export class SseHub {
  private readonly conns = new Set<Conn>();
  private readonly unsubscribe: () => void;
  private readonly heartbeat: NodeJS.Timeout;
  private readonly revalidate: NodeJS.Timeout | null;
  private readonly opts: Required<Omit<SseHubOptions, 'validSessions'>> & Pick<SseHubOptions, 'validSessions'>;
  private closed = false;

  constructor(bus: EventBus, opts: SseHubOptions = {}) {
    this.opts = {
      heartbeatMs: opts.heartbeatMs ?? 25_000,
      maxPerUser: opts.maxPerUser ?? 6,
      revalidateMs: opts.revalidateMs ?? 5 * 60_000,
      maxBufferedBytes: opts.maxBufferedBytes ?? 1024 * 1024,
      validSessions: opts.validSessions,
    };
    this.unsubscribe = bus.subscribe((e) => this.dispatch(e));
    this.heartbeat = setInterval(() => this.writeAll(': ping\n\n'), this.opts.heartbeatMs);
    this.heartbeat.unref();
    this.revalidate = this.opts.validSessions
      ? setInterval(() => void this.checkSessions(), this.opts.revalidateMs)
      : null;
    this.revalidate?.unref();
  }

  get size(): number {
    return this.conns.size;
  }

  /** Takes over a response as an event stream for `viewer`, optionally limited to some topics. */
  open(
    res: ServerResponse,
    viewer: AuthContext,
    opts: { topics?: string[]; headers?: Record<string, string> } = {},
  ): void {
    if (this.closed) {
      res.writeHead(503).end();
      return;
    }
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // nginx and similar proxies would otherwise hold events back in their buffers
      'x-accel-buffering': 'no',
      ...opts.headers,
    });
    res.socket?.setNoDelay(true);
    const conn: Conn = {
      viewer,
      res,
      topics: opts.topics && opts.topics.length > 0 ? new Set(opts.topics) : null,
      openedAt: Date.now(),
      corked: false,
    };
    this.evictOldest(viewer.user.id);
    this.conns.add(conn);
    const drop = () => this.conns.delete(conn);
    res.on('close', drop);
    res.on('error', drop);
    res.write(`retry: 5000\n${formatSse('ready', { userId: viewer.user.id })}`);
  }

  private evictOldest(userId: number): void {
    const mine = [...this.conns].filter((c) => c.viewer.user.id === userId).sort((a, b) => a.openedAt - b.openedAt);
    while (mine.length >= this.opts.maxPerUser) this.end(mine.shift()!);
  }

  private dispatch(e: BusEvent): void {
    if (this.closed || typeof e?.topic !== 'string') return;
    let frame: string | null = null;
    for (const c of this.conns) {
      if (c.topics && !c.topics.has(e.topic)) continue;
      let ok = false;
      try {
        ok = shouldDeliver(e, c.viewer);
      } catch {
        ok = false; // a broken filter must not take the hub down, nor leak
      }
      if (!ok) continue;
      frame ??= formatSse(e.topic, e.data);
      this.write(c, frame);
    }
  }

  private write(c: Conn, chunk: string): void {
    if (c.res.writableEnded || c.res.destroyed) {
      this.conns.delete(c);
      return;
    }
    if (c.res.writableLength > this.opts.maxBufferedBytes) {
      this.end(c);
      return;
    }
    if (!c.corked) {
      // events dispatched in the same tick (notices that arrived together) leave in one write
      c.corked = true;
      c.res.cork();
      process.nextTick(() => {
        c.corked = false;
        c.res.uncork();
      });
    }
    c.res.write(chunk);
  }

  private writeAll(chunk: string): void {
    for (const c of this.conns) this.write(c, chunk);
  }

  private end(c: Conn): void {
    this.conns.delete(c);
    if (!c.res.writableEnded) c.res.end();
  }

  private async checkSessions(): Promise<void> {
    const check = this.opts.validSessions;
    if (!check || this.conns.size === 0) return;
    const ids = [...new Set([...this.conns].map((c) => c.viewer.sessionId).filter((s): s is string => !!s))];
    let valid: Set<string>;
    try {
      valid = ids.length > 0 ? await check(ids) : new Set();
    } catch {
      return; // the database is away; check again next round rather than dropping everyone
    }
    for (const c of [...this.conns]) {
      if (c.viewer.sessionId && !valid.has(c.viewer.sessionId)) {
        this.write(c, formatSse('session-ended', {}));
        this.end(c);
      }
    }
  }

  /** Ends every stream; used on shutdown so the HTTP server can close. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe();
    clearInterval(this.heartbeat);
    if (this.revalidate) clearInterval(this.revalidate);
    for (const c of [...this.conns]) this.end(c);
  }
}
