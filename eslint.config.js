// ESLint with the rules Temporal's TypeScript samples use: no Node built-ins in code that runs in
// the workflow sandbox (workflows/, and domain/ which workflows import), and no floating promises.
// The direction of imports between folders is checked by test/unit/architecture.test.ts.
import js from '@eslint/js';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  { ignores: ['node_modules/**', '.tools/**', 'data/**', 'dist/**', 'coverage/**', '**/*.mjs', '**/*.cjs', 'eslint.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['workflows/**/*.ts', 'domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeBuiltins.map((name) => ({ name, message: 'Workflow and domain code runs in the deterministic sandbox: no Node built-ins.' })),
            { name: '@temporalio/activity', message: 'Activities run outside the workflow sandbox.' },
            { name: '@temporalio/client', message: 'Clients run outside the workflow sandbox.' },
            { name: '@temporalio/worker', message: 'The worker runs outside the workflow sandbox.' },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      // Tests feed control characters on purpose (pasted text, binary files).
      'no-control-regex': 'off',
    },
  },
);
