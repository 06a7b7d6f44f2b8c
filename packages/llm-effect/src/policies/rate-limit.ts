import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Requests-per-minute limit as a sliding window of start times. Written by hand: cockatiel has no
 * rate limiter, and this is a dozen lines with no state worth a dependency. Callers wait (abortably)
 * for the oldest start to leave the window.
 */
export class RpmLimiter {
  private readonly starts: number[] = [];

  constructor(private readonly perMinute: number, private readonly windowMs = 60_000) {}

  async acquire(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const now = performance.now();
      while (this.starts.length && now - this.starts[0]! >= this.windowMs) this.starts.shift();
      if (this.starts.length < this.perMinute) {
        this.starts.push(now);
        return;
      }
      await sleep(this.windowMs - (now - this.starts[0]!), undefined, signal ? { signal } : undefined);
    }
  }
}
