// @onexgen/onex: the shared ONEX vocabulary every other package imports and none redefines.
export { NODE_TYPES, type NodeType, nodeTypeSchema, normaliseNodeType, isNodeType } from './node-types.js';
export { nodeTypeFacts, allNodeTypeFacts, entryMethodOf, NODE_TYPES_FILE, type NodeTypeFacts } from './node-facts.js';
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
  type NodeSpecInput,
  OperationSchema,
  MethodSchema,
  type SpecMethod,
  MethodOverrideSchema,
  type MethodOverride,
  ContractFieldsSchema,
  PerformanceSchema,
  examplesOf,
} from './spec/node-spec.js';
export { signatureParams } from './spec/signature-params.js';
export { methodExampleSchema, methodExamplesSchema, exampleIoSchema, expectsRaise, type MethodExample } from './spec/examples.js';
export { VERDICTS, type Verdict, verdictSchema, PASSING_VERDICTS } from './verdicts.js';
export { KEY_SHAPES, type KeyShape, SECRET_MARKER, scrubKeyShapes, heldSecret, type ScrubResult } from './secrets.js';
