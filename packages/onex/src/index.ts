// @onexgen/onex: the shared ONEX vocabulary every other package imports and none redefines.
export { NODE_TYPES, type NodeType, nodeTypeSchema, normaliseNodeType, isNodeType } from './node-types.js';
export { nodeTypeFacts, allNodeTypeFacts, entryMethodOf } from './node-facts.js';
export { TIERS, type Tier, tierSchema } from './tiers.js';
export { SECTION_IDS, type SectionId } from './sections.js';
export {
  ISSUE_CATEGORIES,
  type IssueCategory,
  issueCategorySchema,
  SEVERITIES,
  type Severity,
  severitySchema,
} from './issues.js';
export { type MicroUsd, MICROS_PER_USD, usdToMicros, microsToUsd, formatUsd } from './money.js';
export {
  PYTHON_KEYWORDS,
  isPythonIdentifier,
  pythonIdentifierSchema,
  pascalCase,
  snakeCase,
  nodeClassName,
  pyString,
  pythonDocText,
} from './python.js';
export {
  NodeSpecSchema,
  type NodeSpec,
  OperationSchema,
  MethodSchema,
  MethodOverrideSchema,
  type MethodOverride,
  ContractFieldsSchema,
  PerformanceSchema,
  examplesOf,
} from './spec/node-spec.js';
export { methodExamplesSchema, expectsRaise, type MethodExample } from './spec/examples.js';
export { VERDICTS, type Verdict, verdictSchema, PASSING_VERDICTS } from './verdicts.js';
export { KEY_SHAPES, SECRET_MARKER, scrubKeyShapes, heldSecret, redactionList, redactValues } from './secrets.js';
export { freezeDeep } from './freeze.js';
