import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The layer rules in eslint.config.mjs, fed one wrong import each: a rule that silently stops matching (a folder
 * renamed, a resolver gone) fails here instead of letting the layers rot. The fixtures are virtual files (lintText
 * with a path), so nothing on disk is linted by `npm run lint`; the imports they name are real files, because the
 * rules match resolved paths.
 */

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

const LAYER_RULE = /^layers\/|^no-restricted-imports$/;

let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: repoRoot });
});

/** The layer problems ESLint finds in `code` as if it lived at `filePath`, as `rule: message`. */
async function layerProblems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  if (!result) throw new Error(`ESLint returned no result for ${filePath}`);
  const fatal = result.messages.filter((m) => m.fatal);
  if (fatal.length) throw new Error(`${filePath} did not parse: ${fatal.map((m) => m.message).join('; ')}`);
  return result.messages
    .filter((m) => LAYER_RULE.test(m.ruleId ?? ''))
    .map((m) => `${m.ruleId}: ${m.message}`);
}

/** A value import that is used, so only the layer rules can object. */
const valueImport = (name: string, specifier: string) =>
  `import { ${name} } from '${specifier}';\n\nexport const used = [${name}];\n`;
const typeImport = (name: string, specifier: string) =>
  `import type { ${name} } from '${specifier}';\n\nexport type Used = ${name};\n`;

interface Refused {
  what: string;
  filePath: string;
  code: string;
  /** Every layer rule that must refuse it (and no other), with a piece of its message. */
  expected: Record<string, string>;
}

const REFUSED: Refused[] = [
  {
    what: 'a page importing an adapter (lib/aws)',
    filePath: 'app/(dashboard)/fixture/page.tsx',
    code: valueImport('getClients', '@/lib/aws/clients'),
    expected: { 'layers/ui-no-adapters': 'only through a service' },
  },
  {
    what: 'a route handler importing lib/db items (relative path)',
    filePath: 'app/api/v1/fixture/route.ts',
    code: valueImport('getItem', '../../../../lib/db/items'),
    expected: {
      'layers/ui-no-adapters': 'only through a service',
      'layers/db-items-owners': 'owning domain',
    },
  },
  {
    what: 'a component importing lib/config',
    filePath: 'components/fixture/fixture-panel.tsx',
    code: valueImport('getConfig', '@/lib/config'),
    expected: { 'layers/ui-no-adapters': 'only through a service' },
  },
  {
    what: 'a component calling a service function instead of lib/client',
    filePath: 'components/fixture/fixture-panel.tsx',
    code: valueImport('getCustomer', '@/lib/customers/get-customer'),
    expected: { 'layers/components-via-client': 'through lib/client' },
  },
  {
    what: 'lib/client importing the route wrapper',
    filePath: 'lib/client/use-fixture.ts',
    code: valueImport('route', '../http/route'),
    expected: { 'layers/http-for-routes-only': 'app/api only' },
  },
  {
    what: 'a route handler choosing an analyzer',
    filePath: 'app/api/v1/fixture/route.ts',
    code: valueImport('getAnalyzer', '@/lib/analysis/analyzers/get-analyzer'),
    expected: { 'layers/app-no-analyzers': 'analysis service' },
  },
  {
    what: 'a service importing lib/http',
    filePath: 'lib/customers/fixture.ts',
    code: valueImport('notFound', '../http/errors'),
    expected: { 'layers/http-for-routes-only': 'DomainError' },
  },
  {
    what: 'a service importing the seed',
    filePath: 'lib/analysis/fixture.ts',
    code: valueImport('generateDataset', '@/lib/seed/generate'),
    expected: { 'layers/seed-for-clis-only': 'CLIs' },
  },
  {
    what: 'a service importing a CLI',
    filePath: 'lib/worker/fixture.ts',
    code: valueImport('runCli', '../cli/run-cli'),
    expected: { 'layers/cli-is-top': 'nothing imports it' },
  },
  {
    what: 'a service importing lib/client',
    filePath: 'lib/overview/fixture.ts',
    code: valueImport('apiFetch', '../client/api-fetch'),
    expected: { 'layers/lib-no-ui': 'Imports point down' },
  },
  {
    what: 'lib/db items from a non-owner (lib/worker, relative)',
    filePath: 'lib/worker/fixture.ts',
    code: valueImport('getItem', '../db/items'),
    expected: { 'layers/db-items-owners': 'owning domain' },
  },
  {
    what: 'lib/db batch from a non-owner (lib/events, alias)',
    filePath: 'lib/events/fixture.ts',
    code: valueImport('batchWrite', '@/lib/db/batch'),
    expected: { 'layers/db-items-owners': 'owning domain' },
  },
  {
    what: 'lib/db items spelled to dodge a pattern (../db/./items)',
    filePath: 'lib/worker/fixture.ts',
    code: valueImport('getItem', '../db/./items'),
    expected: { 'layers/db-items-owners': 'owning domain' },
  },
  {
    what: 'a CLI reading the table registry',
    filePath: 'lib/cli/fixture.ts',
    code: valueImport('TABLES', '../db/tables'),
    expected: { 'layers/db-setup-only': 'create, migrate, ping or drop' },
  },
  {
    what: 'an adapter importing a service',
    filePath: 'lib/db/fixture.ts',
    code: valueImport('getCustomer', '../customers/get-customer'),
    expected: { 'layers/adapters-no-services': 'never import a service' },
  },
  {
    what: 'lib/kinesis importing a service other than lib/events',
    filePath: 'lib/kinesis/fixture.ts',
    code: valueImport('getConsent', '../privacy/consent/get-consent'),
    expected: { 'layers/adapters-no-services': 'never import a service' },
  },
  {
    what: 'lib/kinesis importing code (not types) from lib/events',
    filePath: 'lib/kinesis/fixture.ts',
    code: valueImport('parseEvent', '../events'),
    expected: { 'layers/kinesis-event-types': 'no code' },
  },
  {
    what: 'shared pure code importing the configuration',
    filePath: 'lib/math/fixture.ts',
    code: valueImport('getConfig', '../config'),
    expected: { 'layers/foundation-stays-below': 'shared pure code' },
  },
  {
    what: 'lib/aws importing an adapter above it',
    filePath: 'lib/aws/fixture.ts',
    code: valueImport('publishEvent', '../kinesis/producer'),
    expected: { 'layers/foundation-stays-below': 'bottom layer' },
  },
  {
    what: 'a browser-safe module importing a store',
    filePath: 'lib/analysis/timing.ts',
    code: valueImport('currentModel', './model-store'),
    expected: { 'layers/ui-safe-stays-pure': 'runs in the browser' },
  },
  {
    what: 'the AWS SDK in a service',
    filePath: 'lib/customers/fixture.ts',
    code: valueImport('DynamoDBClient', '@aws-sdk/client-dynamodb'),
    expected: { 'no-restricted-imports': 'only in lib/aws, lib/db, lib/kinesis or lib/ai' },
  },
];

interface Allowed {
  what: string;
  filePath: string;
  code: string;
}

const ALLOWED: Allowed[] = [
  {
    what: 'a route handler using lib/http and a service',
    filePath: 'app/api/v1/fixture/route.ts',
    code: `${valueImport('route', '@/lib/http/route')}${valueImport('getCustomer', '@/lib/customers/get-customer').replace('used', 'alsoUsed')}`,
  },
  {
    what: "a page taking an analyzer's types",
    filePath: 'app/(dashboard)/fixture/page.tsx',
    code: typeImport('InsightNumbers', '@/lib/analysis/analyzers/analyzer'),
  },
  {
    what: 'a component with a service type, a pure helper and a lib/client hook',
    filePath: 'components/fixture/fixture-panel.tsx',
    code: [
      typeImport('Customer', '@/lib/customers/customer'),
      valueImport('toOrdersTimeline', '@/lib/customers/to-orders-timeline'),
      valueImport('useCustomer', '@/lib/client/use-customer').replace('used', 'alsoUsed'),
    ].join(''),
  },
  {
    what: 'an owning domain calling lib/db items',
    filePath: 'lib/orders/fixture.ts',
    code: valueImport('getItem', '../db/items'),
  },
  {
    what: 'lib/kinesis taking the envelope type from lib/events',
    filePath: 'lib/kinesis/fixture.ts',
    code: typeImport('PulseEvent', '../events'),
  },
  {
    what: 'a component with inline type specifiers and a type re-export',
    filePath: 'components/fixture/fixture-view.ts',
    code: "import { type Insight } from '@/lib/analysis/insight-store';\n\nexport type Used = Insight;\nexport type { Run } from '@/lib/analysis/runs/run';\n",
  },
  {
    what: 'a CLI creating the tables and seeding',
    filePath: 'lib/cli/fixture.ts',
    code: `${valueImport('ensureTables', '../db/ensure-tables')}${valueImport('generateDataset', '../seed/generate').replace('used', 'alsoUsed')}`,
  },
  {
    what: 'the health check pinging DynamoDB',
    filePath: 'lib/health/fixture.ts',
    code: valueImport('pingDynamo', '../db/ping-dynamo'),
  },
];

describe('layer rules (eslint.config.mjs)', () => {
  it.each(REFUSED)('refuses $what', async ({ filePath, code, expected }) => {
    const problems = await layerProblems(filePath, code);
    expect(problems.map((p) => p.slice(0, p.indexOf(':'))).sort()).toEqual(Object.keys(expected).sort());
    for (const [rule, message] of Object.entries(expected))
      expect(problems.find((p) => p.startsWith(`${rule}:`))).toContain(message);
  });

  it.each(ALLOWED)('allows $what', async ({ filePath, code }) => {
    const [result] = await eslint.lintText(code, { filePath });
    expect(result?.messages.map((m) => `${m.ruleId}: ${m.message}`)).toEqual([]);
  });
});
