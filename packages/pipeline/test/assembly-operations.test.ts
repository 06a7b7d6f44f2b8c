// The operations the validation thread runs for the pipeline, called as the thread calls them: with
// a payload that went through structured cloning (parsed bodies packed). Same text and imports as
// injecting and tidying on the run's thread; a body that breaks the file fails there as it does here.
import { beforeAll, describe, expect, test } from '@jest/globals';
import { findStubs, injectBodies, injectionBase, tidyGeneratedImports, type BodyInjection } from '@onexgen/node-source';
import { loadPythonParser, packFragment, type PythonParser } from '@onexgen/response-validator';
import { threadOperations, type InjectPayload } from '../src/assembly-operations.js';
import { assembleGeneratedFile } from '../src/node/generated-file.js';

let parser: PythonParser;
beforeAll(async () => {
  parser = await loadPythonParser();
});

const source = [
  'from typing import Any',
  '',
  'from .models import ModelIn',
  '',
  '',
  'class NodeXCompute:',
  ...Array.from({ length: 4 }, (_, i) => [`    async def m${i}(self, data: dict) -> Any:`, `        """Step ${i}."""`, '        # IMPLEMENTATION REQUIRED', '        pass', '']).flat(),
].join('\n');

function injections(bodies: string[]): BodyInjection[] {
  const module = parser.parse(source);
  return findStubs(parser, module).map((stub, i) => {
    const code = bodies[i]!;
    return { stub, code, imports: i % 2 ? ['import json'] : [], parsed: parser.parseFragment(code, { methodName: stub.method, isAsync: true }) };
  });
}

const asSent = (list: BodyInjection[]): InjectPayload =>
  structuredClone({
    source,
    injections: list.map(({ parsed, ...rest }) => ({ ...rest, ...(parsed ? { parsed: packFragment(parsed) } : {}) })),
    original: injectionBase(parser.parse(source)),
  });

describe('the pipeline operations on the validation thread', () => {
  test('injectBodies: the text and imports injecting here gives', () => {
    const list = injections(['return {"n": len(data)}', 'return json.dumps(data)', 'x = [\n    1,\n    2,\n]\nreturn x', 'text = """a\n  b"""\nreturn text']);
    const here = injectBodies(parser, source, list, injectionBase(parser.parse(source)));
    const there = threadOperations.injectBodies(asSent(list), { parser });
    expect(there).toEqual(here);
    expect(there.source).toContain('    async def m2(self, data: dict) -> Any:\n        """Step 2."""\n        x = [\n            1,');
  });

  test('assembleGeneratedFile: the injection (checked whole) with its imports tidied, as here', () => {
    const list = injections(['return {"n": len(data)}', 'return json.dumps(data)', 'return ModelIn(**data)', 'text = """a\n  b"""\nreturn text']);
    const injected = injectBodies(parser, source, list, injectionBase(parser.parse(source)));
    const tidied = { source: tidyGeneratedImports(parser, injected.source).source, addedImports: injected.addedImports };
    expect(tidied.addedImports).toEqual(['import json']);
    expect(threadOperations.assembleGeneratedFile(asSent(list), { parser })).toEqual(tidied);
    // the unused import goes when no body uses it
    const unused = injections(['return 1', 'return json.dumps(data)', 'return 3', 'return 4']);
    const there = threadOperations.assembleGeneratedFile(asSent(unused), { parser });
    expect(there.source).not.toContain('ModelIn');
    expect(there).toEqual(assembleGeneratedFile(parser, source, unused, injectionBase(parser.parse(source))));
  });

  test('a body that breaks the file fails on the thread with the error injecting it here gives', () => {
    const list = injections(['return 1', 'return 2', 'return 3', 'return 4']);
    // parsed as a fragment it was fine; what reaches injection breaks the file (an unclosed bracket)
    list[1] = { stub: list[1]!.stub, code: 'return (', imports: [] };
    let hereError = '';
    try {
      injectBodies(parser, source, list, injectionBase(parser.parse(source)));
    } catch (err) {
      hereError = (err as Error).message;
    }
    expect(hereError).toMatch(/does not parse/);
    expect(() => threadOperations.injectBodies(asSent(list), { parser })).toThrow(hereError);
  });
});
