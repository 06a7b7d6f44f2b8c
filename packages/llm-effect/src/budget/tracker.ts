import type { BudgetConfig } from '../config/schema.js';
import { usdToMicros } from '@onexgen/onex';
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

/** What one configured scope has spent and may still spend: the view the pipeline reads. */
export interface BudgetStatus {
  scope: BudgetConfig['scope'];
  scopeKey: string;
  spentMicros: number;
  limitMicros?: number;
  /** never below 0; absent without a money limit */
  remainingMicros?: number;
  spentTokens: number;
  limitTokens?: number;
  remainingTokens?: number;
  /** a hard-stop scope at either limit: the next call is refused */
  spent: boolean;
}

/** The store key of a scope's token count, beside its micro-dollars. */
const tokensKey = (key: string) => `${key}:tokens`;

/**
 * The one budget model of a client's calls: every configured scope (run, project, day, month) in
 * money and/or tokens, kept in a BudgetStore so that workers sharing a database share the totals.
 * Checked before each call, charged after each answered one.
 */
export class BudgetTracker {
  constructor(private readonly budgets: BudgetConfig[], private readonly store: BudgetStore) {}

  /** Each configured scope's spend and limits (`scope` narrows to one, e.g. 'run'). */
  async status(ids: ScopeIds, scope?: BudgetConfig['scope']): Promise<BudgetStatus[]> {
    const out: BudgetStatus[] = [];
    for (const b of this.budgets) {
      if (scope && b.scope !== scope) continue;
      const key = scopeKey(b.scope, ids);
      const spentMicros = await this.store.getSpent(key);
      const spentTokens = b.limitTokens === undefined ? 0 : await this.store.getSpent(tokensKey(key));
      const limitMicros = b.limitUsd === undefined ? undefined : usdToMicros(b.limitUsd);
      const over = (limitMicros !== undefined && spentMicros >= limitMicros) || (b.limitTokens !== undefined && spentTokens >= b.limitTokens);
      out.push({
        scope: b.scope,
        scopeKey: key,
        spentMicros,
        ...(limitMicros !== undefined ? { limitMicros, remainingMicros: Math.max(0, limitMicros - spentMicros) } : {}),
        spentTokens,
        ...(b.limitTokens !== undefined ? { limitTokens: b.limitTokens, remainingTokens: Math.max(0, b.limitTokens - spentTokens) } : {}),
        spent: b.hardStop && over,
      });
    }
    return out;
  }

  /** Throws BudgetExceededError when a hard-stop scope has spent its money or its tokens. */
  async check(ids: ScopeIds): Promise<void> {
    for (const b of this.budgets) {
      if (!b.hardStop) continue;
      const key = scopeKey(b.scope, ids);
      if (b.limitUsd !== undefined) {
        const spent = await this.store.getSpent(key);
        const limit = usdToMicros(b.limitUsd);
        if (spent >= limit) throw new BudgetExceededError(b.scope, key, spent, limit);
      }
      if (b.limitTokens !== undefined) {
        const spent = await this.store.getSpent(tokensKey(key));
        if (spent >= b.limitTokens) throw new BudgetExceededError(b.scope, key, spent, b.limitTokens, 'tokens');
      }
    }
  }

  /** Records spend in every scope and returns the (money) alerts it triggered. */
  async record(micros: number, tokens: number, ids: ScopeIds): Promise<BudgetAlert[]> {
    const alerts: BudgetAlert[] = [];
    for (const b of this.budgets) {
      const key = scopeKey(b.scope, ids);
      if (b.limitTokens !== undefined && tokens > 0) await this.store.addSpent(tokensKey(key), tokens);
      if (micros <= 0) continue;
      const after = await this.store.addSpent(key, micros);
      if (b.limitUsd === undefined) continue;
      const limit = usdToMicros(b.limitUsd);
      for (const level of crossedLevels(after - micros, after, limit)) {
        alerts.push({ scope: b.scope, scopeKey: key, level, spentMicros: after, limitMicros: limit });
      }
    }
    return alerts;
  }
}
