// What a command may touch of the outside world, injected so that tests run the CLI in-process.

export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Record<string, string | undefined>;
  cwd: string;
  /** whether stderr is a terminal (the live progress display needs one) */
  isTTY: boolean;
  /** aborted on SIGINT/SIGTERM: the run stops and leaves its inputs untouched */
  signal?: AbortSignal;
}

export function processIO(signal?: AbortSignal): CliIO {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
    cwd: process.cwd(),
    isTTY: Boolean(process.stderr.isTTY),
    signal,
  };
}
