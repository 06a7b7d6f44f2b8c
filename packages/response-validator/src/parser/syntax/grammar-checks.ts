// Every tree check, by node type; the walk collects exactly these node types.
import { ARGUMENT_CHECKS } from './check-arguments.js';
import { registry } from './check-context.js';
import { COMPILE_CHECKS } from './compile-checks.js';
import { CONTAINER_TYPES } from './scope-index.js';
import { LITERAL_CHECKS } from './check-literals.js';
import { STATEMENT_CHECKS } from './check-statements.js';
import { TARGET_CHECKS } from './check-targets.js';

export const GRAMMAR_CHECKS = registry(STATEMENT_CHECKS, ARGUMENT_CHECKS, TARGET_CHECKS, LITERAL_CHECKS);
/** Node types the walk collects for the grammar and compile checks. */
export const CHECKED_NODE_TYPES: ReadonlySet<string> = new Set([...GRAMMAR_CHECKS.keys(), ...COMPILE_CHECKS.keys(), ...CONTAINER_TYPES]);
