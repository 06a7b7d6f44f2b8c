// Every rule the package knows. A profile enables a rule by listing its id under `rules`.
import { API_RULES } from './api/index.js';
import { missingPattern } from './pattern/expected-patterns.js';
import { asyncWithoutAwait, blockingCallInAsync, missingAwait } from './onex/async-io.js';
import { broadExceptNotWrapped, missingErrorCode, raiseNonOnexError } from './onex/error-codes.js';
import { logCallForm, logMissingCorrelationId, nonOnexLogging } from './onex/logging.js';
import { missingDocstring, missingTypeHints } from './onex/signatures.js';
import { complexity, functionLength } from './quality/complexity.js';
import { missingReturn } from './quality/missing-return.js';
import { undefinedName, unusedVariable } from './quality/names.js';
import { bareExcept, stubLeft, todoLeft } from './quality/placeholders.js';
import type { Rule } from './rule.js';
import { evalExec, osShell, subprocessShell } from './security/command-injection.js';
import { insecureRandom, jwtWithoutVerification, weakHash } from './security/crypto.js';
import { unsafeDeserialization, yamlUnsafeLoad } from './security/deserialization.js';
import { hardcodedSecret } from './security/hardcoded-secret.js';
import { worldWritablePermissions } from './security/file-permissions.js';
import { bindAllInterfaces, httpWithoutTimeout, tlsVerificationDisabled, weakTlsProtocol } from './security/network.js';
import { secretInLog } from './security/secret-in-log.js';
import { sqlInjection } from './security/sql-injection.js';
import { assertUsed, insecureTempFile } from './security/unsafe-apis.js';
import { xmlUnsafeParser } from './security/xml-parsers.js';

export const SECURITY_RULES: readonly Rule[] = [
  hardcodedSecret, evalExec, osShell, subprocessShell, sqlInjection, unsafeDeserialization, yamlUnsafeLoad, weakHash,
  insecureRandom, insecureTempFile, httpWithoutTimeout, tlsVerificationDisabled, jwtWithoutVerification,
  bindAllInterfaces, assertUsed, secretInLog, weakTlsProtocol, worldWritablePermissions, xmlUnsafeParser,
];

export const COMPLIANCE_RULES: readonly Rule[] = [
  raiseNonOnexError, missingErrorCode, broadExceptNotWrapped, nonOnexLogging, logCallForm,
  logMissingCorrelationId, missingAwait, blockingCallInAsync, asyncWithoutAwait, missingTypeHints, missingDocstring,
];

export const QUALITY_RULES: readonly Rule[] = [
  complexity, functionLength, todoLeft, stubLeft, bareExcept, missingReturn, unusedVariable, undefinedName,
];

export const PATTERN_RULES: readonly Rule[] = [missingPattern];

export { API_RULES };

export const ALL_RULES: readonly Rule[] = [...SECURITY_RULES, ...COMPLIANCE_RULES, ...API_RULES, ...QUALITY_RULES, ...PATTERN_RULES];

/** Syntax issues come from the parser, not from a tree rule; listed here so reports can describe them. */
export const SYNTAX_RULES = [
  { id: 'syntax/invalid', category: 'syntax', severity: 'error', summary: 'not valid Python 3.12 (CPython ast.parse would reject it)' },
  { id: 'syntax/compile', category: 'syntax', severity: 'error', summary: 'parses, but CPython compile() rejects it (return outside function, ...)' },
] as const;

export interface RuleDescription {
  id: string;
  category: string;
  severity: string;
  summary: string;
  bandit?: string;
  cwe?: string;
}

export function describeRules(): RuleDescription[] {
  return [
    ...SYNTAX_RULES.map((r) => ({ ...r })),
    ...ALL_RULES.map(({ id, category, severity, summary, bandit, cwe }) => ({ id, category, severity, summary, ...(bandit ? { bandit } : {}), ...(cwe ? { cwe } : {}) })),
  ];
}
