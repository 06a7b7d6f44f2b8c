import { describe, expect, it } from '@jest/globals';
import { allNodeTypeFacts, entryMethodOf, isNodeType, NODE_TYPES, nodeTypeFacts, nodeTypeSchema } from '@onexgen/onex';

describe('node types', () => {
  it('normalises the spellings contracts use', () => {
    for (const raw of ['effect', 'EFFECT', 'EFFECT_GENERIC', 'NodeType.EFFECT', 'node_effect', ' Effect ']) {
      expect(nodeTypeSchema.parse(raw)).toBe('effect');
    }
    const bad = nodeTypeSchema.safeParse('gateway');
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toContain('must be one of effect, compute, reducer, orchestrator');
  });

  it('tells a node type from any other value', () => {
    expect(isNodeType('reducer')).toBe(true);
    expect(isNodeType('Reducer')).toBe(false);
    expect(isNodeType(undefined)).toBe(false);
  });
});

describe('node type facts (data/node-types.yaml)', () => {
  it('has the base class, contract and entry method of every type', () => {
    const facts = allNodeTypeFacts();
    expect(Object.keys(facts).sort()).toEqual([...NODE_TYPES].sort());
    expect(entryMethodOf('reducer')).toBe('process');
    expect(entryMethodOf('effect')).toBe('execute_effect');
    expect(nodeTypeFacts('orchestrator')).toMatchObject({
      title: 'Orchestrator',
      baseClass: 'NodeOrchestrator',
      contractClass: 'ModelContractOrchestrator',
      entryMethod: 'process',
      entryParam: { name: 'input_data', class: 'ModelOrchestratorInput', module: 'omnibase_core.models.model_orchestrator_input', payload: 'metadata', id: 'operation_id' },
    });
    // the inputs' real fields (API index): the contract's input_state, the compute/reducer models' data
    expect(NODE_TYPES.map((t) => nodeTypeFacts(t).entryParam.payload)).toEqual(['input_state', 'data', 'data', 'metadata']);
    for (const type of NODE_TYPES) expect(nodeTypeFacts(type).characteristics.length).toBeGreaterThan(0);
  });

  it('gives only effect nodes an I/O dependency', () => {
    expect(nodeTypeFacts('effect').io?.poolService).toBe('database_pool');
    expect(nodeTypeFacts('compute').io).toBeUndefined();
  });
});
