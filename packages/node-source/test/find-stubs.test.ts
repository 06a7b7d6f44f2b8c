import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, jest, test } from '@jest/globals';
import { loadPythonParser, type PythonParser, type TreeSitterPythonParser } from '@onexgen/response-validator';
import { findStubs, stubToJson, type FileNode, type Stub } from '../src/index.js';

const EXAMPLE = fileURLToPath(new URL('../../../examples/stubbed/node_inventory_effect.py', import.meta.url));
const example = readFileSync(EXAMPLE, 'utf8');
let parser: PythonParser;
beforeAll(async () => {
  parser = await loadPythonParser();
});

function scan(source: string, includeUncertain = true): Stub[] {
  const parsed = findStubs(parser, parser.parse(source), { includeUncertain });
  // the same stubs when the marked bodies are read from the file's own tree, mirrored or live
  const fromMirror = (parser as TreeSitterPythonParser).withSyntaxTree(source, (tree, module) => findStubs(parser, module, { includeUncertain, tree: tree as unknown as { rootNode: FileNode } }));
  const fromLive = parser.withTree(source, (tree, module) => findStubs(parser, module, { includeUncertain, tree: tree as unknown as { rootNode: FileNode } }));
  expect(fromMirror).toEqual(parsed);
  expect(fromLive).toEqual(parsed);
  return parsed;
}
function kinds(source: string): [string, string][] {
  return scan(source).map((s) => [s.method, s.kind]);
}
const method = (...body: string[]) => ['class NodeXEffect:', '    async def run(self, data: dict) -> dict:', ...body.map((l) => `        ${l}`), ''].join('\n');

describe('findStubs given the file\'s tree', () => {
  test('reads the marked bodies from it: no body is parsed again', () => {
    const fragments = jest.spyOn(parser, 'withFragmentTree');
    const stubs = (parser as TreeSitterPythonParser).withSyntaxTree(example, (tree, module) => findStubs(parser, module, { tree: tree as unknown as { rootNode: FileNode } }));
    expect(stubs.length).toBeGreaterThan(5);
    expect(fragments).not.toHaveBeenCalled();
    findStubs(parser, parser.parse(example));
    expect(fragments).toHaveBeenCalled();
    fragments.mockRestore();
  });
});

describe('findStubs: what counts as a stub', () => {
  test('the example node: every real stub form, nothing else', () => {
    expect(scan(example, false).map((s) => [s.className, s.method, s.marker, s.kind])).toEqual([
      ['NodeInventoryEffect', 'execute_effect', 'IMPLEMENTATION REQUIRED', 'stub'],
      ['NodeInventoryEffect', 'reserve_stock', 'IMPLEMENTATION REQUIRED', 'stub'],
      ['NodeInventoryEffect', 'release_stock', 'TODO', 'stub'],
      ['NodeInventoryEffect', 'stock_level', 'NotImplementedError', 'stub'],
      ['NodeInventoryEffect', '_check_database_health', 'TODO', 'stub'],
      ['NodeInventoryEffect', 'audit', 'Stub', 'stub'],
      ['Cache', 'get', 'Stub', 'stub'],
    ]);
  });

  test('# IMPLEMENTATION REQUIRED with a reason after it is a stub and keeps its text', () => {
    const [stub] = scan(method('# IMPLEMENTATION REQUIRED: the model answer failed validation (syntax)', 'return {"status": "partial"}'));
    expect(stub).toMatchObject({ kind: 'stub', marker: 'IMPLEMENTATION REQUIRED', markerText: '# IMPLEMENTATION REQUIRED: the model answer failed validation (syntax)' });
  });

  test('a TODO about later work inside a 12-statement __init__ is not a stub', () => {
    const init = [
      'class NodeVaultEffect:',
      '    def __init__(self, container) -> None:',
      '        """Initialize."""',
      '        super().__init__(container)',
      '        self.config = container.value or {}',
      '        self.host = self.config.get("host", "localhost")',
      '        self.port = int(self.config.get("port", 5432))',
      '        self.pool = None',
      '        self.timeout = float(self.config.get("timeout", 30))',
      '        self.retries = int(self.config.get("retries", 3))',
      '        # TODO: Phase 2 - Add Vault integration',
      '        self.secrets = {}',
      '        self.metrics = {"calls": 0}',
      '        self.ready = False',
      '        self.name = "vault"',
      '        self.started = None',
      '',
    ].join('\n');
    expect(scan(init)).toEqual([]);
  });

  test('a TODO note over a one-line computed result is not a stub', () => {
    const src = [
      'class NodeHealthEffect:',
      '    def get_health_checks(self) -> list:',
      '        # TODO: Add additional health checks as needed',
      '        return [self._check_database_health, self._check_cache_health]',
      '',
    ].join('\n');
    expect(scan(src)).toEqual([]);
  });

  test('a TODO asking for the implementation over placeholder bodies is a stub', () => {
    expect(kinds(method('# TODO: Implement run', 'pass'))).toEqual([['run', 'stub']]);
    expect(kinds(method('# FIXME: Add business logic for the transfer', 'return {}'))).toEqual([['run', 'stub']]);
    expect(kinds(method('# TODO: Add routing logic here', '...'))).toEqual([['run', 'stub']]);
    expect(kinds(method('# TODO: Implement run', 'raise NotImplementedError("later")', ''))).toEqual([['run', 'stub']]);
    // the placeholder assignment inside a try whose handlers only re-raise
    const tryBody = method(
      'try:',
      '    # TODO: Implement the transfer logic',
      '    result = {"status": "not_implemented", "operation": data.get("operation")}',
      '    emit_log_event(LogLevel.INFO, "transfer", {})',
      '    return result',
      'except ModelOnexError:',
      '    raise',
      'except Exception as e:',
      '    raise ModelOnexError(message=str(e)) from e',
    );
    expect(scan(tryBody)).toMatchObject([{ method: 'run', kind: 'stub', marker: 'TODO' }]);
  });

  test('pass  # Stub and a body of only raise NotImplementedError are stubs', () => {
    expect(kinds(method('pass  # Stub'))).toEqual([['run', 'stub']]);
    expect(kinds(method('raise NotImplementedError'))).toEqual([['run', 'stub']]);
    expect(scan(method('raise NotImplementedError'))[0]!.reason).toBe('the body only raises NotImplementedError');
  });

  test('mixed evidence is uncertain, with the reason, and left out unless asked for', () => {
    const asksOverCode = method('# TODO: Implement caching', 'rows = await self.pool.fetch("SELECT 1")', 'return {"rows": len(rows)}');
    expect(scan(asksOverCode)).toMatchObject([{ kind: 'uncertain', reason: expect.stringContaining('2 statements of code') }]);
    expect(scan(asksOverCode, false)).toEqual([]);
    const noteOverPlaceholder = method('# TODO: ping the database', 'return True');
    expect(scan(noteOverPlaceholder)).toMatchObject([{ kind: 'uncertain', reason: expect.stringContaining('does not ask for the implementation') }]);
    const stubOverCode = method('total = sum(data.values())  # Stub', 'return {"total": total}');
    expect(scan(stubOverCode)).toMatchObject([{ kind: 'uncertain', marker: 'Stub' }]);
  });

  test('markers inside strings and docstrings are not stubs; legitimate no-ops are not stubs', () => {
    expect(scan(method('"""# IMPLEMENTATION REQUIRED in the docstring."""', 'return {"doc": "# TODO: Implement it"}'))).toEqual([]);
    expect(scan(method('"""Nothing to release."""', 'pass'))).toEqual([]);
  });

  test('a marker inside a nested function belongs to that function, not to the method', () => {
    const src = ['class A:', '    def outer(self):', '        def inner():', '            # TODO: Implement inner', '            return 1', '        return inner()', ''].join('\n');
    expect(scan(src)).toEqual([]);
  });

  test('reports 1-based lines of the signature and of the body after the docstring', () => {
    const lines = example.split('\n');
    const json = scan(example).map(stubToJson);
    const reserve = json.find((s) => s.method === 'reserve_stock')!;
    expect(reserve).toMatchObject({ class: 'NodeInventoryEffect', async: true, kind: 'stub', marker: 'IMPLEMENTATION REQUIRED' });
    expect(lines[(reserve.signatureLine as number) - 1]).toContain('async def reserve_stock(');
    expect(lines[(reserve.bodyStartLine as number) - 1]!.trim()).toBe('# IMPLEMENTATION REQUIRED');
    expect(lines[(reserve.bodyEndLine as number) - 1]!.trim()).toBe('pass');
    const route = json.find((s) => s.method === 'execute_effect')!;
    expect(lines[(route.bodyStartLine as number) - 1]!.trim()).toBe('try:');
    expect(lines[(route.bodyEndLine as number) - 1]!.trim()).toBe(') from e');
  });
});
