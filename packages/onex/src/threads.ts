// The Node flags a worker thread starts with: the process's own (memory limits, profilers) except
// those that only mean something for a main script. `node --input-type=module -e …` passes
// `--input-type`, and a Worker given it fails to start (ERR_INPUT_TYPE_NOT_ALLOWED). Every package
// that starts a thread (the embedded database's, the large-file parser's) passes this.
export function threadExecArgv(): string[] {
  return process.execArgv.filter((flag) => !flag.startsWith('--input-type'));
}
