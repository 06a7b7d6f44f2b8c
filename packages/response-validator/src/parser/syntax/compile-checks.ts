// The compile()-level checks, by node type. Their issues go to compileErrors and never change
// syntaxValid (ast.parse accepts all of these inputs).
import { registry } from './check-context.js';
import { COMPILE_MISC_CHECKS, STATIC_BLOCK_CHECKS } from './compile-misc-checks.js';
import { COMPILE_SCOPE_CHECKS, DECLARATION_CHECKS } from './compile-scope-checks.js';

export const COMPILE_CHECKS = registry(COMPILE_SCOPE_CHECKS, DECLARATION_CHECKS, COMPILE_MISC_CHECKS, STATIC_BLOCK_CHECKS);
