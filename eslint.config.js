// ESLint (flat config): the recommended JavaScript and TypeScript rules over
// the loader, tests, benchmarks and scripts. Layout is prettier's
// (.prettierrc.json), so no stylistic rules here. `make lint` runs both.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', '.sra/**', 'bench/out/**', 'clients/python/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: globals.node },
    rules: {
      // `_name` marks a deliberately unused binding
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
);
