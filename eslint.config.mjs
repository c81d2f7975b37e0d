// @ts-check
// ESLint flat config: ESLint's and typescript-eslint's recommended rules (not type-aware:
// the type-aware set took over two minutes on the 2-core CI machine and reported ~1,600
// no-unsafe-* findings, mostly `any` from supertest/cheerio in tests; tsc --noEmit covers types).
// Run with `npm run lint` (CI runs it before the tests).
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bench/results/**', 'bench/baseline/**'],
  },
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    languageOptions: {
      globals: globals.node,
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      eqeqeq: ['error', 'always'],
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { args: 'after-used', argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/consistent-type-imports': 'off',
    },
  },
  {
    // The command-line tools print their result for the person running them; main.ts prints
    // the startup banner and a configuration error before the logger exists.
    files: ['src/setup/setup-cli.ts', 'src/auth/two-factor/totp-cli.ts', 'src/database/database-cli.ts', 'src/database/scale/seed-scale-cli.ts', 'src/main.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    // These two rules reject or strip control characters from uploaded text and file names on purpose.
    files: ['src/competitions/requirement-document-rules.ts', 'src/documents/file-types.ts'],
    rules: { 'no-control-regex': 'off' },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', '**/*.spec.ts'],
    rules: {
      // Test and bench scripts report progress and results on the console.
      'no-console': 'off',
    },
  },
  {
    // Plain CommonJS helpers run by Node (Jest reporter/environment, the bench load worker).
    files: ['test/**/*.js', 'bench/**/*.js'],
    extends: [js.configs.recommended],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: { eqeqeq: ['error', 'always'] },
  },
  {
    // Browser script served to the page.
    files: ['views/assets/**/*.js'],
    extends: [js.configs.recommended],
    languageOptions: { sourceType: 'script', globals: globals.browser },
    rules: { eqeqeq: ['error', 'always'] },
  },
  {
    files: ['eslint.config.mjs'],
    extends: [js.configs.recommended],
    languageOptions: { sourceType: 'module', globals: globals.node },
  },
);
