import { sql } from 'kysely';
import type { Database, Executor } from '../db/database';

const CHANNEL = 'paidan_events';

export interface BusEvent {
  /** e.g. 'notification', 'ticket.changed' */
  topic: string;
  /** who should receive it; empty means everyone subscribed to the topic */
  userIds?: number[];
  data: unknown;
}

type Handler = (e: BusEvent) => void;

/** PostgreSQL refuses a NOTIFY payload of 8000 bytes or more; this leaves room for the JSON around the user list. */
export const NOTIFY_PAYLOAD_LIMIT = 7800;

/**
 * An event addressed to more users than one payload holds becomes several, each to a share of them (same topic and
 * data). An event too large for other reasons is left whole, and PostgreSQL's error names it.
 */
export function splitForNotify(e: BusEvent): BusEvent[] {
  const size = Buffer.byteLength(JSON.stringify(e));
  if (size < NOTIFY_PAYLOAD_LIMIT || !e.userIds || e.userIds.length < 2) return [e];
  const base = Buffer.byteLength(JSON.stringify({ ...e, userIds: [] }));
  if (base >= NOTIFY_PAYLOAD_LIMIT) return [e];
  const perId = Math.max(...e.userIds.map((id) => String(id).length)) + 1;
  const n = Math.max(1, Math.floor((NOTIFY_PAYLOAD_LIMIT - base) / perId));
  const out: BusEvent[] = [];
  for (let i = 0; i < e.userIds.length; i += n) out.push({ ...e, userIds: e.userIds.slice(i, i + n) });
  return out;
}

/**
 * Events between server instances over PostgreSQL LISTEN/NOTIFY (PGlite has the same).
 * Publishing inside a transaction delivers only if it commits.
 */
export class EventBus {
  private handlers = new Set<Handler>();
  private unlisten: (() => Promise<void>) | null = null;

  constructor(private readonly database: Database) {}

  async start(): Promise<void> {
    this.unlisten = await this.database.listen(CHANNEL, (payload) => {
      let e: BusEvent;
      try {
        e = JSON.parse(payload) as BusEvent;
      } catch {
        return;
      }
      for (const h of this.handlers) h(e);
    });
  }

  async stop(): Promise<void> {
    await this.unlisten?.();
    this.unlisten = null;
  }

  subscribe(h: Handler): () => void {
    this.handlers.add(h);
    return () => this.handlers.delete(h);
  }

  publish(ex: Executor, e: BusEvent): Promise<void> {
    return this.publishMany(ex, [e]);
  }

  /**
   * Many events in one round trip (each is still its own NOTIFY, delivered on commit; one too large for a payload
   * goes as several, see splitForNotify). They travel as one JSON array; a json (not jsonb) element keeps its text
   * as written, so each payload is the event's own JSON.
   */
  async publishMany(ex: Executor, events: BusEvent[]): Promise<void> {
    events = events.flatMap(splitForNotify);
    if (events.length === 0) return;
    await sql`select pg_notify(${CHANNEL}, p::text) from json_array_elements(${JSON.stringify(events)}::json) as p`.execute(
      ex,
    );
  }
}
