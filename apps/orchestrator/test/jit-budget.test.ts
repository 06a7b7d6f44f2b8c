// The CLI raises V8's tier-up budget before its code loads (bin/jit-budget.js), unless the caller
// chose: ONEXGEN_V8_JIT=default, or an --interrupt-budget of their own on node's command line.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { INTERRUPT_BUDGET, raiseJitBudget } from '../bin/jit-budget.js';

const MODULE = fileURLToPath(new URL('../bin/jit-budget.js', import.meta.url));

describe("the CLI process's V8 tier-up budget", () => {
  it("is raised by default, to four times V8's default", () => {
    expect(INTERRUPT_BUDGET).toBe(270_336);
    expect(raiseJitBudget({}, [])).toBe(true);
  });

  it("keeps V8's own budget when the user asks for it or sets one on node's command line", () => {
    expect(raiseJitBudget({ ONEXGEN_V8_JIT: 'default' }, [])).toBe(false);
    expect(raiseJitBudget({}, ['--interrupt-budget=100000'])).toBe(false);
    expect(raiseJitBudget({}, ['--interrupt_budget', '100000'])).toBe(false);
    expect(raiseJitBudget({}, ['--interrupt-budget-for-feedback-allocation=2000'])).toBe(true);
  });

  it('sets a flag this Node knows: nothing is printed', () => {
    // an unknown V8 flag makes setFlagsFromString print "unrecognized flag" to stderr
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', `import { raiseJitBudget } from ${JSON.stringify(MODULE)}; console.log(raiseJitBudget({}, []));`], { encoding: 'utf8' });
    expect(child.status).toBe(0);
    expect(child.stdout.trim()).toBe('true');
    expect(child.stderr).toBe('');
  });
});
