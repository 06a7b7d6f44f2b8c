// Everything onexgen writes, checked against the real omnibase_core API (the response-validator's
// api/* rules over the shipped 0.3.1 index): every node type's skeleton, every pattern code example
// and contract-pattern body, every fallback body, and the call forms the prompt teaches — with zero
// api/* findings. Bodies are validated as the pipeline checks them: fragments of the rendered node
// file's entry method, under that file's own import block.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, test } from '@jest/globals';
import { buildContext, loadContextSources, type LoadedSources } from '@onexgen/context-builder';
import { fallbackImports, partialImplementation, templateFallback, type MethodSpec } from '@onexgen/fallback-strategies';
import { NODE_TYPES, nodeTypeFacts, type NodeType } from '@onexgen/onex';
import { findStubs, injectBodies, type BodyInjection } from '@onexgen/node-source';
import { generateOperationCode, generatePatternCode, loadPatternCatalog, type ContractPatternKind } from '@onexgen/pattern-library';
import { createValidator, DATA_DIR, loadPythonParser, parsePython, type PyFunction, type ValidationIssue, type Validator } from '@onexgen/response-validator';
import { renderSkeleton, type Skeleton } from '@onexgen/pipeline';
import { loadSpecFile } from '../src/spec/load-spec.js';

const EXAMPLES = fileURLToPath(new URL('../../../examples/specs/', import.meta.url));
const SPECS: Record<NodeType, string> = {
  effect: 'postgres-user-store-effect.yaml',
  compute: 'price-calculator-compute.yaml',
  reducer: 'event-counter-reducer.yaml',
  orchestrator: 'order-workflow-orchestrator.yaml',
};

interface Rendered {
  skeleton: Skeleton;
  node: string;
  imports: string[];
  /** the entry method as the stub finder reports it (name, async, parameters, return annotation) */
  entry: MethodSpec & { name: string; params: string[] };
  /** the classes the node module declares (protocols): names a body can use */
  moduleNames: string[];
}

let validator: Validator;
let sources: LoadedSources;
const rendered = new Map<NodeType, Rendered>();

const api = (issues: readonly ValidationIssue[]) => issues.filter((i) => i.ruleId.startsWith('api/')).map((i) => `${i.line}:${i.column} ${i.ruleId} ${i.message}`);

beforeAll(async () => {
  validator = await createValidator({ profile: 'onex-v2' });
  sources = await loadContextSources();
  for (const type of NODE_TYPES) {
    const skeleton = renderSkeleton(await loadSpecFile(join(EXAMPLES, SPECS[type])));
    const node = skeleton.files.find((f) => f.path === 'node.py')!.content;
    const parsed = await parsePython(node);
    const facts = nodeTypeFacts(type);
    rendered.set(type, {
      skeleton,
      node,
      imports: parsed.imports.filter((i) => !i.module.startsWith('.')).map((i) => i.text),
      entry: methodSpec(parsed.functions.find((f) => f.qualifiedName === `${skeleton.className}.${facts.entryMethod}`)!),
      moduleNames: parsed.classes.map((c) => c.name),
    });
  }
});

function methodSpec(fn: PyFunction): MethodSpec & { name: string; params: string[] } {
  return { name: fn.name, isAsync: fn.isAsync, params: fn.params.map((p) => p.name), ...(fn.returnAnnotation ? { returnAnnotation: fn.returnAnnotation } : {}) };
}

function checkBody(type: NodeType, body: string, extraImports: readonly string[] = [], knownNames: string[] = []) {
  const r = rendered.get(type)!;
  return validator.validate(body, {
    fragment: true,
    nodeType: type,
    methodName: r.entry.name,
    fileImports: [...r.imports, ...extraImports],
    knownNames: [...r.moduleNames, ...knownNames],
  });
}

describe('skeletons', () => {
  test.each([...NODE_TYPES])('%s: node.py has no api/* finding, and its entry method is the one the base class calls', (type) => {
    const { node, entry, skeleton } = rendered.get(type)!;
    const facts = nodeTypeFacts(type);
    const result = validator.validate(node);
    expect(api(result.issues)).toEqual([]);
    expect(result.syntaxValid).toBe(true);
    expect(entry.params).toEqual(['self', facts.entryParam.name]);
    expect(node).toContain(`class ${skeleton.className}(${facts.baseClass}):`);
    expect(node).toContain('def __init__(self, container: ModelONEXContainer) -> None:');
    expect(node).not.toMatch(/get_service\("/);
  });

  test('the check can fail: the seeds\' entry method and string service lookup are findings', () => {
    const { node } = rendered.get('compute')!;
    const seeded = node
      .replace('async def process(self, input_data: ModelComputeInput[Any])', 'async def execute_compute(self, contract: Any)')
      .replace('config = container.config', 'config = container.get_service("database_pool")');
    expect(api(validator.validate(seeded).issues).map((f) => f.split(' ')[1])).toEqual(['api/service-lookup', 'api/entry-signature']);
  });
});

describe('pattern code', () => {
  test('every catalog code example has no api/* finding', async () => {
    const { patterns } = await loadPatternCatalog();
    const findings = patterns.flatMap((p) => api(validator.validate(p.codeExample).issues).map((f) => `${p.id}: ${f}`));
    expect(findings).toEqual([]);
    expect(patterns.length).toBeGreaterThan(20);
  });

  const bodies: [ContractPatternKind, NodeType, object][] = [
    ['CRUD', 'effect', { capabilities: ['create_user', 'get_user', 'update_user', 'delete_user'] }],
    ['Transformation', 'compute', { name: 'price_calculator' }],
    ['Aggregation', 'reducer', { aggregation: { group_by: 'region' } }],
    ['Aggregation', 'compute', { aggregation: { group_by: 'region' } }],
    ['Orchestration', 'orchestrator', { workflow_coordination: { steps: ['validate', 'charge'] } }],
    ['EventProcessing', 'effect', { consumed_events: ['order.created'], published_events: ['order_processed'] }],
    ['EventProcessing', 'orchestrator', { consumed_events: ['order.created'], published_events: ['order_processed'] }],
  ];
  test.each(bodies)('%s body for a %s node has no api/* finding', (kind, type, contract) => {
    const r = rendered.get(type)!;
    const generated = generatePatternCode(kind, contract, type, r.skeleton.className);
    expect(generated.methodName).toBe(r.entry.name);
    expect(api(checkBody(type, generated.code, generated.imports).issues)).toEqual([]);
  });
});

describe('fallback bodies', () => {
  test.each([...NODE_TYPES])('%s: template and partial bodies for the rendered entry method have no api/* finding', (type) => {
    const { entry } = rendered.get(type)!;
    const template = templateFallback(entry, 'attempt 3 of 3 failed: api/call-arity@2');
    expect(api(checkBody(type, template, fallbackImports()).issues)).toEqual([]);
    for (const io of type === 'effect' ? [{ kind: 'pool' as const, attribute: 'pool' }, { kind: 'client' as const, attribute: 'client' }] : [undefined]) {
      const partial = partialImplementation(entry, type, { steps: ['validate', 'persist'], ...(io ? { io } : {}) });
      expect(api(checkBody(type, partial, fallbackImports()).issues)).toEqual([]);
    }
  });
});

describe('prompt instructions', () => {
  test.each([...NODE_TYPES])('%s: the call forms the system section teaches have no api/* finding under the skeleton imports', (type) => {
    const r = rendered.get(type)!;
    const built = buildContext(
      { spec: { name: 'user_store', nodeType: type, description: 'Stores users.', operations: [], features: [] }, method: { name: r.entry.name, signature: r.entry.name } },
      sources,
    );
    const system = built.sections.find((s) => s.id === 'system')!.content;
    const forms = /```python\n([\s\S]*?)```/.exec(system)![1]!.trim().split('\n');
    expect(forms.length).toBeGreaterThanOrEqual(3);
    for (const form of forms) expect({ form, api: api(checkBody(type, form, [], ['correlation_id', 'order_id']).issues) }).toEqual({ form, api: [] });
  });
});

// The fragment checks above cannot see the entry parameter's type; injected into the rendered node
// file, the body reads `input_data: ModelComputeInput[Any]` (or `contract: ModelContractEffect`), so the
// api/* rules check every attribute it reads on it. Independently of the rules, every field a body
// reads on the entry parameter must be one the shipped index lists for that model.
describe('bodies injected into the rendered node file', () => {
  const index = JSON.parse(gunzipSync(readFileSync(join(DATA_DIR, 'api', 'omnibase_core-0.3.1.json.gz'))).toString('utf8')) as {
    modules: Record<string, { classes?: Record<string, { attributes?: string[] }> }>;
  };
  const realFields = (type: NodeType): string[] => {
    const { module, class: cls } = nodeTypeFacts(type).entryParam;
    return index.modules[module]!.classes![cls.replace(/\[.*$/, '')]!.attributes!;
  };
  /** `input_data.data`, `contract.input_state`: the attributes a body reads on the entry parameter */
  const fieldsRead = (type: NodeType, code: string): string[] => {
    const name = nodeTypeFacts(type).entryParam.name;
    return [...code.matchAll(new RegExp(`\\b${name}\\.([A-Za-z_][A-Za-z0-9_]*)`, 'g'))].map((m) => m[1]!).filter((f) => !['model_dump', 'model_copy'].includes(f));
  };

  const CONTRACTS: Record<NodeType, [ContractPatternKind, object][]> = {
    effect: [
      ['CRUD', { capabilities: ['create_user', 'get_user', 'update_user', 'delete_user'] }],
      ['CRUD', { entity: 'user', table: 'users', operations: ['create_user', 'get_user', 'update_user', 'delete_user'] }],
      ['EventProcessing', { consumed_events: ['order.created'], published_events: ['order_processed'] }],
    ],
    compute: [
      ['Transformation', { name: 'price_calculator' }],
      ['Aggregation', { aggregation: { group_by: 'region' } }],
    ],
    reducer: [['Aggregation', { aggregation: { group_by: 'region' } }]],
    orchestrator: [
      ['Orchestration', { workflow_coordination: { steps: ['validate', 'charge'] } }],
      ['EventProcessing', { consumed_events: ['order.created'], published_events: ['order_processed'] }],
    ],
  };

  async function injected(type: NodeType, entryBody: { code: string; imports: readonly string[] }, operations: (name: string) => { code: string; imports: string[] } | undefined = () => undefined) {
    const r = rendered.get(type)!;
    const parser = await loadPythonParser();
    const stubs = findStubs(parser, parser.parse(r.node));
    const injections: BodyInjection[] = [];
    for (const stub of stubs) {
      const body = stub.method === r.entry.name ? entryBody : operations(stub.method);
      if (body) injections.push({ stub, code: body.code, imports: [...body.imports] });
    }
    expect(injections.map((i) => i.stub.method)).toContain(r.entry.name);
    return injectBodies(parser, r.node, injections).source;
  }

  test.each([...NODE_TYPES])('%s: every pattern body reads only real fields of the entry input and the injected file has no api/* finding', async (type) => {
    const r = rendered.get(type)!;
    for (const [kind, contract] of CONTRACTS[type]) {
      const generated = generatePatternCode(kind, contract, type, r.skeleton.className);
      const read = fieldsRead(type, generated.code);
      expect(read.length).toBeGreaterThan(0);
      expect({ kind, unknown: read.filter((f) => !realFields(type).includes(f)) }).toEqual({ kind, unknown: [] });
      expect(generated.code).not.toMatch(/getattr\((input_data|contract), "/);
      const file = await injected(type, generated, (op) => generateOperationCode(contract, type, r.skeleton.className, op));
      const result = validator.validate(file);
      expect({ kind, api: api(result.issues) }).toEqual({ kind, api: [] });
      expect(result.syntaxValid).toBe(true);
    }
  });

  test('effect CRUD: every declared operation gets a real body (no stub left) and the file passes the api/* rules', async () => {
    const r = rendered.get('effect')!;
    const contract = { entity: 'user', table: 'users', operations: ['create_user', 'get_user', 'update_user', 'delete_user'] };
    const file = await injected('effect', generatePatternCode('CRUD', contract, 'effect', r.skeleton.className), (op) => generateOperationCode(contract, 'effect', r.skeleton.className, op));
    const parser = await loadPythonParser();
    expect(findStubs(parser, parser.parse(file)).map((s) => s.method)).toEqual([]);
    expect(file).toContain('"INSERT INTO users (data) VALUES ($1::jsonb) RETURNING id, data"');
    expect(api(validator.validate(file).issues)).toEqual([]);
  });

  test.each([...NODE_TYPES])('%s: template and partial fallback bodies read only real fields and pass in the file', async (type) => {
    const { entry } = rendered.get(type)!;
    const bodies = [templateFallback(entry, 'offline'), partialImplementation(entry, type, { steps: ['validate', 'persist'], ...(type === 'effect' ? { io: { kind: 'pool' as const } } : {}) })];
    for (const code of bodies) {
      expect(fieldsRead(type, code).filter((f) => !realFields(type).includes(f))).toEqual([]);
      const file = await injected(type, { code, imports: fallbackImports(code) });
      expect(api(validator.validate(file).issues)).toEqual([]);
    }
  });

  test('the check can fail: a body reading input_state on ModelComputeInput names a field the index lacks', async () => {
    const seeded = 'payload = dict(input_data.input_state or {})\nreturn payload\n';
    expect(fieldsRead('compute', seeded).filter((f) => !realFields('compute').includes(f))).toEqual(['input_state']);
    const file = await injected('compute', { code: seeded, imports: [] });
    expect(api(validator.validate(file).issues).map((f) => f.split(' ')[1])).toEqual(['api/unknown-attribute']);
  });
});
