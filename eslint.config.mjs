import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const AWS_ALLOWED = ['lib/aws/**', 'lib/db/**', 'lib/kinesis/**', 'lib/ai/**'];

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      '.next/**',
      'node_modules/**',
      '.data/**',
      '.test-data/**',
      'test-results/**',
      'playwright-report/**',
      'next-env.d.ts',
    ],
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Only the adapters talk to AWS (ARCHITECTURE.md "Layers"); everything else goes through them.
    files: ['**/*.{ts,tsx,js,mjs}'],
    ignores: AWS_ALLOWED,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@aws-sdk/*', '@smithy/*'],
              allowTypeImports: true,
              message:
                'Import the AWS SDK only in lib/aws, lib/db, lib/kinesis or lib/ai; call their functions instead.',
            },
          ],
        },
      ],
    },
  },
];

export default config;
