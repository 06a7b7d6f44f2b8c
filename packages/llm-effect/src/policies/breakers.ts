import { CircuitState, ConsecutiveBreaker, circuitBreaker, handleWhen, type CircuitBreakerPolicy } from 'cockatiel';
import { ProviderError, countsForBreaker } from '../errors.js';

export type BreakerState = 'closed' | 'open' | 'half-open' | 'isolated';

export interface BreakerSnapshot {
  provider: string;
  model: string;
  state: BreakerState;
  /** How many times this circuit has opened since the client started. */
  openCount: number;
}

const STATE: Record<CircuitState, BreakerState> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'isolated',
};

interface Entry {
  policy: CircuitBreakerPolicy;
  openCount: number;
  openedAt: number;
}

/** One cockatiel circuit breaker per provider+model, created on first use. */
export class BreakerRegistry {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly options: { failureThreshold: number; halfOpenAfterMs: number },
    private readonly onChange: (snapshot: BreakerSnapshot) => void,
  ) {}

  get(provider: string, model: string): CircuitBreakerPolicy {
    const key = `${provider}\u0000${model}`;
    let entry = this.entries.get(key);
    if (!entry) {
      // Only failures that say "this target is unhealthy" count; a content refusal or an abort does not.
      const policy = circuitBreaker(handleWhen((e) => e instanceof ProviderError && countsForBreaker(e.errorClass)), {
        halfOpenAfter: this.options.halfOpenAfterMs,
        breaker: new ConsecutiveBreaker(this.options.failureThreshold),
      });
      const created: Entry = { policy, openCount: 0, openedAt: 0 };
      policy.onBreak(() => {
        created.openCount += 1;
        created.openedAt = performance.now();
      });
      policy.onStateChange((state) => this.onChange({ provider, model, state: STATE[state], openCount: created.openCount }));
      this.entries.set(key, created);
      entry = created;
    }
    return entry.policy;
  }

  /**
   * Open and still cooling down: skip without a request. cockatiel only moves to half-open inside
   * `execute`, so once the cooldown is over the call must go through to become the probe.
   */
  isOpen(provider: string, model: string): boolean {
    const entry = this.entries.get(`${provider}\u0000${model}`);
    return entry?.policy.state === CircuitState.Open && performance.now() - entry.openedAt < this.options.halfOpenAfterMs;
  }

  snapshot(): BreakerSnapshot[] {
    return [...this.entries.entries()].map(([key, e]) => {
      const [provider = '', model = ''] = key.split('\u0000');
      return { provider, model, state: STATE[e.policy.state], openCount: e.openCount };
    });
  }
}
