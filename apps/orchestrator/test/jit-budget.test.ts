// The CLI raises V8's tier-up budgets (JavaScript and WebAssembly) before its code loads
// (bin/jit-budget.js), unless the caller chose: ONEXGEN_V8_JIT=default, or a budget of their own on
// node's command line (that one is kept, the other still raised).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { INTERRUPT_BUDGET, WASM_TIERING_BUDGET, jitFlags, raiseJitBudget } from '../bin/jit-budget.js';

const MODULE = fileURLToPath(new URL('../bin/jit-budget.js', import.meta.url));

describe("the CLI process's V8 tier-up budget", () => {
  const BOTH = ['--interrupt-budget=270336', '--wasm-tiering-budget=18000000'];

  it("is raised by default: JavaScript's to four times V8's default, WebAssembly's to ten times", () => {
    expect(INTERRUPT_BUDGET).toBe(4 * 67_584);
    expect(WASM_TIERING_BUDGET).toBe(10 * 1_800_000);
    expect(jitFlags({}, [])).toEqual(BOTH);
    expect(raiseJitBudget({}, [])).toBe(true);
  });

  it("keeps V8's own budgets when the user asks for it, and a budget set on node's command line", () => {
    expect(jitFlags({ ONEXGEN_V8_JIT: 'default' }, [])).toEqual([]);
    expect(raiseJitBudget({ ONEXGEN_V8_JIT: 'default' }, [])).toBe(false);
    expect(jitFlags({}, ['--interrupt-budget=100000'])).toEqual(['--wasm-tiering-budget=18000000']);
    expect(jitFlags({}, ['--interrupt_budget', '100000'])).toEqual(['--wasm-tiering-budget=18000000']);
    expect(jitFlags({}, ['--wasm_tiering_budget=5'])).toEqual(['--interrupt-budget=270336']);
    expect(jitFlags({}, ['--interrupt-budget=1', '--wasm-tiering-budget', '5'])).toEqual([]);
    expect(raiseJitBudget({}, ['--interrupt-budget=1', '--wasm-tiering-budget=5'])).toBe(false);
    // V8's other flags that start the same tune something else
    expect(jitFlags({}, ['--interrupt-budget-for-feedback-allocation=2000'])).toEqual(BOTH);
  });

  it('sets flags this Node knows, to the values asked: nothing is printed', () => {
    // an unknown V8 flag makes setFlagsFromString print "unrecognized flag" to stderr; V8's own
    // option listing (node --v8-options) names each flag, so a renamed one fails here too
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', `import { raiseJitBudget } from ${JSON.stringify(MODULE)}; console.log(raiseJitBudget({}, []));`], { encoding: 'utf8' });
    expect(child.status).toBe(0);
    expect(child.stdout.trim()).toBe('true');
    expect(child.stderr).toBe('');
    const known = spawnSync(process.execPath, ['--v8-options'], { encoding: 'utf8' }).stdout;
    for (const flag of BOTH) expect(known).toContain(`  ${flag.split('=')[0]} (`);
  });
});
