// The run's sandbox starts when the session opens, but nothing waits for it there: finding Python,
// probing network isolation and starting the Python worker took 0.6–0.8 s per session (measured in
// a queue worker, where it delayed every run's first jobs), and only a method whose spec has
// examples needs it — after its context build and model call. Such a method awaits it
// (stage-behaviour.ts); a session closes it once it has started, whether anyone used it or not.
import { createSandbox, type Sandbox } from '@onexgen/python-sandbox';
import type { RunConfig } from '../run-config.js';

export type StartingSandbox = Promise<Sandbox>;

/** One sandbox per run; the run's secrets never reach the child Python. */
export function startSessionSandbox(config: RunConfig, secrets: readonly string[]): StartingSandbox {
  const starting = createSandbox({
    ...(config.python ? { python: config.python } : {}),
    ...(config.exampleTimeoutMs ? { limits: { exampleTimeoutMs: config.exampleTimeoutMs } } : {}),
    secrets: [...secrets],
  });
  // a run without examples never awaits it: its failure is that run's to ignore, not an unhandled rejection
  starting.catch(() => undefined);
  return starting;
}

/** Closes the sandbox once it has started (a close during start-up must not leave its Python behind). */
export async function closeSessionSandbox(starting: StartingSandbox): Promise<void> {
  await starting.then(
    (sandbox) => sandbox.close(),
    () => undefined,
  );
}
