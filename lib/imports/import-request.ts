import { z } from 'zod';
import { IMPORT_ID_PATTERN } from './import-job';
import { UPLOAD_ID_PATTERN } from './import-uploads';

/**
 * The query options of the import endpoints (docs/api.md "Imports"): the file itself is the request body, so
 * everything else travels in the query string — `format`, `map` (repeated `source=target`), `dryRun`, `products`
 * (an uploaded products file), `upload` (an uploaded orders file instead of a body), `name` (the file's name).
 */
export const IMPORT_FORMATS = ['auto', 'canonical', 'shopify', 'ndjson'] as const;

const uploadId = (what: string) =>
  z.string().regex(UPLOAD_ID_PATTERN, `must be the uploadId of an uploaded ${what} (upl_…)`);

const mapEntries = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value, ctx) => {
    const map = new Map<string, string>();
    for (const entry of value === undefined ? [] : Array.isArray(value) ? value : [value]) {
      if (entry === '') continue;
      const at = entry.lastIndexOf('=');
      const source = entry.slice(0, at).trim();
      const target = entry.slice(at + 1).trim();
      if (at <= 0 || !source || !target) {
        ctx.addIssue({
          code: 'custom',
          message: `map takes "File column=import_column" (got "${entry.slice(0, 100)}")`,
        });
        return z.NEVER;
      }
      map.set(source, target);
    }
    return map;
  });

const flag = z
  .enum(['true', 'false', '1', '0', ''], { message: 'dryRun must be true or false' })
  .optional()
  .transform((v) => v === 'true' || v === '1');

export const readOptionsQuery = {
  format: z
    .enum(IMPORT_FORMATS, { message: `format must be one of ${IMPORT_FORMATS.join(', ')}` })
    .default('auto'),
  map: mapEntries,
  products: uploadId('products file').optional(),
  upload: uploadId('orders file').optional(),
};

export const startImportQuery = z.strictObject({
  ...readOptionsQuery,
  dryRun: flag,
  name: z.string().max(255).optional(),
});

export const previewQuery = z.strictObject(readOptionsQuery);

export const uploadQuery = z.strictObject({ name: z.string().max(255).optional() });

export const importIdParams = z.object({
  importId: z.string().regex(IMPORT_ID_PATTERN, 'must be an import id such as imp_20261207T134500_ab12cd'),
});

export const historyQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.iso.datetime({ message: 'cursor must be the nextCursor of a previous page' }).optional(),
});

export const statusQuery = z.strictObject({
  rejectsOffset: z.coerce.number().int().min(0).max(100_000_000).default(0),
  rejectsLimit: z.coerce.number().int().min(1).max(500).default(50),
});
