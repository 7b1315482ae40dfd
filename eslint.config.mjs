import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'var/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
      // Matching control characters on purpose is how we keep them out of headers and storage.
      'no-control-regex': 'off',
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts', '**/*.spec.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    // TypeORM's query() answers `any`; the helpers make every raw SQL result a named row type.
    // Migrations and the bootstrap scripts run on a QueryRunner or before the schema exists.
    files: ['libs/persistence/src/**/*.ts'],
    ignores: ['**/migrations/**', '**/*.spec.ts', '**/query-rows.ts', '**/migrate.ts', '**/ensure-database.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.type='MemberExpression'][callee.property.name='query']",
          message: 'Use queryRows<T>() or execute() from query-rows.ts so every result has a type',
        },
      ],
    },
  },
);
