// Types of jit-budget.js (plain JavaScript: the bin runs it before any build output loads).
export declare const INTERRUPT_BUDGET: number;
export declare const WASM_TIERING_BUDGET: number;
export declare function jitFlags(env?: Record<string, string | undefined>, execArgv?: readonly string[]): string[];
export declare function raiseJitBudget(env?: Record<string, string | undefined>, execArgv?: readonly string[]): boolean;
