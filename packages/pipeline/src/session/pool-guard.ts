// The run's budget pool around each model call: before it, the pool admits the call (or, soft and
// spent, moves it to the pool's cheaper tier; hard and spent, refuses it); after it, the call's cost
// is added to the pool and its parents in the database, and any alert level crossed is reported.
import { PoolBudgets, type PoolAlert } from '@onexgen/llm-effect';
import { createBudgetPoolStore, type DatabaseHandle } from '@onexgen/metrics';
import { formatUsd } from '@onexgen/onex';
import { OnexgenError } from '../errors.js';
import { budgetStoreFor } from '../model/store-bridges.js';
import { effectivePools } from './pools.js';

export interface PoolGuard {
  readonly name: string;
  /** the tier to use instead of the requested one, when the pool is soft and spent */
  admit(): Promise<{ tier?: string }>;
  record(micros: number): Promise<void>;
}

export function createPoolGuard(budgets: PoolBudgets, name: string, onAlert: (alert: PoolAlert) => void): PoolGuard {
  budgets.config(name); // an unknown pool fails here, before the run calls anything
  return {
    name,
    async admit() {
      const admission = await budgets.admit(name);
      return admission.state === 'soft' ? { tier: admission.tier } : {};
    },
    async record(micros) {
      for (const alert of await budgets.record(name, micros)) onAlert(alert);
    },
  };
}

/** How a pool's alert reads in the run's warnings. */
function poolAlertText(a: PoolAlert): string {
  const money = `${formatUsd(a.spentMicros)} of ${formatUsd(a.limitMicros)}, ${a.periodKey}`;
  return a.level === 'over' ? `budget pool ${a.pool} is over its limit (${money})` : `budget pool ${a.pool} reached ${a.level}% (${money})`;
}

/** The run's pool, from the configuration file's pools with the database's laid over them; alerts and the move to a cheaper tier become warnings. */
export async function openPoolGuard(
  handle: DatabaseHandle,
  pool: { name: string; pools: Record<string, Record<string, unknown>> | undefined },
  warn: (text: string) => void,
): Promise<PoolGuard> {
  try {
    const budgets = new PoolBudgets(effectivePools(pool.pools, await createBudgetPoolStore(handle).list()), budgetStoreFor(handle));
    let softened = false;
    const guard = createPoolGuard(budgets, pool.name, (alert) => warn(poolAlertText(alert)));
    return {
      name: guard.name,
      record: (micros) => guard.record(micros),
      async admit() {
        const admitted = await guard.admit();
        if (admitted.tier && !softened) {
          softened = true;
          warn(`budget pool ${pool.name} is spent: calls move to the cheaper tier ${admitted.tier}`);
        }
        return admitted;
      },
    };
  } catch (cause) {
    if (cause instanceof OnexgenError) throw cause;
    throw new OnexgenError('CONFIG_INVALID', `pool: ${(cause as Error).message}`, { cause });
  }
}
