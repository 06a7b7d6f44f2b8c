// Shared jest preset: native ESM through @swc/jest (run jest with --experimental-vm-modules).
// ESM mode is needed anyway: PGlite and web-tree-sitter call import() inside their CJS builds.
// @onexgen/* resolve to each package's src/index.ts so tests run on source, not on dist.
const path = require('node:path');

const root = __dirname;

module.exports = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.(t|j)s$': [
      require.resolve('@swc/jest'),
      {
        jsc: { target: 'es2022', parser: { syntax: 'typescript', decorators: false } },
        module: { type: 'es6' },
        sourceMaps: 'inline',
      },
    ],
  },
  moduleNameMapper: {
    '^@onexgen/(response-validator|llm-effect|metrics|pattern-library|context-builder|fallback-strategies|onex|python-sandbox|node-source|work-queue|telemetry|eval|pipeline)$':
      path.join(root, 'packages/$1/src/index.ts'),
    '^@onexgen/pipeline/errors$': path.join(root, 'packages/pipeline/src/errors.ts'),
    '^@onexgen/onex/tokens$': path.join(root, 'packages/onex/src/tokens.ts'),
    '^@onexgen/onex/threads$': path.join(root, 'packages/onex/src/threads.ts'),
    '^@onexgen/telemetry/attributes$': path.join(root, 'packages/telemetry/src/attributes.ts'),
    '^@onexgen/eval/experiments$': path.join(root, 'packages/eval/src/experiments.ts'),
    '^@onexgen/llm-sim$': path.join(root, 'tools/llm-sim/src/index.ts'),
    '^@onexgen/test-harness$': path.join(root, 'tools/test-harness/src/index.ts'),
    // ESM source imports siblings as './x.js'; map them back to the .ts file.
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testMatch: ['<rootDir>/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  // Starts a throwaway PostgreSQL when the project has *.int.test.ts files and DATABASE_URL is unset.
  globalSetup: path.join(root, 'tools/test-harness/global-setup.cjs'),
  globalTeardown: path.join(root, 'tools/test-harness/global-teardown.cjs'),
  testTimeout: 30000,
  reporters: ['default', path.join(root, 'tools/test-harness/summary-reporter.cjs')],
};
