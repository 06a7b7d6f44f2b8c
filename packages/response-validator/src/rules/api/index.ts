// The api/* rules: code checked against an index of the real library's API (profile `apiIndex`).
import type { Rule } from '../rule.js';
import { unknownAttribute, unknownEnumMember } from './attributes.js';
import { callArity, serviceLookupRule, unknownKeyword } from './calls.js';
import { entrySignature } from './entry-signature.js';
import { unknownName, unresolvedImport } from './imports.js';

export const API_RULES: readonly Rule[] = [
  unresolvedImport, unknownName, callArity, unknownKeyword, unknownAttribute, unknownEnumMember, entrySignature, serviceLookupRule,
];
