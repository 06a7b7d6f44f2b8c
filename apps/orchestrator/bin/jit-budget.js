// How soon V8 hands a function to its optimising compiler (TurboFan), for the `onexgen` process.
//
// Why: a run executes a large body of code (parser, validation rules, prompt building, drizzle,
// HTTP) a few hundred to a few thousand times, on three isolates (this thread, the validation
// thread, the embedded database's). With V8's default budget TurboFan compiled ~1,100 functions
// in a 1,000-method run, ~10 s of compile work on the helper threads: on a two-core machine about
// 0.3 of a core taken from the run itself. Four times the budget leaves the lukewarm functions on
// the baseline tier and optimises the hot ones a little later: ~500 compiles, ~4 s, and 3–17 %
// less CPU per method in a process's first run, nine alternating pairs (tools/bench/README.md,
// session 18). A long-running worker reaches the same optimised code; it gets there later.
//
// V8's flags are process-wide and read when a function's budget is set: called before the CLI's
// modules load, it covers all of them and every thread started afterwards.
// ONEXGEN_V8_JIT=default, or an --interrupt-budget of the caller's own on node's command line,
// keeps V8's choice.
import { setFlagsFromString } from 'node:v8';

/** V8's default in Node 20 (V8 11.3) is 67,584 bytes of executed bytecode. */
export const INTERRUPT_BUDGET = 4 * 67_584;

/** Raises V8's tier-up budget unless the caller chose otherwise; true when it did. */
export function raiseJitBudget(env = process.env, execArgv = process.execArgv) {
  if (env.ONEXGEN_V8_JIT === 'default') return false;
  // V8 reads `--interrupt-budget=N`, `--interrupt_budget=N` or the flag and its value apart; its
  // other --interrupt-budget-… flags tune something else and leave this one to us
  if (execArgv.some((flag) => /^--interrupt[-_]budget(=|$)/.test(flag))) return false;
  setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
  return true;
}
