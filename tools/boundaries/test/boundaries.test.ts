// The boundary lint fails on a back-edge: real ESLint, the repository's own eslint.config.mjs,
// source text linted as if it stood at a path inside a project.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { ESLint } from 'eslint';
import { readProjects, tagProblems } from '../src/boundaries.mjs';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const eslint = new ESLint({ cwd: root });

/** The no-restricted-imports messages ESLint reports for `code` placed at `path`. */
async function boundaryErrors(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, path) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('module boundaries (DESIGN.md order, from nx tags)', () => {
  it('fails a back-edge: the validator importing context-builder', async () => {
    const errors = await boundaryErrors(
      'packages/response-validator/src/back-edge.ts',
      "import { buildContext } from '@onexgen/context-builder';\nexport const x = buildContext;\n",
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('@onexgen/response-validator (layer 1) may import only lower layers; @onexgen/context-builder is layer 3');
  });

  it('keeps the leaf a leaf, subpaths included', async () => {
    const errors = await boundaryErrors('packages/onex/src/x.ts', "export { migrate } from '@onexgen/metrics';\nexport * from '@onexgen/response-validator/package.json';\n");
    expect(errors).toHaveLength(2);
  });

  it('refuses a sideways edge inside one layer and an app import from a package', async () => {
    expect(await boundaryErrors('packages/llm-effect/src/x.ts', "import '@onexgen/metrics';\n")).toHaveLength(1);
    expect(await boundaryErrors('packages/context-builder/src/x.ts', "import 'onexgen';\n")).toHaveLength(1);
  });

  it('keeps tools out of packages and apps, but lets tools import anything', async () => {
    expect(await boundaryErrors('apps/orchestrator/src/x.ts', "import { startSimulator } from '@onexgen/llm-sim';\nexport { startSimulator };\n")).toHaveLength(1);
    expect(await boundaryErrors('tools/llm-sim/src/x.ts', "import 'onexgen';\nimport '@onexgen/onex/tokens';\n")).toEqual([]);
  });

  it('allows the edges DESIGN.md draws', async () => {
    const code = [
      "import { match } from '@onexgen/pattern-library';",
      "import { parsePython } from '@onexgen/response-validator';",
      "import { NODE_TYPES } from '@onexgen/onex';",
      "import { countTokens } from '@onexgen/onex/tokens';",
      'export { match, parsePython, NODE_TYPES, countTokens };',
      '',
    ].join('\n');
    expect(await boundaryErrors('packages/context-builder/src/x.ts', code)).toEqual([]);
  });

  it("never lets anyone reach into another package's src/ or dist/", async () => {
    const errors = await boundaryErrors('apps/orchestrator/src/x.ts', "import '@onexgen/onex/src/python.js';\n");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('public entry');
  });

  it('has every project tagged, and names a project that is not', () => {
    const projects = readProjects(root);
    expect(projects.length).toBeGreaterThanOrEqual(14);
    expect(tagProblems(projects)).toEqual([]);
    expect(tagProblems([{ name: 'x', root: 'packages/x', tags: ['scope:core'], scope: 'core', layer: undefined }])).toEqual([
      'packages/x: package.json nx.tags needs layer:N',
    ]);
  });
});
