import { sql } from 'kysely';
import type { Database, Executor } from '../db/database';
import { notify } from '../db/database';

const CHANNEL = 'paidan_events';

export interface BusEvent {
  /** e.g. 'notification', 'ticket.changed' */
  topic: string;
  /** who should receive it; empty means everyone subscribed to the topic */
  userIds?: number[];
  data: unknown;
}

type Handler = (e: BusEvent) => void;

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

  async publish(ex: Executor, e: BusEvent): Promise<void> {
    await notify(ex, CHANNEL, e);
  }

  /**
   * Many events in one round trip (each is still its own NOTIFY, delivered on commit). They travel as one JSON
   * array; a json (not jsonb) element keeps its text as written, so each payload is what publish would send.
   */
  async publishMany(ex: Executor, events: BusEvent[]): Promise<void> {
    if (events.length === 0) return;
    await sql`select pg_notify(${CHANNEL}, p::text) from json_array_elements(${JSON.stringify(events)}::json) as p`.execute(
      ex,
    );
  }
}
