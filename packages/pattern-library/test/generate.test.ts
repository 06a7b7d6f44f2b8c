import { beforeAll, describe, expect, test } from '@jest/globals';
import { createValidator, parseFragment, type Validator } from '@onexgen/response-validator';
import { nodeTypeFacts, type NodeType } from '@onexgen/onex';
import { generatePatternCode, PatternLibraryError, type ContractPatternKind } from '../src/index.js';

let validator: Validator;
beforeAll(async () => {
  validator = await createValidator({ profile: 'onex-v2' });
});

const CONTRACTS: Record<ContractPatternKind, { nodeType: NodeType; className: string; contract: Record<string, unknown> }> = {
  CRUD: {
    nodeType: 'effect',
    className: 'NodeUserEffect',
    contract: { name: 'user_management', capabilities: ['create_user', 'get_user', 'update_user', 'delete_user'], fields: ['email', 'display_name'] },
  },
  Transformation: {
    nodeType: 'compute',
    className: 'NodePriceNormalizerCompute',
    contract: { capabilities: ['transform_prices', 'validate_prices'], fields: ['sku', 'amount'] },
  },
  Aggregation: {
    nodeType: 'reducer',
    className: 'NodeSalesReducer',
    contract: { operations: ['aggregate_sales', 'group_by_region'], aggregation: { group_by: 'region', value_field: 'amount' } },
  },
  Orchestration: {
    nodeType: 'orchestrator',
    className: 'NodeCheckoutOrchestrator',
    contract: { workflow_coordination: { steps: ['validate_cart', 'reserve_stock', 'charge_payment'] } },
  },
  EventProcessing: {
    nodeType: 'effect',
    className: 'NodeOrderEventsEffect',
    contract: { name: 'order_events', consumed_events: ['order.created', 'order.cancelled'], published_events: ['order_processed'] },
  },
};

describe('generatePatternCode', () => {
  for (const [kind, { nodeType, className, contract }] of Object.entries(CONTRACTS) as [ContractPatternKind, (typeof CONTRACTS)[ContractPatternKind]][]) {
    test(`${kind} renders a body that validates cleanly under onex-v2`, async () => {
      const generated = generatePatternCode(kind, contract, nodeType, className);
      expect(generated.code).not.toMatch(/TODO|NotImplementedError|IMPLEMENTATION REQUIRED|\bpass\b/);
      const parsed = await parseFragment(generated.code, { isAsync: true, methodName: generated.methodName });
      expect(parsed.syntaxErrors).toEqual([]);
      expect(parsed.compileErrors).toEqual([]);
      const result = validator.validate(generated.code, {
        fragment: true,
        nodeType,
        methodName: generated.methodName,
        fileImports: generated.imports,
        knownNames: ['self', nodeTypeFacts(nodeType).entryParam.name],
      });
      expect(result.issues.filter((i) => i.severity !== 'info')).toEqual([]);
      expect(result.passed).toBe(true);
    });
  }

  test('entry method follows the node type', () => {
    const { contract } = CONTRACTS.Aggregation;
    // the real base classes: NodeReducer / NodeCompute / NodeOrchestrator call process(input_data)
    expect(generatePatternCode('Aggregation', contract, 'reducer', 'NodeX').methodName).toBe('process');
    // …and read the fields their input models really have (API index): data / operation_id on
    // ModelComputeInput, metadata on ModelOrchestratorInput, input_state / correlation_id on the contract
    const compute = generatePatternCode('Aggregation', contract, 'compute', 'NodeX').code;
    expect(compute).toContain('list(input_data.data or [])');
    expect(compute).toContain('correlation_id = input_data.operation_id');
    expect(compute).not.toMatch(/input_state|getattr\(input_data/);
    const orchestrator = generatePatternCode('Orchestration', contract, 'orchestrator', 'NodeX');
    expect(orchestrator.methodName).toBe('process');
    expect(orchestrator.code).toContain('dict(input_data.metadata or {})');
    const crud = generatePatternCode('CRUD', { capabilities: ['create_invoice'] }, 'effect', 'NodeX').code;
    expect(crud).toContain('dict(contract.input_state or {})');
    expect(crud).toContain('correlation_id = contract.correlation_id');
  });

  test('CRUD uses parameterised SQL over the pool, for the operations the contract has', () => {
    const { code, imports } = generatePatternCode('CRUD', { capabilities: ['create_invoice', 'fetch_invoice'] }, 'effect', 'NodeInvoiceEffect');
    expect(code).toContain('INSERT INTO invoices (data) VALUES ($1::jsonb) RETURNING id, data');
    expect(code).toContain('"SELECT id, data FROM invoices WHERE id = $1", (record_id,)');
    expect(code).not.toMatch(/UPDATE|DELETE/);
    expect(code).toContain('async with self.pool.acquire() as conn:');
    expect(imports).toEqual(expect.arrayContaining(['import asyncpg', 'import json']));
  });

  test('CRUD with declared fields binds one $n per column and renders the other templates data-driven', () => {
    const crud = generatePatternCode('CRUD', CONTRACTS.CRUD.contract, 'effect', 'NodeUserEffect').code;
    expect(crud).toContain('UPDATE users SET email = $2, display_name = $3 WHERE id = $1 RETURNING id, email, display_name');
    const orchestration = generatePatternCode('Orchestration', CONTRACTS.Orchestration.contract, 'orchestrator', 'NodeCheckoutOrchestrator').code;
    expect(orchestration).toContain('steps: tuple[str, ...] = ("validate_cart", "reserve_stock", "charge_payment", )');
    const aggregation = generatePatternCode('Aggregation', CONTRACTS.Aggregation.contract, 'reducer', 'NodeSalesReducer').code;
    expect(aggregation).toContain('record.get("region")');
    const events = generatePatternCode('EventProcessing', CONTRACTS.EventProcessing.contract, 'effect', 'NodeOrderEventsEffect').code;
    expect(events).toContain('("order.created", "order.cancelled", )');
  });

  test('names from the contract cannot inject code', () => {
    const hostile = { capabilities: ['create_user'], table: 'users; DROP TABLE accounts; --', fields: ['email") or 1=1 #'] };
    const { code } = generatePatternCode('CRUD', hostile, 'effect', 'NodeUserEffect');
    expect(code).not.toContain('DROP TABLE accounts;');
    expect(code).toContain('INSERT INTO users_drop_table_accounts (email_or_1_1)');
  });

  test('the CRUD entity comes from a verb_noun operation, else the contract name, never from a bare operation verb', () => {
    // "execute" and "health_check" name what the node does, not what it stores
    const adapter = { name: 'inventory_store', operations: ['query', 'execute', 'health_check'], io_operations: [{ operation_type: 'database_query' }] };
    const code = generatePatternCode('CRUD', adapter, 'effect', 'NodeInventoryStoreEffect').code;
    expect(code).toContain('SELECT id, data FROM inventories WHERE id = $1');
    expect(code).not.toMatch(/executes|health_checks/);
    const named = generatePatternCode('CRUD', { name: 'x_service', operations: ['create_order', 'execute'] }, 'effect', 'NodeXEffect').code;
    expect(named).toContain('INSERT INTO orders (data)');
    const explicit = generatePatternCode('CRUD', { ...adapter, entity: 'stock_item', table: 'stock' }, 'effect', 'NodeInventoryStoreEffect').code;
    expect(explicit).toContain('FROM stock WHERE');
  });

  test('rejects an unknown kind, node type or class name', () => {
    expect(() => generatePatternCode('Magic' as ContractPatternKind, {}, 'effect', 'NodeX')).toThrow(PatternLibraryError);
    expect(() => generatePatternCode('CRUD', {}, 'gateway' as NodeType, 'NodeX')).toThrow(/nodeType/);
    expect(() => generatePatternCode('CRUD', {}, 'effect', 'Node X')).toThrow(/className/);
    expect(() => generatePatternCode('CRUD', { capabilities: 7 }, 'effect', 'NodeX')).toThrow(/capabilities/);
  });
});
