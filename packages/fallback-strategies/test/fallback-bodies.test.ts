// Template and partial bodies checked by the real validator (onex-v2 profile), as the orchestrator
// will check them: fragment mode, the node file's imports given.
import { beforeAll, describe, expect, test } from '@jest/globals';
import { createValidator } from '@onexgen/response-validator';
import type { ValidationResult, Validator } from '@onexgen/response-validator';
import { NODE_TYPES, nodeTypeFacts, type NodeType } from '@onexgen/onex';
import { fallbackImports, FallbackError, partialImplementation, templateFallback } from '../src/index.js';
import type { MethodSpec } from '../src/index.js';

// the entry method and its parameter as the skeleton renders them (@onexgen/onex facts)
const ENTRY = Object.fromEntries(NODE_TYPES.map((t) => [t, nodeTypeFacts(t).entryMethod])) as Record<NodeType, string>;
const PARAM = (type: NodeType) => nodeTypeFacts(type).entryParam;

/** The entry method as the stub finder reports it (PyFunction-shaped, extra fields included). */
const entry = (type: NodeType): MethodSpec => ({
  name: ENTRY[type],
  qualifiedName: `NodeOrdersEffect.${ENTRY[type]}`,
  isAsync: true,
  params: [
    { name: 'self', kind: 'positional' },
    { name: PARAM(type).name, kind: 'positional', annotation: PARAM(type).class },
  ],
  returnAnnotation: 'Any',
  docstring: { text: '"""Handle the orders contract.\n\n    Longer text."""' },
});

let validator: Validator;
beforeAll(async () => {
  validator = await createValidator({ profile: 'onex-v2' });
});

function check(body: string, type: NodeType, extra: object = {}): ValidationResult {
  return validator.validate(body, { fragment: true, nodeType: type, methodName: ENTRY[type], fileImports: fallbackImports(), attempt: 4, ...extra });
}
const errors = (result: ValidationResult) => result.issues.filter((issue) => issue.severity === 'error').map((issue) => `${issue.ruleId}@${issue.line}: ${issue.message}`);

describe.each(NODE_TYPES)('%s node', (type) => {
  test('the template fallback passes onex-v2 with no error, and marks the method incomplete', () => {
    const body = templateFallback(entry(type), 'attempt 3 of 3 failed: onex/unknown-error-code@6; falling back to template');
    const result = check(body, type);
    expect(errors(result)).toEqual([]);
    expect(result.syntaxValid).toBe(true);
    expect(result.passed).toBe(true);
    const lines = body.split('\n');
    expect(lines[0]).toBe('"""Handle the orders contract."""');
    expect(lines[1]).toBe('# IMPLEMENTATION REQUIRED: attempt 3 of 3 failed: onex/unknown-error-code@6; falling back to template');
    expect(body).toContain('error_code=EnumCoreErrorCode.METHOD_NOT_IMPLEMENTED');
    expect(body).toMatch(/^# Manual completion guide \(onexgen fills this method again while the marker line above is here\):$/m);
  });

  test('the partial implementation passes onex-v2 with no error, with the ONEX parts in place', () => {
    const body = partialImplementation(entry(type), type, { steps: ['validate', 'persist'], io: { kind: 'client' } });
    const result = check(body, type);
    expect(errors(result)).toEqual([]);
    expect(result.passed).toBe(true);
    // the marker is the first line after the docstring (the injector keeps the stub's own docstring)
    const afterDocstring = body.split('\n')[body.split('\n').findIndex((l, i) => i > 0 && l === '"""') + 1];
    expect(afterDocstring).toMatch(/^# IMPLEMENTATION REQUIRED: /);
    if (type === 'compute') {
      // pure: no clock, no random id, no logging
      // the input model's real id field (ModelComputeInput has operation_id, no correlation_id)
      expect(body).toContain('correlation_id = (input_data.operation_id if input_data is not None else None)\n');
      expect(body).toContain('source = input_data.data\n');
      expect(body).not.toMatch(/time\.|uuid4|emit_log_event/);
    } else {
      expect(body).toContain('started = time.perf_counter()');
      const { name, id } = PARAM(type);
      expect(body).toContain(`correlation_id = (${name}.${id} if ${name} is not None else None) or uuid4()`);
      expect(body).toMatch(/emit_log_event\(\n {4}LogLevel\.INFO,/);
    }
    expect(body).toContain('except Exception as exc:');
    expect(body).toContain(') from exc');
    expect(body).toMatch(new RegExp(`^# Manual completion guide \\(onexgen partial implementation, ${type}\\):$`, 'm'));
  });
});

describe('what each node type does', () => {
  test('effect: the declared pool is acquired and the validator sees connection pooling', () => {
    const body = partialImplementation(entry('effect'), 'EFFECT_GENERIC', { io: { kind: 'pool', attribute: 'db_pool' } });
    expect(body).toContain('async with self.db_pool.acquire() as connection:');
    expect(body).toContain('error_code=EnumCoreErrorCode.DATABASE_OPERATION_ERROR');
    expect(errors(check(body, 'effect'))).toEqual([]);
    const plain = partialImplementation(entry('effect'), 'effect', { io: { kind: 'client', attribute: 'orders_api', call: 'submit' } });
    expect(plain).toContain('result = await self.orders_api.submit(payload)');
  });

  test('compute and reducer validate into the output model named by the return annotation', () => {
    const method = { ...entry('compute'), returnAnnotation: 'ModelOrderTotals' };
    const body = partialImplementation(method, 'compute');
    expect(body).toContain('result = ModelOrderTotals.model_validate(source)');
    expect(errors(check(body, 'compute', { knownNames: ['ModelOrderTotals'] }))).toEqual([]);
    const reducer = partialImplementation({ ...entry('reducer'), returnAnnotation: 'ModelOrderTotals' }, 'reducer', { itemsField: 'orders', keyField: 'region' });
    // ModelReducerInput holds its items in `data` (it has no `orders` field)
    expect(reducer).toContain('items = list(input_data.data or [])');
    expect(reducer).toContain('raw_key = item.get("region") if isinstance(item, dict) else getattr(item, "region", None)');
    expect(errors(check(reducer, 'reducer', { knownNames: ['ModelOrderTotals'] }))).toEqual([]);
  });

  test('orchestrator: steps run in the declared order and a failure names the step', () => {
    const body = partialImplementation(entry('orchestrator'), 'orchestrator', { steps: ['validate', { name: 'charge card', handler: 'charge' }] });
    expect(body).toContain('for step_name, handler_name in (("validate", "_step_validate"), ("charge card", "charge"),):');
    expect(body).toContain('"error_type": type(exc).__name__, "step": current_step}');
  });

  test('a sync method and a method without input still give valid bodies', () => {
    const sync = { name: 'summarise', isAsync: false, params: ['self'] };
    for (const type of NODE_TYPES) {
      const body = partialImplementation(sync, type, { steps: ['a'] });
      expect(body).not.toContain('await ');
      expect(body).toContain(type === 'compute' ? 'correlation_id = None' : 'correlation_id = uuid4()');
      expect(errors(validator.validate(body, { fragment: true, isAsync: false, methodName: 'summarise', fileImports: fallbackImports() }))).toEqual([]);
    }
  });
});

describe('bodies are correct Python for the types of the signature they fill', () => {
  const param = (name: string, annotation?: string) => ({ name, kind: 'positional', ...(annotation ? { annotation } : {}) });
  const method = (params: ReturnType<typeof param>[], returnAnnotation: string, isAsync = false): MethodSpec => ({
    name: 'round_money',
    isAsync,
    params: [param('self'), ...params],
    returnAnnotation,
  });

  test('compute on a float returns a float without dict() or attribute reads on it', () => {
    const body = partialImplementation(method([param('amount', 'float'), param('places', 'int')], 'float'), 'compute');
    expect(body).toContain('result = amount\n');
    expect(body).not.toMatch(/dict\(amount|amount\.|getattr\(amount/);
    expect(body).toContain('correlation_id = None');
  });

  test('the correlation id comes from a correlation_id parameter, a dict key or a model attribute, never a scalar', () => {
    const fromParam = partialImplementation(method([param('order', 'ModelOrder'), param('correlation_id', 'str | None')], 'dict[str, Any]', true), 'effect');
    expect(fromParam).toContain('correlation_id = correlation_id or uuid4()');
    const fromDict = partialImplementation(method([param('input_data', 'dict[str, Any]')], 'dict[str, Any]', true), 'effect');
    expect(fromDict).toContain('correlation_id = (input_data or {}).get("correlation_id") or uuid4()');
    const scalar = templateFallback(method([param('amount', 'float')], 'float'), 'x');
    expect(scalar).toContain('correlation_id = uuid4()');
    expect(scalar).not.toContain('amount,');
  });

  test('compute copies a dict or model input into a dict return, and a reducer reads a dict input by key', () => {
    expect(partialImplementation(method([param('input_data', 'dict[str, Any]')], 'dict[str, Any]'), 'compute')).toContain('source = dict(input_data)\n');
    expect(partialImplementation(method([param('order', 'ModelOrder')], 'dict[str, Any]'), 'compute')).toContain('source = order.model_dump()\n');
    expect(partialImplementation(method([param('input_data', 'dict[str, Any]')], 'dict[str, Any]'), 'reducer')).toContain('items = list(input_data.get("items") or [])');
  });

  test('no type-correct placeholder: PARTIAL_UNSUPPORTED (the caller writes the template stub)', () => {
    expect(() => partialImplementation(method([param('amount', 'float')], 'str'), 'compute')).toThrow(expect.objectContaining({ code: 'PARTIAL_UNSUPPORTED' }));
  });
});

describe('text from outside cannot break the Python', () => {
  test('a reason and docstring full of quotes, backslashes and line breaks stay inside their literals', () => {
    const hostile = 'failed: """ \\ "quoted" \n raise SystemExit  # \r\n\u2028 end';
    const method = { ...entry('effect'), docstring: `Does "this" \\ and """that"""\nsecond line` };
    for (const body of [templateFallback(method, hostile), partialImplementation(method, 'effect', { reason: hostile })]) {
      const result = check(body, 'effect');
      expect(result.syntaxValid).toBe(true);
      expect(errors(result)).toEqual([]);
      expect(body).not.toMatch(/^\s*raise SystemExit/m);
    }
  });

  test('names that are not Python identifiers are refused naming the field', () => {
    expect(() => templateFallback({ name: 'drop table', params: [] }, 'x')).toThrow(FallbackError);
    expect(() => templateFallback({ name: 'class', params: [] }, 'x')).toThrow(/method\.name: must be a Python identifier/);
    expect(() => partialImplementation(entry('effect'), 'effect', { io: { kind: 'pool', attribute: 'pool; import os' } })).toThrow(/spec\.io\.attribute/);
    expect(() => partialImplementation(entry('effect'), 'gateway')).toThrow(/nodeType/);
  });

  test('fallbackImports lists the imports that bind the names the bodies use', () => {
    expect(fallbackImports()).toEqual([
      'import time',
      'from uuid import uuid4',
      'from omnibase_core import EnumCoreErrorCode, ModelOnexError',
      'from omnibase_core.enums.enum_log_level import EnumLogLevel as LogLevel',
      'from omnibase_core.logging.structured import emit_log_event_sync as emit_log_event',
    ]);
    const imports = validator.validate(fallbackImports().join('\n'));
    expect(imports.syntaxValid).toBe(true);
    const body = [templateFallback(entry('effect'), 'x'), ...NODE_TYPES.map((type) => partialImplementation(entry(type), type, { steps: ['a'] }))].join('\n');
    for (const name of ['time.perf_counter', 'uuid4', 'EnumCoreErrorCode.', 'ModelOnexError(', 'LogLevel.', 'emit_log_event(']) expect(body).toContain(name);
  });
});
