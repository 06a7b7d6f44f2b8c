// What the generated tests/test_node.py says about each method: one real pytest test per spec
// example (awaited when async, ModelOnexError code checks for `raises`), and for a method without
// examples a presence test marked `no_examples`, so nobody mistakes it for a behaviour check.
import { expectsRaise, type MethodExample } from '@onexgen/onex';
import { pythonLiteral } from './python-literal.js';

export interface TestedMethod {
  name: string;
  isAsync: boolean;
  examples?: readonly MethodExample[];
}

/** `raises: NOT_FOUND` names an EnumCoreErrorCode member; `ValueError` / `pkg.Error` an exception class. */
export function isErrorCodeName(name: string): boolean {
  return /^[A-Z][A-Z0-9_]*$/.test(name);
}

function testSuffix(example: MethodExample, index: number): string {
  const slug = (example.name ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 48);
  return slug ? `${index + 1}_${slug}` : String(index + 1);
}

export function testView(methods: readonly TestedMethod[], ioAttribute: string | undefined) {
  const tests = methods.map((m) => {
    const examples = (m.examples ?? []).map((example, i) => {
      const raises = expectsRaise(example) ? example.raises : undefined;
      return {
        testName: `test_${m.name}_example_${testSuffix(example, i)}`,
        // docstring text: backslashes and quotes escaped, one line
        title: `${m.name} example ${i + 1}${example.name ? `: ${example.name}` : ''}`.replace(/\s+/g, ' ').replace(/\\/g, '\\\\').replace(/"/g, '\\"'),
        call: `${m.isAsync ? 'await ' : ''}node.${m.name}(**${pythonLiteral(example.given)})`,
        io: example.io && ioAttribute ? { attribute: ioAttribute, literal: pythonLiteral(example.io) } : undefined,
        expectsValue: raises === undefined,
        expected: raises === undefined ? pythonLiteral((example as { expect?: unknown }).expect) : '',
        raisesCode: raises !== undefined && isErrorCodeName(raises) ? raises : '',
        raisesClass: raises !== undefined && !isErrorCodeName(raises) ? JSON.stringify(raises) : '',
      };
    });
    return { name: m.name, isAsync: m.isAsync, examples, hasExamples: examples.length > 0 };
  });
  return {
    testMethods: tests,
    anyAsyncTest: tests.some((t) => t.isAsync && t.hasExamples),
    anyRaisesCode: tests.some((t) => t.examples.some((e) => e.raisesCode)),
    anyRaisesClass: tests.some((t) => t.examples.some((e) => e.raisesClass)),
    // the node resolves its I/O dependency from the container: the test container answers with doubles
    resolvesServices: ioAttribute !== undefined,
    anyPresence: tests.some((t) => !t.hasExamples),
  };
}
