import { fileURLToPath } from 'node:url';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const ROOT = fileURLToPath(new URL('./', import.meta.url));

const AWS_ALLOWED = ['lib/aws/**', 'lib/db/**', 'lib/kinesis/**', 'lib/ai/**'];

// ---------------------------------------------------------------------------------------------------------------
// Layers (docs/architecture.md "Layers"): imports point down only.
//
// Each arrow is its own rule, `layers/<name>`, so a refusal names the arrow it breaks and each can carry its own
// temporary exemptions. They all run eslint-plugin-import's `no-restricted-paths` (which eslint-config-next already
// loads), which matches the *resolved* file, so `@/lib/db/items`, `../../db/items` and `../db/./items` are the same
// import and no spelling dodges a rule (an import that does not resolve is not checked, and fails tsc). Rules marked
// `typesOk` let type-only imports through: a type is erased at build time and carries no code (or I/O) across.
// tests/unit/lint-layers.test.ts feeds every rule a wrong import and expects it refused.
// ---------------------------------------------------------------------------------------------------------------

const ADAPTERS = ['lib/db', 'lib/kinesis', 'lib/ai', 'lib/aws'];
const SERVICES = [
  'lib/auth',
  'lib/customers',
  'lib/products',
  'lib/orders',
  'lib/analysis',
  'lib/experiments',
  'lib/privacy',
  'lib/live',
  'lib/overview',
  'lib/imports',
  'lib/events',
  'lib/health',
  'lib/worker',
  'lib/seed',
];
/** Domains that own a table (lib/db/tables.ts) and so may call lib/db's item and batch functions. */
const TABLE_OWNERS = [
  'lib/auth',
  'lib/customers',
  'lib/products',
  'lib/orders',
  'lib/analysis',
  'lib/privacy',
  'lib/experiments',
  'lib/kinesis',
  'lib/live',
  'lib/overview',
  'lib/imports',
];
const UI = ['app', 'components', 'lib/client'];
const SHARED_PURE = [
  'lib/math',
  'lib/errors',
  'lib/paging',
  'lib/money',
  'lib/time',
  'lib/for-each-limit.ts',
];
/** Every folder of product code the rules cover (tests may import anything). */
const PRODUCT = ['app', 'components', 'lib', 'proxy.ts'];

/**
 * Service modules the browser may run: pure (no I/O, no adapter, no configuration), so components/ and lib/client/
 * may import their values (formatting, list parameters, enums, statistics for the power calculator). Anything else
 * a component needs from a service it gets as a type, and the data over lib/client. The `ui-safe-stays-pure` rule
 * keeps them pure: they import only one another and shared pure code. Add a module here only if it is pure.
 */
const UI_SAFE_MODULES = [
  'lib/analysis/analyzers/analyzer-config.ts',
  'lib/analysis/analyzers/analyzer.ts',
  'lib/analysis/analyzers/prompts/insight-v1.ts',
  'lib/analysis/analyzers/prompts/insight-v2.ts',
  'lib/analysis/category-label.ts',
  'lib/analysis/segments/segments.ts',
  'lib/analysis/timing.ts',
  'lib/auth/permissions.ts',
  'lib/auth/safe-callback.ts',
  'lib/customers/customer-list-params.ts',
  'lib/customers/to-orders-timeline.ts',
  'lib/events/event-types.ts',
  'lib/events/purposes.ts',
  'lib/events/segments.ts',
  'lib/experiments/experiment.ts',
  'lib/experiments/metrics.ts',
  'lib/experiments/stats/difference.ts',
  'lib/experiments/stats/distributions.ts',
  'lib/experiments/stats/power.ts',
  'lib/experiments/stats/sequential.ts',
  'lib/experiments/variant.ts',
  'lib/live/alerts/alert.ts',
  'lib/overview/to-chart-rows.ts',
  'lib/privacy/consent/consent-trend.ts',
  'lib/privacy/requests/privacy-request.ts',
];

const without = (all, some) => all.filter((x) => !some.includes(x));
/** `no-restricted-paths` takes `except` relative to each `from` folder. */
const exceptUnder = (folder, paths) =>
  paths.filter((p) => p.startsWith(`${folder}/`)).map((p) => `./${p.slice(folder.length + 1)}`);
/** Folder or file → an ESLint `files`/`ignores` glob; brackets and parens in route folders are literal. */
const glob = (p) => {
  const literal = p.replace(/[[\]()*?{}!+@]/g, '\\$&');
  return /\.[cm]?[jt]sx?$/.test(p) ? literal : `${literal}/**`;
};

/**
 * The arrows. `files`: who imports (minus `ignores`); each zone: what they may not import (`from`, minus `except`),
 * optionally only for `target` within `files`.
 */
const LAYER_RULES = [
  {
    name: 'ui-no-adapters',
    files: UI,
    zones: [
      {
        from: [...ADAPTERS, 'lib/config.ts'],
        message:
          'Pages, route handlers, components and lib/client reach DynamoDB, Kinesis, Bedrock and the configuration only through a service (lib/<domain>).',
      },
    ],
  },
  {
    name: 'components-via-client',
    typesOk: true,
    files: ['components', 'lib/client'],
    zones: [
      ...SERVICES.map((folder) => ({
        from: [folder],
        except: exceptUnder(folder, UI_SAFE_MODULES),
        message:
          'Components run in the browser: from a service they take types (import type) and the pure helpers listed in UI_SAFE_MODULES (eslint.config.mjs); data comes from the API through lib/client.',
      })),
    ],
  },
  {
    name: 'app-no-analyzers',
    typesOk: true,
    files: ['app'],
    zones: [
      {
        from: ['lib/analysis/analyzers'],
        message:
          'Which analyzer runs (one calls Bedrock) is the analysis service’s decision: call its functions (analyzeCustomerManually, startManualRun, getExperimentPage…) instead.',
      },
    ],
  },
  {
    name: 'http-for-routes-only',
    files: PRODUCT,
    ignores: ['app/api', 'lib/http', 'lib/cli'],
    zones: [
      {
        from: ['lib/http'],
        message:
          'lib/http is the route wrapper and error mapping for app/api only; services throw DomainError (lib/errors/domain-error.ts) and know nothing of HTTP.',
      },
    ],
  },
  {
    name: 'seed-for-clis-only',
    files: PRODUCT,
    ignores: ['lib/seed', 'lib/cli'],
    zones: [
      {
        from: ['lib/seed'],
        message: 'The demo dataset is for the CLIs (lib/cli) only; the product never depends on it.',
      },
    ],
  },
  {
    name: 'cli-is-top',
    files: PRODUCT,
    ignores: ['lib/cli'],
    zones: [
      {
        from: ['lib/cli'],
        message: 'lib/cli holds process entry points: it may import anything, and nothing imports it.',
      },
    ],
  },
  {
    name: 'lib-no-ui',
    files: ['lib', 'proxy.ts'],
    ignores: ['lib/client', 'lib/cli'],
    zones: [
      {
        from: ['app', 'components', 'lib/client'],
        message:
          'Imports point down: nothing under lib/ (but the CLIs) imports pages, components or lib/client.',
      },
    ],
  },
  {
    name: 'db-items-owners',
    files: PRODUCT,
    ignores: [...TABLE_OWNERS, 'lib/db'],
    zones: [
      {
        from: ['lib/db/items.ts', 'lib/db/batch.ts'],
        message:
          'Only a table’s owning domain calls lib/db’s item and batch functions (docs/architecture.md "Tables and their owners"); call the owner’s exported functions instead.',
      },
    ],
  },
  {
    name: 'db-setup-only',
    files: ['lib/cli', 'lib/health'],
    zones: [
      {
        from: ['lib/db'],
        // Creating, migrating, pinging and dropping the store is the CLIs' and the health check's business; rows
        // are the owners'. move-legacy-rows: the lead's start-up migration (an older layout's rows).
        except: ['./ensure-tables.ts', './ping-dynamo.ts', './drop-tables.ts', './move-legacy-rows.ts'],
        message:
          'The CLIs and the health check use lib/db only to create, migrate, ping or drop the tables; rows go through their owning domain.',
      },
    ],
  },
  {
    name: 'adapters-no-services',
    files: ADAPTERS,
    zones: [
      {
        target: ['lib/db', 'lib/ai', 'lib/aws'],
        from: [...SERVICES, 'lib/http', 'lib/cli'],
        message:
          'Adapters (lib/db, lib/kinesis, lib/ai, lib/aws) never import a service: services call adapters, not the other way round.',
      },
      {
        // lib/kinesis publishes the event envelope, whose types live in lib/events (kinesis-event-types).
        target: ['lib/kinesis'],
        from: [...without(SERVICES, ['lib/events']), 'lib/http', 'lib/cli'],
        message:
          'Adapters (lib/db, lib/kinesis, lib/ai, lib/aws) never import a service: services call adapters, not the other way round.',
      },
    ],
  },
  {
    name: 'kinesis-event-types',
    typesOk: true,
    files: ['lib/kinesis'],
    zones: [
      {
        from: ['lib/events'],
        message:
          'lib/kinesis carries events it is given: it may import the envelope’s types from lib/events (import type), no code.',
      },
    ],
  },
  {
    name: 'foundation-stays-below',
    files: ['lib/aws', 'lib/config.ts', ...SHARED_PURE],
    zones: [
      {
        target: ['lib/aws', 'lib/config.ts'],
        from: [...without(ADAPTERS, ['lib/aws']), ...SERVICES, 'lib/http', 'lib/cli'],
        message: 'lib/aws and lib/config.ts are the bottom layer: they import no adapter and no service.',
      },
      {
        target: SHARED_PURE,
        from: [...ADAPTERS, 'lib/config.ts', ...SERVICES, 'lib/http', 'lib/cli'],
        message:
          'lib/math, lib/errors, lib/paging, lib/money, lib/time and lib/for-each-limit.ts are shared pure code: they import nothing but one another.',
      },
    ],
  },
  {
    name: 'ui-safe-stays-pure',
    typesOk: true,
    files: UI_SAFE_MODULES,
    zones: [
      {
        from: ['lib'],
        except: [...UI_SAFE_MODULES, ...SHARED_PURE].map((p) => `./${p.slice('lib/'.length)}`),
        message:
          'A module in UI_SAFE_MODULES (eslint.config.mjs) runs in the browser: it may import only other such modules and lib/math, lib/errors.',
      },
    ],
  },
];

/** eslint-config-next registers eslint-plugin-import; its no-restricted-paths resolves imports with Next's resolver. */
const noRestrictedPaths = nextVitals.find((c) => c.plugins?.import)?.plugins.import.rules[
  'no-restricted-paths'
];
if (!noRestrictedPaths)
  throw new Error(
    'eslint-config-next no longer loads eslint-plugin-import: add it to devDependencies for the layers',
  );

/** `import type { X }`, `import { type X }`, `export type { X } from`: nothing of the module runs. */
function isTypeOnly(source) {
  const statement = source.parent;
  const allTypes = (specifiers, kind) => specifiers.length > 0 && specifiers.every((s) => s[kind] === 'type');
  switch (statement?.type) {
    case 'ImportDeclaration':
      return statement.importKind === 'type' || allTypes(statement.specifiers, 'importKind');
    case 'ExportNamedDeclaration':
      return statement.exportKind === 'type' || allTypes(statement.specifiers, 'exportKind');
    case 'ExportAllDeclaration':
      return statement.exportKind === 'type';
    default:
      return false;
  }
}

/** no-restricted-paths that lets type-only imports through. */
const noRestrictedValuePaths = {
  meta: noRestrictedPaths.meta,
  create(context) {
    const valuesOnly = Object.create(context, {
      report: { value: (problem) => (isTypeOnly(problem.node) ? undefined : context.report(problem)) },
    });
    return noRestrictedPaths.create(valuesOnly);
  },
};

const layersPlugin = {
  meta: { name: 'layers' },
  rules: Object.fromEntries(
    LAYER_RULES.map((rule) => [rule.name, rule.typesOk ? noRestrictedValuePaths : noRestrictedPaths]),
  ),
};

const layerConfigs = LAYER_RULES.map((rule) => ({
  name: `layers/${rule.name}`,
  files: rule.files.map(glob),
  ignores: (rule.ignores ?? []).map(glob),
  rules: {
    [`layers/${rule.name}`]: [
      'error',
      {
        basePath: ROOT,
        zones: rule.zones.map(({ target = ['.'], ...zone }) => ({ target, ...zone })),
      },
    ],
  },
}));

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
    // Only the adapters talk to AWS (docs/architecture.md "Layers"); everything else goes through them.
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
  { plugins: { layers: layersPlugin } },
  ...layerConfigs,
];

export default config;
