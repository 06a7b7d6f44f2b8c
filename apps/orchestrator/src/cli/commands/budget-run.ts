// What `onexgen budget status|set` runs: llm-effect computes the pools' state, metrics keeps their
// spend and the pools set here.
import { formatUsd } from '@onexgen/onex';
import { PoolBudgets, PoolError, type PoolStatus } from '@onexgen/llm-effect';
import { createBudgetPoolStore, type DatabaseHandle } from '@onexgen/metrics';
import { budgetStoreFor, effectivePools, openDatabaseFor } from '@onexgen/pipeline';
import { OnexgenError } from '@onexgen/pipeline/errors';
import type { CliIO } from '../io.js';
import { openRecordedDatabase } from '../open-recorded-database.js';
import { configFor } from '../run-pipeline.js';

export interface BudgetStatusOptions {
  pool?: string;
  db?: string;
  config?: string;
  json?: boolean;
}

export interface BudgetSetOptions {
  amount?: string;
  period?: 'day' | 'week' | 'month' | 'all';
  mode?: 'hard' | 'soft';
  parent?: string;
  /** commander: true for --lend, false for --no-lend, undefined for neither */
  lend?: boolean;
  db?: string;
  config?: string;
}

async function poolsOf(handle: DatabaseHandle, configured: Record<string, Record<string, unknown>> | undefined): Promise<PoolBudgets> {
  try {
    return new PoolBudgets(effectivePools(configured, await createBudgetPoolStore(handle).list()), budgetStoreFor(handle));
  } catch (error) {
    if (error instanceof PoolError) throw new OnexgenError('CONFIG_INVALID', error.message, { cause: error });
    throw error;
  }
}

function line(s: PoolStatus): string {
  const level = s.level ? `${s.level === 'over' ? 'over' : `${s.level}%`}` : '-';
  const state = s.state === 'ok' ? 'ok' : s.state === 'hard' ? 'STOPPED (hard)' : 'cheaper tier (soft)';
  return `${s.pool.padEnd(16)} ${(s.parent ?? '').padEnd(12)} ${s.periodKey.padEnd(10)} ${`${formatUsd(s.spentMicros)} / ${formatUsd(s.limitMicros)}`.padEnd(22)} ${formatUsd(s.availableMicros).padStart(10)}  ${level.padEnd(5)} ${state}${s.borrowedMicros > 0 ? ` (borrowed ${formatUsd(s.borrowedMicros)})` : ''}`;
}

export async function runBudgetStatus(io: CliIO, opts: BudgetStatusOptions): Promise<void> {
  const loaded = configFor(io, { ...(opts.db ? { db: opts.db } : {}), ...(opts.config ? { config: opts.config } : {}) });
  const handle = await openRecordedDatabase(loaded, io.cwd, 'budget status');
  try {
    const pools = await poolsOf(handle, loaded.config.pools);
    const names = opts.pool ? [opts.pool] : pools.names();
    if (opts.pool && !pools.names().includes(opts.pool)) throw new OnexgenError('USAGE', `--pool: no pool "${opts.pool}" (configured: ${pools.names().join(', ') || 'none'})`);
    const statuses = await Promise.all(names.map((n) => pools.status(n)));
    if (opts.json) return void io.stdout(`${JSON.stringify(statuses, null, 2)}\n`);
    if (statuses.length === 0) return void io.stdout('no budget pools (configure `pools:` in onexgen.config.yaml or `onexgen budget set NAME --amount USD`)\n');
    io.stdout(`${'pool'.padEnd(16)} ${'parent'.padEnd(12)} ${'period'.padEnd(10)} ${'spent / limit'.padEnd(22)} ${'available'.padStart(10)}  level state\n`);
    for (const s of statuses) io.stdout(`${line(s)}\n`);
  } finally {
    await handle.close();
  }
}

export async function runBudgetSet(io: CliIO, name: string, opts: BudgetSetOptions): Promise<void> {
  const amountUsd = opts.amount === undefined ? undefined : Number(opts.amount);
  if (amountUsd !== undefined && !(amountUsd >= 0)) throw new OnexgenError('USAGE', `--amount: must be a number of US dollars ≥ 0, got "${opts.amount}"`);
  const change = {
    name,
    ...(amountUsd !== undefined ? { amountUsd } : {}),
    ...(opts.period ? { period: opts.period } : {}),
    ...(opts.mode ? { mode: opts.mode } : {}),
    ...(opts.parent ? { parent: opts.parent } : {}),
    ...(opts.lend !== undefined ? { lend: opts.lend } : {}),
  };
  if (Object.keys(change).length === 1) throw new OnexgenError('USAGE', 'budget set: give at least one of --amount, --period, --mode, --parent, --lend/--no-lend');
  const loaded = configFor(io, { ...(opts.db ? { db: opts.db } : {}), ...(opts.config ? { config: opts.config } : {}) });
  const handle = await openDatabaseFor(loaded.config.db, io.cwd);
  try {
    const store = createBudgetPoolStore(handle);
    // the pools as they would be: refused (nothing written) when the change makes them invalid
    const stored = await store.list();
    const next = stored.some((p) => p.name === name) ? stored.map((p) => (p.name === name ? { ...p, ...change } : p)) : [...stored, { ...change, updatedAt: new Date() }];
    try {
      new PoolBudgets(effectivePools(loaded.config.pools, next), budgetStoreFor(handle));
    } catch (error) {
      if (error instanceof PoolError) throw new OnexgenError('USAGE', `budget set ${name}: ${error.message}`, { cause: error });
      throw error;
    }
    const saved = await store.set(change);
    const status = await (await poolsOf(handle, loaded.config.pools)).status(saved.name);
    io.stdout(`set pool ${saved.name}\n${line(status)}\n`);
  } finally {
    await handle.close();
  }
}
