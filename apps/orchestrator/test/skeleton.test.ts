import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from '@jest/globals';
import { parse } from 'yaml';
import { renderSkeleton } from '@onexgen/pipeline';
import { loadSpecFile, parseSpecText } from '../src/spec/load-spec.js';

const EXAMPLES = fileURLToPath(new URL('../../../examples/', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'onexgen-skeleton-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Ground truth: CPython 3.12's own parser. */
function cpythonParses(source: string): string {
  const file = join(tmp, `check-${Math.random().toString(36).slice(2)}.py`);
  writeFileSync(file, source);
  try {
    execFileSync('python3', ['-c', 'import ast,sys; ast.parse(open(sys.argv[1]).read())', file], {
      env: { ...process.env, PYENV_VERSION: '3.12' },
      stdio: 'pipe',
    });
    return 'ok';
  } catch (err) {
    return String((err as { stderr?: Buffer }).stderr ?? err);
  }
}

describe('renderSkeleton', () => {
  const cases = [
    // entry methods the real base classes call (omnibase_core 0.3.1): execute_effect(contract), process(input_data)
    ['specs/postgres-user-store-effect.yaml', 'NodeUserStoreEffect', 'NodeEffect', 'execute_effect(self, contract:'],
    ['specs/price-calculator-compute.yaml', 'NodePriceCalculatorCompute', 'NodeCompute', 'process(self, input_data: ModelComputeInput[Any])'],
    ['specs/event-counter-reducer.yaml', 'NodeEventCounterReducer', 'NodeReducer', 'process(self, input_data: ModelReducerInput[Any])'],
    ['specs/order-workflow-orchestrator.yaml', 'NodeOrderWorkflowOrchestrator', 'NodeOrchestrator', 'process(self, input_data: ModelOrchestratorInput)'],
  ] as const;

  test.each(cases)('%s renders a package whose Python files CPython parses', async (file, className, base, entry) => {
    const spec = await loadSpecFile(join(EXAMPLES, file));
    const skeleton = renderSkeleton(spec, { specFile: file });
    expect(skeleton.className).toBe(className);
    const paths = skeleton.files.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining(['node.py', 'contract.yaml', '__init__.py', 'models/__init__.py', 'tests/test_node.py', 'README.md']),
    );
    const node = skeleton.files.find((f) => f.path === 'node.py')!.content;
    expect(node).toContain(`class ${className}(${base}):`);
    expect(node).toContain(`async def ${entry}`);
    expect(node).toContain('def __init__(self, container: ModelONEXContainer) -> None:');
    for (const op of spec.operations) expect(node).toContain(`def ${op.name}(`);
    for (const f of skeleton.files.filter((f) => f.path.endsWith('.py'))) {
      expect(`${f.path}: ${cpythonParses(f.content)}`).toBe(`${f.path}: ok`);
    }
    const contract = parse(skeleton.files.find((f) => f.path === 'contract.yaml')!.content);
    expect(contract.node_type).toBe(spec.node_type.toUpperCase());
    expect(contract.operations.map((o: { name: string }) => o.name)).toEqual(spec.operations.map((o) => o.name));
  });

  test('tests/test_node.py checks presence (marked no_examples) for methods without examples, never callable(); pyproject.toml says what the node needs', async () => {
    const effect = renderSkeleton(await loadSpecFile(join(EXAMPLES, 'specs/postgres-user-store-effect.yaml')));
    const tests = effect.files.find((f) => f.path === 'tests/test_node.py')!.content;
    expect(tests).not.toContain('callable(');
    for (const op of ['create_user', 'get_user', 'update_user', 'delete_user']) {
      expect(tests).toContain(`@pytest.mark.no_examples\ndef test_${op}_is_present() -> None:`);
      expect(tests).toContain(`assert inspect.iscoroutinefunction(NodeUserStoreEffect.${op}) is True`);
    }
    const toml = (files: typeof effect.files) => {
      const text = files.find((f) => f.path === 'pyproject.toml')!.content;
      const file = join(tmp, `pyproject-${Math.random().toString(36).slice(2)}.toml`);
      writeFileSync(file, text);
      // CPython's own TOML reader (3.11+)
      return JSON.parse(execFileSync('python3', ['-c', 'import json,sys,tomllib; print(json.dumps(tomllib.load(open(sys.argv[1],"rb"))))', file], { encoding: 'utf8' }));
    };
    const effectProject = toml(effect.files);
    expect(effectProject.project['requires-python']).toBe('>=3.12');
    expect(effectProject.project.dependencies).toEqual(expect.arrayContaining(['omnibase_core', 'asyncpg']));
    expect(effectProject.project['optional-dependencies'].test).toEqual(['pytest', 'pytest-asyncio']);
    expect(effectProject.tool.pytest.ini_options.markers[0]).toMatch(/^no_examples: /);
    const compute = renderSkeleton(await loadSpecFile(join(EXAMPLES, 'specs/price-calculator-compute.yaml')));
    expect(toml(compute.files).project.dependencies).not.toContain('asyncpg');
    const computeTests = compute.files.find((f) => f.path === 'tests/test_node.py')!.content;
    expect(computeTests).toContain('assert inspect.iscoroutinefunction(NodePriceCalculatorCompute.round_money) is False');
    const readme = effect.files.find((f) => f.path === 'README.md')!.content;
    expect(readme).toContain('# IMPLEMENTATION REQUIRED: <why>');
  });

  test('an effect node resolves the I/O dependency its generated code uses from the container', async () => {
    const effect = renderSkeleton(await loadSpecFile(join(EXAMPLES, 'specs/postgres-user-store-effect.yaml')));
    expect(effect.files.find((f) => f.path === 'node.py')!.content).toContain('self.pool = container.get_service(ProtocolDatabasePool, "database_pool")');
    const api = parseSpecText('name: weather_api\nnode_type: effect\ndescription: Calls a weather API.\noperations: [{ name: fetch_forecast }]\n', 'api.yaml');
    expect(renderSkeleton(api).files.find((f) => f.path === 'node.py')!.content).toContain('self.client = container.get_service(ProtocolServiceClient, "weather_api_client")');
    const compute = renderSkeleton(await loadSpecFile(join(EXAMPLES, 'specs/price-calculator-compute.yaml')));
    expect(compute.files.find((f) => f.path === 'node.py')!.content).not.toContain('get_service(');
  });

  test('hostile descriptions stay inside their docstrings and strings', () => {
    const spec = parseSpecText(
      [
        'name: weird',
        'node_type: compute',
        'description: "ends with a quote\\" and holds \\"\\"\\" triple quotes and a \\\\ backslash"',
        'operations: [{ name: go, description: "line one\\n\\"\\"\\"\\nline three" }]',
        'features: ["Connection pooling (10-50 connections)", "x\\"\\"\\""]',
      ].join('\n'),
      'weird.yaml',
    );
    const skeleton = renderSkeleton(spec);
    for (const f of skeleton.files.filter((f) => f.path.endsWith('.py'))) {
      expect(`${f.path}: ${cpythonParses(f.content)}`).toBe(`${f.path}: ok`);
    }
    expect(parse(skeleton.files.find((f) => f.path === 'contract.yaml')!.content).description).toContain('"""');
  });
});
