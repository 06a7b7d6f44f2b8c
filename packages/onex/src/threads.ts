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
  const named = /execArgv flags: (.+)$/.exec(err.message)?.[1];
  return named ? named.split(', ').filter((flag) => process.execArgv.includes(flag)) : [];
}

const isInvalidExecArgv = (err: unknown): err is Error => (err as { code?: unknown } | null)?.code === 'ERR_WORKER_INVALID_EXEC_ARGV';

/**
 * `new Worker(file, options)` with the flags of threadExecArgv(). A flag the thread refuses is left
 * out and the thread started again (the refusal is synchronous, before any workerData or transfer
 * is sent); should the message name none, the thread starts with no flags at all.
 */
export function startThread(file: string | URL, options: Omit<WorkerOptions, 'execArgv'> = {}): Worker {
  try {
    return new Worker(file, { ...options, execArgv: threadExecArgv() });
  } catch (err) {
    if (!isInvalidExecArgv(err)) throw err;
    const named = refusedFlags(err);
    for (const flag of named.length > 0 ? named : process.execArgv) refused.add(flag);
  }
  try {
    return new Worker(file, { ...options, execArgv: threadExecArgv() });
  } catch (err) {
    if (!isInvalidExecArgv(err)) throw err;
    for (const flag of process.execArgv) refused.add(flag);
    return new Worker(file, { ...options, execArgv: [] });
  }
}
