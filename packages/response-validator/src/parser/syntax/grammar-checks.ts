// Every tree check, by node type; the walk collects exactly these node types.
import { ARGUMENT_CHECKS } from './check-arguments.js';
import { registry } from './check-context.js';
import { LITERAL_CHECKS } from './check-literals.js';
import { STATEMENT_CHECKS } from './check-statements.js';
import { TARGET_CHECKS } from './check-targets.js';

export const GRAMMAR_CHECKS = registry(STATEMENT_CHECKS, ARGUMENT_CHECKS, TARGET_CHECKS, LITERAL_CHECKS);
export const GRAMMAR_CHECK_TYPES: ReadonlySet<string> = new Set(GRAMMAR_CHECKS.keys());
