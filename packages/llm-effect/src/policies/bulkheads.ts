import { bulkhead, type BulkheadPolicy } from 'cockatiel';

export interface BulkheadSnapshot {
  provider: string;
  maxConcurrent: number;
  /** Slots free right now. */
  available: number;
  /** Calls waiting for a slot. */
  queued: number;
}

/** One cockatiel bulkhead per provider: at most `maxConcurrent` requests in flight, the rest queue. */
export class BulkheadRegistry {
  private readonly entries = new Map<string, { policy: BulkheadPolicy; max: number; maxQueued: number }>();

  get(provider: string, maxConcurrent: number, maxQueued: number): BulkheadPolicy {
    let entry = this.entries.get(provider);
    if (!entry) {
      entry = { policy: bulkhead(maxConcurrent, maxQueued), max: maxConcurrent, maxQueued };
      this.entries.set(provider, entry);
    }
    return entry.policy;
  }

  snapshot(): BulkheadSnapshot[] {
    return [...this.entries.entries()].map(([provider, e]) => ({
      provider,
      maxConcurrent: e.max,
      available: e.policy.executionSlots,
      queued: e.maxQueued - e.policy.queueSlots,
    }));
  }
}
