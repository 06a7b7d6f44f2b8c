// The run's sandbox starts when the run first has a method with examples, not when the session
// opens: finding Python, probing network isolation and starting the Python worker cost 0.6–0.8 s of
// wall and ~0.9 s of CPU (a one-spec offline run: 4.23 → 3.34 s of CPU without it), which a run
// whose specs have no examples paid for nothing (in a queue worker, once per run and worker, beside
// the run's first jobs). A method with examples warms it
// as the method begins (generate-method.ts), so the start overlaps the method's context build and
// model call; its behaviour check awaits it (stage-behaviour.ts). Nothing ever waits for it at open.
import { createSandbox, type Sandbox } from '@onexgen/python-sandbox';
import type { RunConfig } from '../run-config.js';

export interface SessionSandbox {
  /** starts it (once) without waiting: the first method with examples calls this as it begins */
  warm(): void;
  /** the sandbox, started now if nothing started it yet */
  get(): Promise<Sandbox>;
  /** whether anything has started it */
  readonly started: boolean;
  /** closes it once it has started (a close during start-up waits, so no Python is left behind) */
  close(): Promise<void>;
}

/** One sandbox per run, started on first need; the run's secrets never reach the child Python. */
export function sessionSandbox(config: RunConfig, secrets: readonly string[]): SessionSandbox {
  let starting: Promise<Sandbox> | undefined;
  let closed = false;
  const get = (): Promise<Sandbox> => {
    if (closed) return Promise.reject(new Error('the session is closed: its sandbox cannot start'));
    if (!starting) {
      starting = createSandbox({
        ...(config.python ? { python: config.python } : {}),
        ...(config.exampleTimeoutMs ? { limits: { exampleTimeoutMs: config.exampleTimeoutMs } } : {}),
        secrets: [...secrets],
      });
      // warmed and never awaited (a run stopped before its check): not an unhandled rejection
      starting.catch(() => undefined);
    }
    return starting;
  };
  return {
    warm: () => void get().catch(() => undefined),
    get,
    get started() {
      return starting !== undefined;
    },
    async close() {
      closed = true;
      await starting?.then(
        (sandbox) => sandbox.close(),
        () => undefined,
      );
    },
  };
}
