// What a command reports back to the program besides its output; its own module, so commands and
// the program that registers them do not import each other.

/** Set by a command whose run finished with a non-zero status that is not an error (1: some fell back). */
export interface RunState {
  exitCode: number;
}
