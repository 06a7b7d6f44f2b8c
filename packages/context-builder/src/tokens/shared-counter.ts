// The process-wide counter per encoding that buildContext uses when the caller passes none, so the
// encoder and the segment memo survive across builds. disposeSharedCounters() frees them.
import type { EncodingName } from '@onexgen/onex/tokens';
import { createTokenCounter, type TokenCounter } from './token-counter.js';

const shared = new Map<EncodingName, TokenCounter>();

export function sharedTokenCounter(encoding: EncodingName): TokenCounter {
  let counter = shared.get(encoding);
  if (!counter) {
    counter = createTokenCounter({ encoding });
    shared.set(encoding, counter);
  }
  return counter;
}

export function disposeSharedCounters(): void {
  for (const counter of shared.values()) counter.dispose();
  shared.clear();
}
