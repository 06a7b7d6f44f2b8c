import { fileURLToPath } from 'node:url';
import tseslint from 'typescript-eslint';
import { boundaryConfigs, INTERNALS_PATTERN } from './tools/boundaries/src/boundaries.mjs';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'migrations/**', '**/*.cjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'warn',
      // A package never reaches into another package's internals: only its public entry.
      'no-restricted-imports': ['error', { patterns: [INTERNALS_PATTERN] }],
    },
  },
  // DESIGN.md's dependency direction, one block per project from its nx tags (tools/boundaries).
  ...boundaryConfigs(fileURLToPath(new URL('.', import.meta.url))),
);
