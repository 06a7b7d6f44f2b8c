import type { Contract } from '../detection/contract-schema.js';
import { words } from '../features/tokenize.js';
import { identifier, pluralize } from './naming.js';
import { crudOperationKind, type CrudOperationKind } from './crud-operation-kinds.js';

// Builds the mustache view of each template from a contract. Every name that reaches SQL or
// Python passes identifier(), so a contract cannot inject text into the generated code.

const CRUD_ORDER = ['create', 'read', 'update', 'delete'] as const;
/** Verbs of storing and reading: a name carrying one (create_user) names its entity with the rest. */
const CRUD_VERBS = new Set([
  'create', 'insert', 'add', 'register', 'new', 'save', 'persist', 'read', 'get', 'fetch', 'find', 'query', 'list',
  'retrieve', 'select', 'lookup', 'search', 'load', 'update', 'modify', 'edit', 'patch', 'set', 'upsert', 'change',
  'rename', 'delete', 'remove', 'destroy', 'purge', 'archive', 'erase', 'drop',
]);
const NOT_ENTITY = new Set([
  ...CRUD_VERBS, 'by', 'id', 'all', 'a', 'an', 'the',
  'operation', 'operations', 'crud', 'database', 'db', 'record', 'records', 'data', 'management', 'service', 'effect', 'node',
]);
/** Role suffixes of a node's name: `inventory_store` stores inventory. */
const ROLE_SUFFIX = /_(effect|node|service|store|adapter|repository|repo|manager|management|api|client|gateway)$/;

function field(contract: Contract, key: string): unknown {
  return (contract as Record<string, unknown>)[key];
}

function nameList(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value
    .map((v) => (typeof v === 'string' ? v : typeof v === 'object' && v !== null ? (v as { name?: unknown }).name : undefined))
    .map(identifier)
    .filter((v): v is string => v !== undefined);
}

/**
 * The noun the contract's capabilities and operations act on ("create_user" -> user): the explicit
 * `entity`, else the most frequent noun of the names that carry a CRUD verb, else the contract's name
 * without its role suffix. A name without such a verb (execute, health_check) names an action, not
 * what is stored, so it never becomes a table.
 */
export function entityOf(contract: Contract): string {
  const explicit = identifier(field(contract, 'entity'));
  if (explicit) return explicit;
  const counts = new Map<string, number>();
  for (const name of [...nameList(contract.capabilities), ...nameList(contract.operations)]) {
    const all = words(name);
    if (!all.some((w) => CRUD_VERBS.has(w))) continue;
    const noun = all.filter((w) => !NOT_ENTITY.has(w));
    if (noun.length === 0) continue;
    const key = noun.join('_');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const best = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
  return best?.[0] ?? (identifier(contract.name)?.replace(ROLE_SUFFIX, '') || 'record');
}

/** Where a CRUD contract's records live: table, entity and the columns values bind to. */
function crudStorage(contract: Contract) {
  const entity = entityOf(contract);
  const table = identifier(field(contract, 'table')) ?? pluralize(entity);
  const declared = nameList(field(contract, 'fields')).filter((f) => f !== 'id');
  // Without declared fields the record lives in one JSONB column, so the SQL stays static.
  const columns = declared.length
    ? declared.map((name) => ({ name, valueExpr: `payload.get("${name}")`, paramExpr: `params.get("${name}")` }))
    : [{ name: 'data', valueExpr: 'json.dumps(payload.get("data", {}))', paramExpr: 'json.dumps(data)' }];
  const cast = declared.length ? '' : '::jsonb';
  return {
    entity,
    entities: pluralize(entity),
    table,
    columns,
    jsonData: !declared.length,
    columnList: columns.map((c) => c.name).join(', '),
    insertPlaceholders: columns.map((_, i) => `$${i + 1}${cast}`).join(', '),
    updateAssignments: columns.map((c, i) => `${c.name} = $${i + 2}${cast}`).join(', '),
    returning: ['id', ...columns.map((c) => c.name)].join(', '),
    usesJson: !declared.length,
  };
}

/** The contract's declared operation names (spec order), each with the CRUD body its verb asks for. */
export function crudOperations(contract: Contract): { name: string; kind: CrudOperationKind | undefined }[] {
  return nameList(contract.operations).map((name) => ({ name, kind: crudOperationKind(name) }));
}

export function crudView(contract: Contract, groups: readonly string[], className: string): object {
  const storage = crudStorage(contract);
  const present = CRUD_ORDER.filter((op) => groups.includes(op));
  const ops = present.length ? present : [...CRUD_ORDER];
  // Every declared operation is a CRUD one: the entry method dispatches to the operation methods
  // by the names the spec (and the generated input model's `operation` field) declare.
  const declared = crudOperations(contract);
  const dispatch = declared.length > 0 && declared.every((op) => op.kind !== undefined) ? declared.map((op) => ({ operation: op.name })) : [];
  return {
    ...storage,
    className,
    dispatch,
    hasDispatch: dispatch.length > 0,
    operations: ops.map((name, i) => ({
      name,
      keyword: i === 0 ? 'if' : 'elif',
      isCreate: name === 'create',
      isRead: name === 'read',
      isUpdate: name === 'update',
      isDelete: name === 'delete',
    })),
  };
}

/** The view of data/templates/crud_operation.mustache: one operation method's body. */
export function crudOperationView(contract: Contract, className: string, operation: string, kind: CrudOperationKind): object {
  const storage = crudStorage(contract);
  return {
    ...storage,
    className,
    operation,
    needsId: kind === 'read' || kind === 'update' || kind === 'delete',
    needsData: kind === 'create' || kind === 'update',
    insertArgs: storage.columns.map((c) => c.paramExpr).join(', '),
    updateArgs: storage.columns.map((c) => c.paramExpr).join(', '),
    returnsRow: kind === 'create' || kind === 'read' || kind === 'update',
    defaultLimit: 100,
    maxLimit: 1000,
    isCreate: kind === 'create',
    isRead: kind === 'read',
    isList: kind === 'list',
    isUpdate: kind === 'update',
    isDelete: kind === 'delete',
  };
}

export function transformationView(contract: Contract, className: string): object {
  return { className, fields: nameList(field(contract, 'fields')) };
}

export function aggregationView(contract: Contract, className: string): object {
  const spec = field(contract, 'aggregation');
  const get = (k: string): string | undefined =>
    typeof spec === 'object' && spec !== null ? identifier((spec as Record<string, unknown>)[k]) : undefined;
  return { className, groupBy: get('group_by') ?? 'key', valueField: get('value_field') ?? 'value' };
}

export function orchestrationView(contract: Contract, className: string): object {
  const coordination = field(contract, 'workflow_coordination');
  const declared = typeof coordination === 'object' && coordination !== null ? nameList((coordination as { steps?: unknown }).steps) : [];
  const steps = declared.length ? declared : [...nameList(contract.operations), ...nameList(contract.capabilities)];
  return { className, steps: [...new Set(steps.length ? steps : ['validate', 'execute', 'publish'])] };
}

export function eventProcessingView(contract: Contract, className: string): object {
  const consumed = field(contract, 'consumed_events');
  const published = nameList(field(contract, 'published_events'));
  const eventTypes = Array.isArray(consumed)
    ? consumed.filter((e): e is string => typeof e === 'string' && /^[A-Za-z0-9_.-]+$/.test(e))
    : [];
  return {
    className,
    eventTypes,
    handlerService: `${className}Handler`.replace(/[^A-Za-z0-9_]/g, ''),
    outputTopic: published[0] ?? `${identifier(contract.name) ?? 'node'}.processed`,
  };
}
