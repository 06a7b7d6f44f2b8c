// How soon V8 hands code to its optimising compiler (TurboFan), for the `onexgen` process:
// JavaScript functions and WebAssembly functions (PostgreSQL, the Python parser, the tokenizer).
//
// Why, JavaScript: a run executes a large body of code (parser, validation rules, prompt building,
// drizzle, HTTP) a few hundred to a few thousand times, on three isolates (this thread, the
// validation thread, the embedded database's). With V8's default budget TurboFan compiled ~1,100
// functions in a 1,000-method run, ~10 s of compile work on the helper threads: on a two-core
// machine about 0.3 of a core taken from the run itself. Four times the budget leaves the lukewarm
// functions on the baseline tier and optimises the hot ones a little later: ~500 compiles, ~4 s, and
// 3–17 % less CPU per method in a process's first run, nine alternating pairs (tools/bench/README.md,
// session 18). A long-running worker reaches the same optimised code; it gets there later.
//
// Why, WebAssembly: V8 runs a module's functions from its baseline compiler (Liftoff) and recompiles
// those that ran enough with TurboFan. PostgreSQL's start-up alone runs enough of its 8 MB module to
// send hundreds of functions there: in a one-spec `generate --offline`, TurboFan compiling
// WebAssembly was ~1 s of the process's ~5.5 s of CPU (perf, session 19). Ten times V8's budget
// leaves start-up code on Liftoff; the loops a long run repeats still get there.
//
// V8's flags are process-wide and read when a function's budget is set: called before the CLI's
// modules load, it covers all of them and every thread started afterwards.
// ONEXGEN_V8_JIT=default keeps V8's choices; a budget the caller set on node's command line
// (--interrupt-budget, --wasm-tiering-budget) keeps that one.
import { setFlagsFromString } from 'node:v8';

/** V8's default in Node 20 (V8 11.3) is 67,584 bytes of executed bytecode. */
export const INTERRUPT_BUDGET = 4 * 67_584;

/** V8's default in Node 20 (V8 11.3) is 1,800,000 (roughly bytes of WebAssembly executed). */
export const WASM_TIERING_BUDGET = 10 * 1_800_000;

/** The V8 flags raiseJitBudget sets for this environment and node command line. */
export function jitFlags(env = process.env, execArgv = process.execArgv) {
  if (env.ONEXGEN_V8_JIT === 'default') return [];
  // V8 reads `--flag=N`, `--flag_with_underscores=N` or the flag and its value apart; its other
  // --interrupt-budget-… flags tune something else and leave this one to us
  const given = (name) => {
    const spelled = new RegExp(`^--${name.replace(/-/g, '[-_]')}(=|$)`);
    return execArgv.some((flag) => spelled.test(flag));
  };
  const flags = [];
  if (!given('interrupt-budget')) flags.push(`--interrupt-budget=${INTERRUPT_BUDGET}`);
  if (!given('wasm-tiering-budget')) flags.push(`--wasm-tiering-budget=${WASM_TIERING_BUDGET}`);
  return flags;
}

/** Raises V8's tier-up budgets unless the caller chose otherwise; true when it raised any. */
export function raiseJitBudget(env = process.env, execArgv = process.execArgv) {
  const flags = jitFlags(env, execArgv);
  for (const flag of flags) setFlagsFromString(flag);
  return flags.length > 0;
}
