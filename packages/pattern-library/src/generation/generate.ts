import { analyseContract, parseContract } from '../detection/detect.js';
import { PatternLibraryError } from '../errors.js';
import { nodeTypeFacts, NODE_TYPES, type NodeType } from '@onexgen/onex';
import type { ContractPatternKind } from '../types.js';
import { loadTemplate, renderPython } from './render.js';
import { aggregationView, crudOperations, crudOperationView, crudView, eventProcessingView, orchestrationView, transformationView } from './views.js';

export interface GeneratedPatternCode {
  /** the method body, not indented (the caller indents it into the method) */
  code: string;
  /** the entry method this body belongs to for the node type */
  methodName?: string;
  /** import statements the body needs in the node file */
  imports: string[];
  /** the template it came from */
  template: string;
}

const IMPORT = {
  any: 'from typing import Any',
  time: 'import time',
  json: 'import json',
  uuid4: 'from uuid import uuid4',
  asyncpg: 'import asyncpg',
  errorCode: 'from omnibase_core.errors.error_codes import EnumCoreErrorCode',
  logLevel: 'from omnibase_core.enums.enum_log_level import EnumLogLevel as LogLevel',
  log: 'from omnibase_core.logging.structured import emit_log_event_sync as emit_log_event',
  error: 'from omnibase_core.models.errors.model_onex_error import ModelOnexError',
} as const;
const ONEX_IMPORTS = [IMPORT.any, IMPORT.errorCode, IMPORT.logLevel, IMPORT.log, IMPORT.error];
// protocol types the node module declares (@onexgen/onex node-types.yaml `protocols`): services are
// resolved from the container by type, never by a bare string

const TEMPLATE_OF: Record<ContractPatternKind, string> = {
  CRUD: 'crud',
  Transformation: 'transformation',
  Aggregation: 'aggregation',
  Orchestration: 'orchestration',
  EventProcessing: 'event_processing',
};

/**
 * Renders a working method body for a contract-level pattern from data/templates/<kind>.mustache:
 * CRUD over the node's asyncpg pool with parameterised SQL, transformation with validation,
 * aggregation, orchestration of steps, event processing. Used when no LLM is configured.
 */
export function generatePatternCode(
  pattern: ContractPatternKind,
  contract: unknown,
  nodeType: NodeType,
  className: string,
): GeneratedPatternCode {
  if (!(pattern in TEMPLATE_OF)) {
    throw new PatternLibraryError('INPUT_INVALID', `pattern must be one of ${Object.keys(TEMPLATE_OF).join(', ')} (got "${String(pattern)}")`);
  }
  if (!(NODE_TYPES as readonly string[]).includes(nodeType)) {
    throw new PatternLibraryError('INPUT_INVALID', `nodeType must be one of ${NODE_TYPES.join(', ')} (got "${String(nodeType)}")`);
  }
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(className)) {
    throw new PatternLibraryError('INPUT_INVALID', `className must be a Python identifier (got "${className}")`);
  }
  const parsed = parseContract(contract);
  let view: object;
  let imports: string[];
  switch (pattern) {
    case 'CRUD': {
      const groups = analyseContract(parsed).find((k) => k.kind === 'CRUD')?.groups ?? [];
      view = crudView(parsed, groups, className);
      imports = [IMPORT.asyncpg, IMPORT.time, ...((view as { usesJson: boolean }).usesJson ? [IMPORT.json] : []), ...ONEX_IMPORTS];
      break;
    }
    case 'Transformation':
      view = transformationView(parsed, className);
      imports = ONEX_IMPORTS;
      break;
    case 'Aggregation':
      view = aggregationView(parsed, className);
      imports = [IMPORT.any, IMPORT.logLevel, IMPORT.log];
      break;
    case 'Orchestration':
      view = orchestrationView(parsed, className);
      imports = [IMPORT.time, ...ONEX_IMPORTS];
      break;
    case 'EventProcessing':
      view = eventProcessingView(parsed, className);
      imports = [IMPORT.uuid4, ...ONEX_IMPORTS];
      break;
  }
  const template = TEMPLATE_OF[pattern];
  // the body reads the entry method's parameter — `contract` (execute_effect) or `input_data` (process) —
  // through the fields its model really has (@onexgen/onex facts: input_state / data / metadata, and
  // correlation_id / operation_id / workflow_id), so the api/* rules check every read
  const { entryParam, entryMethod } = nodeTypeFacts(nodeType);
  const input = { param: entryParam.name, dataField: entryParam.payload, idField: entryParam.id };
  return { code: renderPython(loadTemplate(template), { ...view, ...input }), methodName: entryMethod, imports, template };
}

/**
 * The body of one operation method of a CRUD effect node (create_user -> parameterised INSERT …
 * RETURNING, get_user -> SELECT by id raising RESOURCE_NOT_FOUND, list_users -> a bounded page,
 * update/delete by id in a transaction), from data/templates/crud_operation.mustache. Undefined when
 * the contract does not declare the operation or its name carries no CRUD verb (crud-operations.yaml).
 * Only effect nodes hold the pool (self.pool) these bodies use.
 */
export function generateOperationCode(contract: unknown, nodeType: NodeType, className: string, operation: string): GeneratedPatternCode | undefined {
  if (nodeType !== 'effect') return undefined;
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(className)) {
    throw new PatternLibraryError('INPUT_INVALID', `className must be a Python identifier (got "${className}")`);
  }
  const parsed = parseContract(contract);
  const declared = crudOperations(parsed).find((op) => op.name === operation);
  if (!declared?.kind) return undefined;
  const view = crudOperationView(parsed, className, declared.name, declared.kind) as { usesJson: boolean };
  const imports = [IMPORT.asyncpg, IMPORT.time, ...(view.usesJson && (declared.kind === 'create' || declared.kind === 'update') ? [IMPORT.json] : []), ...ONEX_IMPORTS];
  return { code: renderPython(loadTemplate('crud_operation'), view), methodName: declared.name, imports, template: 'crud_operation' };
}
