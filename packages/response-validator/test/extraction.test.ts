// extractCode on the answer shapes LLMs produce.
import { beforeAll, describe, expect, test } from '@jest/globals';
import { ExtractionResultSchema, extractCode, loadPythonParser } from '../src/index.js';

beforeAll(async () => {
  await loadPythonParser(); // extractCode is synchronous and uses the process's warm parser
});

const fence = '```';

describe('extractCode', () => {
  test('a ```python block with prose before and after', () => {
    const r = extractCode(`Here is the implementation:\n\n${fence}python\nresult = await self.run(contract)\nreturn result\n${fence}\n\nThis awaits the run.`);
    expect(r).toEqual(ExtractionResultSchema.parse(r));
    expect(r.method).toBe('fenced');
    expect(r.code).toBe('result = await self.run(contract)\nreturn result');
  });

  test.each(['py', '', 'python3'])('a fence labelled "%s"', (lang) => {
    const r = extractCode(`${fence}${lang}\nx = 1\nreturn x\n${fence}`);
    expect(r.method).toBe('fenced');
    expect(r.code).toBe('x = 1\nreturn x');
  });

  test('a ~~~ fence, and a longer closing fence', () => {
    expect(extractCode('~~~python\nreturn 1\n~~~').code).toBe('return 1');
    expect(extractCode('````python\nreturn 2\n`````').code).toBe('return 2');
  });

  test('blocks in other languages are not code', () => {
    const r = extractCode(`Run:\n${fence}bash\npip install x\n${fence}\nthen\n${fence}python\nreturn 3\n${fence}`);
    expect(r.code).toBe('return 3');
    expect(r.warnings.join(' ')).toMatch(/not labelled as Python/);
  });

  test('several Python blocks: the one defining the asked method is chosen', () => {
    const answer = `${fence}python\nasync def execute_effect(self, contract):\n    return await self.run(contract)\n${fence}\nUsage:\n${fence}python\nnode = NodeX(container)\nresult = await node.execute_effect(contract)\nprint(result)\nprint("done")\n${fence}`;
    const r = extractCode(answer, { methodName: 'execute_effect' });
    expect(r.method).toBe('fenced-multiple-chosen');
    expect(r.reducedFrom).toBe('function');
    expect(r.code).toBe('return await self.run(contract)');
    expect(r.warnings.join(' ')).toMatch(/defines execute_effect/);
  });

  test('several Python blocks without a method name: the longest wins, import-only blocks are merged then removed', () => {
    const answer = `${fence}python\nimport asyncpg\nfrom typing import Any\n${fence}\n${fence}python\nrows = await self.pool.fetch("SELECT 1")\nreturn rows\n${fence}\n${fence}python\nreturn []\n${fence}`;
    const r = extractCode(answer);
    expect(r.method).toBe('fenced-multiple-merged');
    expect(r.code).toBe('rows = await self.pool.fetch("SELECT 1")\nreturn rows');
    expect(r.imports).toEqual(['import asyncpg', 'from typing import Any']);
  });

  test('an unterminated fence (truncated answer)', () => {
    const r = extractCode(`Sure:\n${fence}python\nrows = await self.pool.fetch("SELECT 1")\nreturn rows\n`);
    expect(r.method).toBe('unterminated-fence');
    expect(r.code).toBe('rows = await self.pool.fetch("SELECT 1")\nreturn rows');
    expect(r.warnings.join(' ')).toMatch(/unterminated/);
  });

  test('an answer that is only code', () => {
    const r = extractCode('rows = await self.pool.fetch("SELECT 1")\nreturn rows\n');
    expect(r.method).toBe('raw');
    expect(r.code).toBe('rows = await self.pool.fetch("SELECT 1")\nreturn rows');
  });

  test('unfenced code with a sentence before it: the prose line is trimmed', () => {
    const r = extractCode('Here is the body you asked for:\nrows = await self.pool.fetch("SELECT 1")\nreturn rows');
    expect(r.code).toBe('rows = await self.pool.fetch("SELECT 1")\nreturn rows');
    expect(r.warnings.join(' ')).toMatch(/1 leading/);
  });

  test('<think> blocks are never code, even with fences inside', () => {
    const r = extractCode(`<think>\nMaybe:\n${fence}python\nos.system("rm -rf /")\n${fence}\n</think>\nFinal:\n${fence}python\nreturn 42\n${fence}`);
    expect(r.code).toBe('return 42');
    expect(r.method).toBe('fenced');
    expect(r.warnings.join(' ')).toMatch(/think/);
  });

  test('an unclosed <think> leaves nothing: empty', () => {
    const r = extractCode('<think>\nthe model ran out of tokens while ```python\nx = 1');
    expect(r.method).toBe('empty');
    expect(r.code).toBe('');
  });

  test('CRLF line endings and tab indentation are normalised', () => {
    const r = extractCode(`${fence}python\r\nfor row in rows:\r\n\tif row:\r\n\t\treturn row\r\nreturn None\r\n${fence}\r\n`);
    expect(r.code).toBe('for row in rows:\n    if row:\n        return row\nreturn None');
    expect(r.warnings.join(' ')).toMatch(/CRLF/);
    expect(r.warnings.join(' ')).toMatch(/tab/);
  });

  test('a whole method returned where a body was asked: reduced, docstring dropped by default', () => {
    const answer = `${fence}python\nimport json\n\nasync def execute_effect(self, contract: Any) -> dict:\n    """Do it."""\n    # compute\n    data = json.loads(contract.raw)\n    return data\n${fence}`;
    const r = extractCode(answer);
    expect(r.reducedFrom).toBe('function');
    expect(r.code).toBe('# compute\ndata = json.loads(contract.raw)\nreturn data');
    expect(r.imports).toEqual(['import json']);
    expect(r.warnings.join(' ')).toMatch(/docstring/);
  });

  test("docstring: 'keep' keeps the returned docstring", () => {
    const r = extractCode('def run(self):\n    """Doc."""\n    return 1\n', { docstring: 'keep' });
    expect(r.code).toBe('"""Doc."""\nreturn 1');
  });

  test('a whole class returned: reduced to the asked method body', () => {
    const answer = `${fence}python\nclass NodeUserEffect(NodeEffect):\n    def __init__(self, container):\n        super().__init__(container)\n\n    async def execute_effect(self, contract):\n        """Load."""\n        return await self.load(contract)\n\n    async def load(self, contract):\n        return contract\n${fence}`;
    const r = extractCode(answer, { methodName: 'execute_effect' });
    expect(r.reducedFrom).toBe('class');
    expect(r.code).toBe('return await self.load(contract)');
  });

  test('module-level code is not reduced when a module was asked for', () => {
    const r = extractCode(`${fence}python\nimport os\n\ndef main():\n    return os.getcwd()\n${fence}`, { expect: 'module' });
    expect(r.reducedFrom).toBeUndefined();
    expect(r.code).toBe('import os\n\ndef main():\n    return os.getcwd()');
    expect(r.imports).toEqual([]);
  });

  test('a body with imports at its top: imports are reported and removed', () => {
    const r = extractCode('import asyncio\nfrom datetime import datetime, timezone\n\nnow = datetime.now(timezone.utc)\nawait asyncio.sleep(0)\nreturn now\n');
    expect(r.imports).toEqual(['import asyncio', 'from datetime import datetime, timezone']);
    expect(r.code).toBe('now = datetime.now(timezone.utc)\nawait asyncio.sleep(0)\nreturn now');
  });

  test('an empty answer', () => {
    expect(extractCode('   \n').method).toBe('empty');
  });
});
