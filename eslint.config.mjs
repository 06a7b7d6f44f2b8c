import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'migrations/**', '**/*.cjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'warn',
      // A package never reaches into another package's internals: only its public entry.
      'no-restricted-imports': ['error', { patterns: ['@onexgen/*/src/*', '@onexgen/*/dist/*'] }],
    },
  },
);
