// Starting a worker thread with the process's own Node flags (profilers, inspectors, loaders), minus
// those a thread refuses. Node throws ERR_WORKER_INVALID_EXEC_ARGV for a thread given a per-process
// flag: every V8 flag (`--max-old-space-size`, `--max-semi-space-size`, `--stack-size`,
// `--expose-gc`…) and a few of Node's own (`--title`, `--abort-on-uncaught-exception`). Those
// already apply to the whole process, threads included, so leaving them out loses nothing; passing
// them made `node --max-old-space-size=4096 onexgen …` fail every thread it starts (the embedded
// database's, the validator's, the large-file parser's). `--input-type` (from
// `node --input-type=module -e …`) only means something for a main script and fails a thread too
// (ERR_INPUT_TYPE_NOT_ALLOWED). Every package that starts a thread starts it here.
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** Flags a thread refused in this process: not offered again. */
const refused = new Set<string>();

function threadExecArgv(): string[] {
  return process.execArgv.filter((flag) => !flag.startsWith('--input-type') && !refused.has(flag));
}

/** Node names the refused flags in its message: "Initiated Worker with invalid execArgv flags: a, b". */
function refusedFlags(err: Error): string[] {
  return /execArgv flags: (.+)$/.exec(err.message)?.[1]?.split(', ') ?? [];
}

const isInvalidExecArgv = (err: unknown): err is Error => (err as { code?: unknown } | null)?.code === 'ERR_WORKER_INVALID_EXEC_ARGV';

/**
 * `new Worker(file, options)` with the flags of threadExecArgv(). The flags a thread refuses are
 * left out and the thread started again (the refusal is synchronous, before any workerData or
 * transfer is sent); should the message name none of the flags given, none is given. Each round
 * gives fewer flags, so it ends: with a thread, or with the error a thread without flags gets.
 */
export function startThread(file: string | URL, options: Omit<WorkerOptions, 'execArgv'> = {}): Worker {
  for (;;) {
    const execArgv = threadExecArgv();
    try {
      return new Worker(file, { ...options, execArgv });
    } catch (err) {
      if (!isInvalidExecArgv(err) || execArgv.length === 0) throw err;
      const named = refusedFlags(err).filter((flag) => execArgv.includes(flag));
      for (const flag of named.length > 0 ? named : execArgv) refused.add(flag);
    }
  }
}
