import type { IPolicy } from 'cockatiel';

export interface Held<T> {
  value: T;
  /** Ends the policy's execution: success without an error, failure with one. */
  release(error?: unknown): void;
}

/**
 * Runs `open` inside a cockatiel policy and keeps the execution going until `release` is called.
 * A stream must hold its bulkhead slot (and report to its breaker) until its last chunk, long
 * after the function that opened it has returned.
 */
export function holdDuring<T>(policy: IPolicy, open: () => Promise<T>, signal?: AbortSignal): Promise<Held<T>> {
  return new Promise<Held<T>>((resolve, reject) => {
    let release!: (error?: unknown) => void;
    const done = new Promise<void>((res, rej) => {
      release = (error?: unknown) => (error === undefined ? res() : rej(error));
    });
    policy
      .execute(async () => {
        const value = await open();
        resolve({ value, release });
        await done;
      }, signal)
      // Before `resolve` this rejects the caller; after it, the policy has recorded the outcome already.
      .catch(reject);
  });
}
