// A consumer compiling with `skipLibCheck: false` gets no errors from the package's declarations: the
// .d.ts/.d.cts are built here exactly as `npm run build` builds them (tsup, this package's config),
// then the TypeScript compiler checks two tiny consumers (ESM and CommonJS) against them with
// `types: []` (no @types/emscripten or other ambient types to hide a leak behind).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, expect, test } from '@jest/globals';
import { build } from 'tsup';
import ts from 'typescript';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// inside the repository, so the declarations' own imports (zod, @onexgen/onex) resolve the way an
// install resolves them
const work = path.join(packageDir, 'node_modules/.cache/typings-test');
const installed = path.join(work, 'node_modules/@onexgen/response-validator');

beforeAll(async () => {
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(installed, { recursive: true });
  await build({
    config: false,
    entry: { index: path.join(packageDir, 'src/index.ts') },
    format: ['esm', 'cjs'],
    dts: { only: true },
    outDir: path.join(installed, 'dist'),
    tsconfig: path.join(packageDir, 'tsconfig.json'),
    silent: true,
  });
  const manifest = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
  fs.writeFileSync(path.join(installed, 'package.json'), JSON.stringify({ name: manifest.name, type: manifest.type, types: manifest.types, exports: manifest.exports }));
  fs.writeFileSync(path.join(work, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  // touches the parser's live tree and its mirror, the validator, reports and profiles
  const body = `
const validator = await createValidator({ profile: 'generic-python' });
const result: ValidationResult = validator.validate('x = 1\\n');
const parser: TreeSitterPythonParser = await loadPythonParser();
const types: string[] = parser.withTree('x = f(1)\\n', (tree: LiveTree) => tree.rootNode.namedChildren.map((n: LiveNode) => n.type));
const mirrored: number = parser.withSyntaxTree('x = 1\\n', (tree: SyntaxTree) => tree.rootNode.childCount);
const text: string = formatReport({ results: [], errors: [] } as unknown as Report, 'sarif');
console.log(result.passed, types, mirrored, text, describeRules().length);
`;
  fs.writeFileSync(
    path.join(work, 'esm.mts'),
    `import { createValidator, describeRules, formatReport, loadPythonParser, type LiveNode, type LiveTree, type Report, type SyntaxTree, type TreeSitterPythonParser, type ValidationResult } from '@onexgen/response-validator';\n${body}\nexport {};\n`,
  );
  fs.writeFileSync(
    path.join(work, 'cjs.cts'),
    `import rv = require('@onexgen/response-validator');\nasync function main(): Promise<void> {\n  const v = await rv.createValidator();\n  const r: rv.ValidationResult = v.validate('x = 1\\n');\n  const tree: rv.LiveTree | undefined = undefined;\n  console.log(r.score, tree);\n}\nvoid main();\n`,
  );
}, 120_000);

test('built declarations compile in a consumer with skipLibCheck: false and no ambient types', () => {
  const program = ts.createProgram([path.join(work, 'esm.mts'), path.join(work, 'cjs.cts')], {
    strict: true,
    skipLibCheck: false,
    noEmit: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    types: [],
  });
  const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file ? `${path.relative(work, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : '';
    return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
  expect(diagnostics).toEqual([]);
  // the consumer really read the built declarations, and they name neither web-tree-sitter nor Emscripten
  const files = program.getSourceFiles().map((f) => f.fileName);
  expect(files).toContain(path.join(installed, 'dist/index.d.ts'));
  expect(files).toContain(path.join(installed, 'dist/index.d.cts'));
  expect(files.filter((f) => /web-tree-sitter|emscripten/i.test(f))).toEqual([]);
});
