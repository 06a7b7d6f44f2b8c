// Imported first by the benchmarks that run the pipeline in their own process: V8's tier-up budget
// as the `onexgen` command sets it before its code loads (apps/orchestrator/bin/jit-budget.js).
// ONEXGEN_V8_JIT=default measures V8's own budget instead.
import { raiseJitBudget } from '../../apps/orchestrator/bin/jit-budget.js';

export const jitBudgetRaised = raiseJitBudget();
