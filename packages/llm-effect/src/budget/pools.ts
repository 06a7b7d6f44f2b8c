// Budget pools (per project, per team): a named amount per period that runs draw from, with the
// seven alert levels per pool, a hard limit (calls refused) or a soft one (calls move to a cheaper
// tier), and lending between the children of one parent. Spend lives in a BudgetStore (the
// database's in the CLI) under `pool:<name>:<period key>`, added atomically, so concurrent runs
// share one total and each alert fires once.
import { z } from 'zod';
import { tierSchema, usdToMicros, type Tier } from '@onexgen/onex';
import { BudgetExceededError } from '../errors.js';
import type { BudgetStore } from './budget-store.js';
import { crossedLevels, type AlertLevel } from './tracker.js';

export const POOL_PERIODS = ['day', 'week', 'month', 'all'] as const;
export type PoolPeriod = (typeof POOL_PERIODS)[number];

export const poolSchema = z
  .object({
    /** the pool this one belongs to; children of one parent may lend to each other when it says so */
    parent: z.string().min(1).max(100).optional(),
    period: z.enum(POOL_PERIODS).default('month'),
    /** the pool's amount per period (a parent without one: the sum of its children's) */
    amountUsd: z.number().nonnegative().optional(),
    /** at the limit: 'hard' refuses calls, 'soft' moves them to `softTier` */
    mode: z.enum(['hard', 'soft']).default('hard'),
    softTier: tierSchema.default('local'),
    /** on a parent: a child at its own limit may spend what its siblings leave unused */
    lend: z.boolean().default(false),
  })
  .strict();
export type PoolConfig = z.output<typeof poolSchema>;
export type PoolConfigInput = z.input<typeof poolSchema>;
export const poolsSchema = z.record(z.string().min(1).max(100).regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . -'), poolSchema);

/** The period a date falls in: `2026-12-05`, ISO week `2026-W49`, `2026-12`, or `all`. */
export function periodKey(period: PoolPeriod, now: Date): string {
  const iso = now.toISOString();
  switch (period) {
    case 'day':
      return iso.slice(0, 10);
    case 'month':
      return iso.slice(0, 7);
    case 'all':
      return 'all';
    case 'week': {
      // ISO 8601 week: the week with the year's first Thursday is week 1
      const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
      const day = d.getUTCDay() || 7;
      d.setUTCDate(d.getUTCDate() + 4 - day);
      const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
      const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
      return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
    }
  }
}

export interface PoolStatus {
  pool: string;
  parent?: string;
  period: PoolPeriod;
  periodKey: string;
  mode: 'hard' | 'soft';
  limitMicros: number;
  spentMicros: number;
  /** what the pool may still spend this period, lending included (never below 0) */
  availableMicros: number;
  /** spent beyond its own amount, covered by siblings' unused share */
  borrowedMicros: number;
  /** 'ok'; 'soft' (at the limit, cheaper tier); 'hard' (at the limit, calls refused) */
  state: 'ok' | 'soft' | 'hard';
  /** the highest alert level reached ('50' … 'over'), if any */
  level?: AlertLevel;
}

export interface PoolAlert {
  pool: string;
  level: AlertLevel;
  spentMicros: number;
  limitMicros: number;
  periodKey: string;
}

export type Admission = { state: 'ok' } | { state: 'soft'; tier: Tier; status: PoolStatus };

export class PoolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PoolError';
  }
}

function levelOf(spent: number, limit: number): AlertLevel | undefined {
  if (limit <= 0) return spent > 0 ? 'over' : undefined;
  const reached = crossedLevels(0, spent, limit);
  return reached.at(-1);
}

/** Pools resolved against a store; one per run (or per process), shared by its calls. */
export class PoolBudgets {
  private readonly pools: Record<string, PoolConfig>;

  constructor(
    pools: Record<string, PoolConfigInput>,
    private readonly store: BudgetStore,
    private readonly now: () => Date = () => new Date(),
  ) {
    const parsed = poolsSchema.safeParse(pools);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new PoolError(`pools.${issue.path.join('.')}: ${issue.message}`);
    }
    this.pools = parsed.data;
    for (const [name, p] of Object.entries(this.pools)) {
      if (p.parent && !this.pools[p.parent]) throw new PoolError(`pools.${name}.parent: no pool "${p.parent}"`);
      if (p.parent === name) throw new PoolError(`pools.${name}.parent: a pool cannot be its own parent`);
    }
  }

  names(): string[] {
    return Object.keys(this.pools);
  }

  config(name: string): PoolConfig {
    const p = this.pools[name];
    if (!p) throw new PoolError(`no budget pool "${name}" (configured: ${this.names().join(', ') || 'none'})`);
    return p;
  }

  private children(name: string): string[] {
    return Object.entries(this.pools).filter(([, p]) => p.parent === name).map(([n]) => n);
  }

  private limitOf(name: string): number {
    const p = this.config(name);
    if (p.amountUsd !== undefined) return usdToMicros(p.amountUsd);
    return this.children(name).reduce((sum, c) => sum + this.limitOf(c), 0);
  }

  private key(name: string): string {
    return `pool:${name}:${periodKey(this.config(name).period, this.now())}`;
  }

  async status(name: string): Promise<PoolStatus> {
    const p = this.config(name);
    const limit = this.limitOf(name);
    const spent = await this.store.getSpent(this.key(name));
    let available = limit - spent;
    let borrowed = 0;
    if (p.parent) {
      const parent = this.config(p.parent);
      const groupLimit = this.limitOf(p.parent);
      const groupSpent = await this.store.getSpent(this.key(p.parent));
      const groupLeft = groupLimit - groupSpent;
      // the group's left-over is its children's unused shares (or less, when the parent has a smaller
      // amount of its own): lending lets a child spend all of it, otherwise only its own share
      available = parent.lend ? groupLeft : Math.min(available, groupLeft);
      borrowed = Math.max(0, spent - limit);
    }
    const availableMicros = Math.max(0, available);
    const state = availableMicros > 0 ? 'ok' : p.mode;
    const level = levelOf(spent, limit);
    return {
      pool: name,
      ...(p.parent ? { parent: p.parent } : {}),
      period: p.period,
      periodKey: periodKey(p.period, this.now()),
      mode: p.mode,
      limitMicros: limit,
      spentMicros: spent,
      availableMicros,
      borrowedMicros: borrowed,
      state,
      ...(level ? { level } : {}),
    };
  }

  /** Before a call: go ahead, go ahead on the soft tier, or (hard) a BudgetExceededError. */
  async admit(name: string): Promise<Admission> {
    const status = await this.status(name);
    if (status.state === 'ok') return { state: 'ok' };
    if (status.state === 'soft') return { state: 'soft', tier: this.config(name).softTier, status };
    throw new BudgetExceededError('pool', `pool:${name}`, status.spentMicros, status.limitMicros);
  }

  /** After a call: adds its cost to the pool and its ancestors; the alert levels crossed on each. */
  async record(name: string, micros: number): Promise<PoolAlert[]> {
    if (micros <= 0) return [];
    const alerts: PoolAlert[] = [];
    for (let pool: string | undefined = name; pool; pool = this.config(pool).parent) {
      const after = await this.store.addSpent(this.key(pool), micros);
      const limit = this.limitOf(pool);
      for (const level of crossedLevels(after - micros, after, limit)) {
        alerts.push({ pool, level, spentMicros: after, limitMicros: limit, periodKey: periodKey(this.config(pool).period, this.now()) });
      }
    }
    return alerts;
  }
}
