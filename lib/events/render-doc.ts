import { z } from 'zod';
import { EVENT_CATALOG } from './catalog';
import { propertiesJsonSchema, SNAPSHOT_FILE, UPDATE_COMMAND } from './contract';
import { envelopeSchema } from './envelope';
import { EVENT_SOURCES, EVENT_TYPES, type EventType, SOURCES, typesFromSource } from './event-types';
import { EVENT_EXAMPLES } from './examples';
import { fieldRows, fieldTable } from './json-schema-table';

/** docs/events.md before formatting. Pure: everything comes from the schemas, the catalog and the examples. */
const list = (values: readonly string[]) => values.map((v) => `\`${v}\``).join(', ');

const SOURCE_ROLE: Record<(typeof SOURCES)[number], string> = {
  storefront: 'the shop (web and app), server to server with an API key',
  orders: 'the orders service, through its outbox, once an order is stored',
  segmentation: 'the nightly RFM batch',
  privacy: 'the privacy service: consent ledger and erasure requests',
  sessions: 'the worker, ending a session after 30 minutes of inactivity',
};

function intro(): string {
  return `# Events

<!-- Generated from lib/events/ by \`${UPDATE_COMMAND}\`; edit the schemas, not this file. -->

Every event on the Kinesis stream, one JSON record each, partition key \`customerId\`. The zod schemas in
\`lib/events/\` are the single source of this page, of the TypeScript types and of the ingestion checks.

- **Strict**: unknown fields are rejected at every level, so a misspelt field fails loudly instead of going missing.
- **At-least-once**: a record may arrive twice; consumers are idempotent on \`eventId\`. Events sent again on retry
  derive their id from a business key with \`eventIdFor(namespace, key)\`: the purchase from its order id, a refund
  from its order and refund ids (orders outbox), a segment change from the customer, the segment version it changes
  and the new segment (so two scorers reaching the same change publish one id).
- **Money** is an integer number of minor units (cents) in a \`…Minor\` field, always with an ISO 4217 \`currency\`.
- **Timestamps** are ISO-8601 with \`Z\` or an offset; one without a time zone is rejected.`;
}

function envelope(): string {
  const schema = z.toJSONSchema(envelopeSchema);
  return `## Envelope

${fieldTable(fieldRows(schema))}`;
}

function sources(): string {
  const lines = SOURCES.map((s) => `- \`${s}\` (${SOURCE_ROLE[s]}): ${list(typesFromSource(s))}`);
  return `## Who sends what

A type from any other source is rejected with a message naming the allowed one.

${lines.join('\n')}`;
}

function versions(): string {
  return `## Versions and compatibility

Each type's properties carry a \`schemaVersion\` (the current one is listed with each type). Consumers accept
any version from 1 up to the current one, so records already on the stream still parse after a bump.
\`${SNAPSHOT_FILE}\` records what was published; a unit test fails when a type's properties change while its
\`schemaVersion\` stays the same. After bumping, run \`${UPDATE_COMMAND}\` to update the snapshot and this page.
Rules that JSON Schema cannot express (a purchase total equals its lines, \`moved\` matches the scores) are part
of the contract too: change them only with a bump.`;
}

function eventSection(type: EventType): string {
  const entry = EVENT_CATALOG[type];
  return `### \`${type}\`

${entry.meaning}

Schema version ${entry.schemaVersion}; sent by ${EVENT_SOURCES[type].map((s) => `\`${s}\``).join(' or ')}.

${fieldTable(fieldRows(propertiesJsonSchema(type)))}

\`\`\`json
${JSON.stringify(EVENT_EXAMPLES[type], null, 2)}
\`\`\``;
}

function types(): string {
  const index = EVENT_TYPES.map((t) => `- [\`${t}\`](#${t}): ${EVENT_CATALOG[t].meaning}`);
  return `## Types

${index.join('\n')}

${EVENT_TYPES.map(eventSection).join('\n\n')}`;
}

export function renderEventsDoc(): string {
  return `${[intro(), envelope(), sources(), versions(), types()].join('\n\n')}\n`;
}
