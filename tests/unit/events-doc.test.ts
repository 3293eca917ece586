import { describe, expect, it } from 'vitest';
import { propertiesJsonSchema, SNAPSHOT_FILE, UPDATE_COMMAND } from '@/lib/events/contract';
import { EVENT_EXAMPLES } from '@/lib/events/examples';
import { DOC_FILE, generateEventsFiles, readRepoFile } from '@/lib/events/generate-docs';
import { fieldRows } from '@/lib/events/json-schema-table';
import { EVENT_TYPES } from '@/lib/events/schemas';

describe('docs/events.md', () => {
  it('is what the generator writes, as is the contract snapshot', async () => {
    const files = await generateEventsFiles();
    for (const file of [DOC_FILE, SNAPSHOT_FILE] as const) {
      expect(readRepoFile(file), `${file} is out of date; run \`${UPDATE_COMMAND}\``).toBe(files[file]);
    }
  });

  it('documents every type with its example', async () => {
    const doc = (await generateEventsFiles())[DOC_FILE];
    for (const type of EVENT_TYPES) {
      expect(doc).toContain(`### \`${type}\``);
      expect(doc).toContain(`"eventId": "${EVENT_EXAMPLES[type].eventId}"`);
    }
  });

  it('derives nested rows, requiredness and bounds from the schema', () => {
    const rows = fieldRows(propertiesJsonSchema('purchase'));
    expect(rows.find((r) => r.field === 'items[].quantity')).toEqual({
      field: 'items[].quantity',
      type: 'integer',
      required: true,
      notes: '1–999',
    });
    expect(rows.find((r) => r.field === 'placedAt')).toMatchObject({
      type: 'string (date-time)',
      required: true,
    });
    const consent = fieldRows(propertiesJsonSchema('consent_updated'));
    expect(consent.find((r) => r.field === 'purposes.marketing')).toMatchObject({
      type: 'boolean',
      required: false,
    });
  });
});
