import type { Executor } from '../db/database';

/**
 * An in-process domain event: modules that must react to another module's change subscribe at import time, and the
 * emitter calls them inside its own transaction, so a reaction is written or rolled back together with the change.
 * Work that may fail or be slow (HTTP, SMS) belongs in a job the subscriber enqueues, not in the handler itself.
 */
export interface DomainEvent<T> {
  readonly name: string;
  subscribe(handler: (ex: Executor, payload: T) => Promise<void>): () => void;
  emit(ex: Executor, payload: T): Promise<void>;
}

export function defineDomainEvent<T>(name: string): DomainEvent<T> {
  const handlers = new Set<(ex: Executor, payload: T) => Promise<void>>();
  return {
    name,
    subscribe(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    async emit(ex, payload) {
      for (const h of handlers) await h(ex, payload);
    },
  };
}
