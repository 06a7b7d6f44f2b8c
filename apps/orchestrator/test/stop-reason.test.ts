// Every stop says why: the reason, methods done and methods left, and a forced exit when a signal
// is not honoured within its grace period.
import { describe, expect, test } from '@jest/globals';
import { handleInterrupts } from '../src/cli/interrupt.js';
import type { NodeOutcome } from '../src/pipeline/outcome.js';
import { describeStop, stopOf } from '../src/pipeline/stop-reason.js';

const written = (input: string, methods: number): NodeOutcome =>
  ({ input, kind: 'spec', status: 'written', methods: Array.from({ length: methods }, () => ({})), addedImports: [] }) as unknown as NodeOutcome;
const failed = (input: string, code: string, pending: string[]): NodeOutcome => ({
  input,
  kind: 'spec',
  status: 'failed',
  methods: [],
  addedImports: [],
  error: { code, message: code },
  pendingMethods: pending,
});

describe('stopOf', () => {
  test('a finished run is completed and says nothing more', () => {
    const stop = stopOf([written('a.yaml', 3)]);
    expect(stop).toEqual({ stopReason: 'completed', methodsDone: 3, methodsLeft: [] });
    expect(describeStop(stop)).toBeUndefined();
  });

  test('a budget stop names the reason, the done count and the stubs left', () => {
    const stop = stopOf([written('a.yaml', 2), failed('b.yaml', 'BUDGET_EXHAUSTED', ['NodeB.create', 'NodeB.read'])]);
    expect(stop.stopReason).toBe('budget_spent');
    expect(stop.methodsDone).toBe(2);
    expect(stop.methodsLeft).toEqual([{ input: 'b.yaml', methods: ['NodeB.create', 'NodeB.read'] }]);
    expect(describeStop(stop)).toBe('stopped: the run budget was spent; 2 methods done, 2 left as stubs (not written: b.yaml)');
  });

  test('an interruption outranks the provider failures it caused', () => {
    const stop = stopOf([failed('a.yaml', 'PROVIDER_FAILED', ['x']), failed('b.yaml', 'INTERRUPTED', ['y'])]);
    expect(stop.stopReason).toBe('interrupted');
  });

  test('an input error alone is not a run stop', () => {
    expect(stopOf([failed('a.yaml', 'SPEC_INVALID', [])]).stopReason).toBe('completed');
  });
});

describe('handleInterrupts', () => {
  test('the first signal aborts the run; if it has not ended within the grace period the process says why and exits 3', async () => {
    const controller = new AbortController();
    const out: string[] = [];
    const exits: number[] = [];
    const release = handleInterrupts(controller, { json: true, graceMs: 30, write: (t) => out.push(t), exit: (c) => exits.push(c) });
    try {
      process.emit('SIGTERM', 'SIGTERM');
      expect(controller.signal.aborted).toBe(true);
      expect((controller.signal.reason as Error).message).toContain('interrupted');
      expect(exits).toEqual([]);
      await new Promise((r) => setTimeout(r, 80));
      expect(exits).toEqual([3]);
      expect(JSON.parse(out.join(''))).toMatchObject({ stopReason: 'interrupted', exitCode: 3 });
    } finally {
      release();
    }
  });

  test('a run that ends within the grace period is not forced; a second signal exits at once', async () => {
    const first = new AbortController();
    const exits: number[] = [];
    const release = handleInterrupts(first, { json: true, graceMs: 30, write: () => {}, exit: (c) => exits.push(c) });
    process.emit('SIGINT', 'SIGINT');
    release(); // the run ended and released its handlers
    await new Promise((r) => setTimeout(r, 60));
    expect(exits).toEqual([]);

    const second = new AbortController();
    const release2 = handleInterrupts(second, { json: false, graceMs: 10_000, write: () => {}, exit: (c) => exits.push(c) });
    try {
      process.emit('SIGINT', 'SIGINT');
      process.emit('SIGINT', 'SIGINT');
      expect(exits).toEqual([3]);
    } finally {
      release2();
    }
  });
});
