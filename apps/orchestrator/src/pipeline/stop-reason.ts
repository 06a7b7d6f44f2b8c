// Why a run ended, said once for text and --json: a run that did not finish names the cause, how
// many methods were done, and which were left as stubs (the nodes that wrote nothing).
import type { NodeOutcome } from './outcome.js';

export type StopReason = 'completed' | 'interrupted' | 'budget_spent' | 'provider_unavailable' | 'database_lost';

/** Error codes of a node that mean the run itself stopped, most decisive first. */
const RUN_STOPS: ReadonlyArray<[code: string, reason: StopReason]> = [
  ['INTERRUPTED', 'interrupted'],
  ['BUDGET_EXHAUSTED', 'budget_spent'],
  ['DATABASE_FAILED', 'database_lost'],
  ['PROVIDER_FAILED', 'provider_unavailable'],
];

export interface RunStop {
  stopReason: StopReason;
  /** methods of the nodes that were written */
  methodsDone: number;
  /** stubs of the nodes that were not written, by node input */
  methodsLeft: Array<{ input: string; methods: string[] }>;
}

export function stopOf(nodes: readonly NodeOutcome[]): RunStop {
  const codes = new Set(nodes.map((n) => n.error?.code).filter((c): c is string => Boolean(c)));
  const stop = RUN_STOPS.find(([code]) => codes.has(code));
  return {
    stopReason: stop ? stop[1] : 'completed',
    methodsDone: nodes.reduce((s, n) => s + (n.status === 'written' ? n.methods.length : 0), 0),
    methodsLeft: nodes.filter((n) => n.status === 'failed').map((n) => ({ input: n.input, methods: n.pendingMethods ?? [] })),
  };
}

const SAY: Record<Exclude<StopReason, 'completed'>, string> = {
  interrupted: 'interrupted (SIGINT/SIGTERM)',
  budget_spent: 'the run budget was spent',
  provider_unavailable: 'no provider could answer',
  database_lost: 'the database was lost',
};

/** The text line for a run that did not complete; undefined when it did. */
export function describeStop(stop: RunStop): string | undefined {
  if (stop.stopReason === 'completed') return undefined;
  const left = stop.methodsLeft.reduce((s, n) => s + n.methods.length, 0);
  const files = stop.methodsLeft.map((n) => n.input).join(', ');
  return `stopped: ${SAY[stop.stopReason]}; ${stop.methodsDone} method${stop.methodsDone === 1 ? '' : 's'} done, ${left} left as stubs${files ? ` (not written: ${files})` : ''}`;
}
