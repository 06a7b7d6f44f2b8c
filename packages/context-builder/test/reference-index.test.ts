import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from '@jest/globals';
import { buildReferenceIndex, type ReferenceIndex } from '../src/index.js';
import { REFERENCE_DIR, realSources, type RealSources } from './helpers.js';

let real: RealSources;
let index: ReferenceIndex;
const DB_FEATURES = ['Connection pooling (10-50 connections)', 'Transactions', 'Error handling', 'Retry with backoff', 'Metrics'];

beforeAll(async () => {
  real = await realSources();
  index = real.index;
});

describe('building the index', () => {
  test('pairs every node file with its spec (sibling, spec.yaml or contract.yaml) and reports files without one', () => {
    expect(index.size).toBe(5);
    expect(index.skipped).toEqual([join(REFERENCE_DIR, 'scratch', 'helpers.py')]);
    expect(index.countByNodeType('effect')).toBe(4);
    expect(index.countByNodeType('compute')).toBe(1);
  });

  test('a spec with a bad field is refused with the file and field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cb-refs-'));
    writeFileSync(join(dir, 'node.py'), 'class NodeXEffect:\n    async def execute_effect(self, contract):\n        return 1\n');
    writeFileSync(join(dir, 'spec.yaml'), 'name: x\nnodeType: gateway\n');
    expect(() => buildReferenceIndex({ dir, parser: real.parser })).toThrow(/spec\.yaml: nodeType/);
  });

  test('a node file that is not valid Python is refused with its line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cb-refs-'));
    writeFileSync(join(dir, 'node.py'), 'class NodeXEffect:\n    async def execute_effect(self, contract)\n        return 1\n');
    writeFileSync(join(dir, 'spec.yaml'), 'name: x\nnodeType: effect\n');
    expect(() => buildReferenceIndex({ dir, parser: real.parser })).toThrow(/node\.py is not valid Python \(line \d+: /);
  });

  test('explicit node files with inline specs', () => {
    const idx = buildReferenceIndex({
      parser: real.parser,
      root: REFERENCE_DIR,
      nodes: [{ file: join(REFERENCE_DIR, 'http_gateway', 'node.py'), spec: { name: 'gw', nodeType: 'EFFECT', features: ['http client'] } }],
    });
    const [ref] = idx.find({ nodeType: 'effect', features: ['http client'], method: 'execute_effect' });
    expect(ref).toMatchObject({ id: 'gw:execute_effect', location: join('http_gateway', 'node.py'), similarity: 1 });
  });
});

describe('finding similar nodes', () => {
  test('the Dice baseline: same node type only, ranked by feature overlap, threshold and limit applied', () => {
    const dice = buildReferenceIndex({ parser: real.parser, dir: REFERENCE_DIR, ranking: 'dice' });
    const refs = dice.find({ nodeType: 'effect', features: DB_FEATURES, method: 'execute_effect', threshold: 0.2 });
    expect(refs.map((r) => [r.id, r.similarity])).toEqual([
      ['postgres_query:execute_effect', 0.67], // 2*3 / (5 + 4)
      ['http_gateway:execute_effect', 0.22], // retry_backoff only
      ['mysql_crud:execute_effect', 0.22], // connection_pooling only; ties broken by id
    ]);
    expect(dice.find({ nodeType: 'effect', features: DB_FEATURES, method: 'execute_effect' }).map((r) => r.id)).toEqual(['postgres_query:execute_effect']);
    expect(dice.find({ nodeType: 'effect', features: DB_FEATURES, method: 'execute_effect', threshold: 0.2, limit: 1 })).toHaveLength(1);
    expect(dice.find({ nodeType: 'reducer', features: DB_FEATURES, method: 'execute_reduction', threshold: 0 })).toEqual([]);
  });

  test('cuts exactly the method out of the node, dedented, with its decorators and nothing after it', () => {
    const [ref] = index.find({ nodeType: 'effect', features: DB_FEATURES, method: 'execute_effect' });
    const lines = ref!.code.split('\n');
    expect(lines[0]).toBe('async def execute_effect(self, contract: ModelContractEffect) -> Any:');
    expect(lines[1]).toBe('    """Execute one query inside a transaction and return rows with timing."""');
    expect(lines.at(-1)).toBe('        ) from exc');
    expect(ref!.code).not.toContain('health_check');
    expect(ref!.code).not.toContain('import');
    expect(ref).toMatchObject({ className: 'NodePostgresQueryEffect', location: join('postgres_query', 'node.py'), methodMatch: 'same-name' });
    const [decorated] = index.find({ nodeType: 'effect', features: DB_FEATURES, method: '_row_to_dict' });
    expect(decorated!.code.split('\n').slice(0, 2)).toEqual(['@staticmethod', 'def _row_to_dict(row: Any) -> dict[str, Any]:']);
    expect(decorated!.code.split('\n')).toHaveLength(4);
  });

  test('guidance comes from the spec and from what the method calls; pitfalls from the spec', () => {
    const [ref] = index.find({ nodeType: 'effect', features: DB_FEATURES, method: 'execute_effect' });
    expect(ref!.guidance[0]).toContain('never interpolate values into SQL');
    expect(ref!.guidance.join('\n')).toContain('self.pool');
    expect(ref!.guidance.join('\n')).toContain('asyncio.timeout()');
    expect(ref!.guidance.join('\n')).toContain('time.perf_counter()');
    expect(ref!.pitfalls).toHaveLength(2);
    const [gw] = index.find({ nodeType: 'effect', features: ['http client', 'circuit breaker'], method: 'execute_effect' });
    expect(gw!.guidance.join('\n')).toContain('circuit breaker');
    expect(gw!.guidance.join('\n')).not.toContain('self.pool');
  });

  test('a method the reference lacks: its entry method stands in; a helper it has: that helper', () => {
    const [standIn] = index.find({ nodeType: 'effect', features: DB_FEATURES, method: 'create_order' });
    expect(standIn).toMatchObject({ method: 'execute_effect', methodMatch: 'entry-method' });
    const [helper] = index.find({ nodeType: 'effect', features: ['database', 'crud'], method: '_single_row_operation' });
    expect(helper).toMatchObject({ id: 'mysql_crud:_single_row_operation', methodMatch: 'same-name' });
    expect(helper!.code.startsWith('async def _single_row_operation(self, conn: Any')).toBe(true);
  });

  test('compute nodes find compute references with their generic class', () => {
    const [ref] = index.find({ nodeType: 'compute', features: ['caching', 'validation'], method: 'execute_compute' });
    expect(ref).toMatchObject({ className: 'NodeDataTransformCompute' });
    expect(ref!.similarity).toBeGreaterThan(0.5);
  });
});
