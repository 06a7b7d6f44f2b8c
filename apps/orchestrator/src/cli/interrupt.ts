// SIGINT / SIGTERM: the first asks the run to stop (in-flight calls are aborted, unfinished nodes
// are not written, every write is atomic); if the run has not ended a second later — PGlite still
// opening, a CPU-bound step between two checks — the process says why and exits 3 anyway, so an
// operator's Ctrl-C or a CI runner's SIGTERM is never ignored. A second signal exits at once.
import { OnexgenError } from '../errors.js';

export const INTERRUPT_GRACE_MS = 1_000;

export interface InterruptOptions {
  /** Print the forced stop as a JSON document (the run was asked for --json). */
  json: boolean;
  graceMs?: number;
  write?: (text: string) => void;
  exit?: (code: number) => void;
}

export function handleInterrupts(controller: AbortController, options: InterruptOptions): () => void {
  const write = options.write ?? ((t: string) => process.stdout.write(t));
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const message = 'interrupted: the unfinished nodes were not written, inputs are untouched';
  let timer: NodeJS.Timeout | undefined;
  const forced = (): void => {
    if (options.json) write(`${JSON.stringify({ stopReason: 'interrupted', exitCode: 3, forced: true, message })}\n`);
    else process.stderr.write(`stopped: interrupted (SIGINT/SIGTERM); ${message}\n`);
    exit(3);
  };
  const onSignal = (): void => {
    if (controller.signal.aborted) return forced();
    controller.abort(new OnexgenError('INTERRUPTED', message));
    timer = setTimeout(forced, options.graceMs ?? INTERRUPT_GRACE_MS);
    timer.unref();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    clearTimeout(timer);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}
