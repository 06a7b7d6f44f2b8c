import type { BudgetConfig } from '../config/schema.js';
import { usdToMicros } from '../cost/price.js';
import { BudgetExceededError } from '../errors.js';
import type { BudgetStore } from './budget-store.js';

/** The seven progressive alert levels. */
export const ALERT_LEVELS = ['50', '75', '85', '90', '95', '100', 'over'] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];

export interface BudgetAlert {
  scope: BudgetConfig['scope'];
  scopeKey: string;
  level: AlertLevel;
  spentMicros: number;
  limitMicros: number;
}

export interface ScopeIds {
  runId: string;
  projectId: string;
  now: Date;
}

/** The store key of a scope: run and project by id, day and month by UTC calendar within the project. */
export function scopeKey(scope: BudgetConfig['scope'], ids: ScopeIds): string {
  const iso = ids.now.toISOString();
  switch (scope) {
    case 'run':
      return `run:${ids.runId}`;
    case 'project':
      return `project:${ids.projectId}`;
    case 'day':
      return `day:${ids.projectId}:${iso.slice(0, 10)}`;
    case 'month':
      return `month:${ids.projectId}:${iso.slice(0, 7)}`;
  }
}

/**
 * Levels crossed by going from `before` to `after`. Derived from the totals alone, so each level
 * fires exactly once per scope key even with many clients sharing one atomic store.
 */
export function crossedLevels(before: number, after: number, limit: number): AlertLevel[] {
  const out: AlertLevel[] = [];
  for (const level of ALERT_LEVELS) {
    if (level === 'over') {
      if (before <= limit && after > limit) out.push(level);
      continue;
    }
    // Integer threshold: ceil(limit * pct / 100) micro-dollars.
    const threshold = Math.ceil((limit * Number(level)) / 100);
    if (before < threshold && after >= threshold) out.push(level);
  }
  return out;
}

export class BudgetTracker {
  constructor(private readonly budgets: BudgetConfig[], private readonly store: BudgetStore) {}

  /** Throws BudgetExceededError when a hard-stop scope has spent its limit. */
  async check(ids: ScopeIds): Promise<void> {
    for (const b of this.budgets) {
      if (!b.hardStop) continue;
      const key = scopeKey(b.scope, ids);
      const spent = await this.store.getSpent(key);
      const limit = usdToMicros(b.limitUsd);
      if (spent >= limit) throw new BudgetExceededError(b.scope, key, spent, limit);
    }
  }

  /** Records spend in every scope and returns the alerts it triggered. */
  async record(micros: number, ids: ScopeIds): Promise<BudgetAlert[]> {
    if (micros <= 0) return [];
    const alerts: BudgetAlert[] = [];
    for (const b of this.budgets) {
      const key = scopeKey(b.scope, ids);
      const after = await this.store.addSpent(key, micros);
      const limit = usdToMicros(b.limitUsd);
      for (const level of crossedLevels(after - micros, after, limit)) {
        alerts.push({ scope: b.scope, scopeKey: key, level, spentMicros: after, limitMicros: limit });
      }
    }
    return alerts;
  }
}
