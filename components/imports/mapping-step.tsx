'use client';
import type { ImportPreview, MappingTargets, ReadChoice } from '@/lib/client/use-imports';
import { columnLabel, FORMAT_LABEL } from './import-format';

const FORMATS: ReadChoice['format'][] = ['auto', 'canonical', 'shopify', 'ndjson'];

/**
 * Which import column each file column feeds: the user's choice, else what the last preview read, else (no
 * readable preview yet) what the column's name suggests.
 */
export function effectiveMapping(
  fileColumns: readonly string[],
  choice: ReadChoice,
  preview: ImportPreview | undefined,
  suggested: readonly [string, string][],
): Map<string, string> {
  const read = preview
    ? new Map(Object.entries(preview.header.columns).map(([target, source]) => [source, target]))
    : new Map(suggested);
  const out = new Map<string, string>();
  for (const source of fileColumns) {
    const target = choice.map[source] ?? read.get(source);
    if (target) out.set(source, target);
  }
  return out;
}

/** "(required)" for a column a file must have, "(or unit price)" for one of two that will do. */
function requiredNote(column: string, required: readonly string[][]): string {
  const group = required.find((g) => g.includes(column));
  if (!group) return '';
  const others = group.filter((c) => c !== column);
  return others.length ? ` (required, or ${others.map(columnLabel).join(' or ')})` : ' (required)';
}

/**
 * Step 2: the format (detected, or chosen) and a select per file column saying which import column it is; required
 * columns not yet given are listed. Changing anything asks for a new preview.
 */
export function MappingStep({
  fileColumns,
  targets,
  looksLike,
  choice,
  preview,
  problem,
  reading,
  stale,
  onChoice,
  onPreview,
}: {
  fileColumns: string[];
  targets: MappingTargets;
  /** The format the file's first line suggests, before any preview has read it. */
  looksLike: 'canonical' | 'shopify' | 'ndjson';
  choice: ReadChoice;
  preview?: ImportPreview;
  problem?: string;
  reading: boolean;
  /** The choices changed since the last preview. */
  stale: boolean;
  onChoice: (choice: ReadChoice) => void;
  onPreview: () => void;
}) {
  const detected = preview?.header.format;
  const format = choice.format === 'auto' ? (detected ?? looksLike) : choice.format;
  const csvFormat = format === 'shopify' ? 'shopify' : 'canonical';
  const { targets: options, required, suggested } = targets[csvFormat];
  const mapping = effectiveMapping(fileColumns, choice, preview, suggested);
  const given = new Set(mapping.values());
  const missing = required.filter((group) => !group.some((c) => given.has(c)));
  const setTarget = (source: string, target: string) => {
    const map = { ...choice.map };
    if (target) map[source] = target;
    else delete map[source];
    onChoice({ ...choice, map });
  };

  return (
    <section className="card" aria-labelledby="mapping-heading">
      <header className="card-header">
        <h2 id="mapping-heading">2. Check how the file is read</h2>
        <span className="muted" data-testid="detected-format">
          {detected
            ? `Read as: ${FORMAT_LABEL[detected] ?? detected}`
            : reading
              ? 'Reading…'
              : 'Not readable yet'}
        </span>
      </header>
      <div className="toolbar">
        <label>
          Format
          <select
            value={choice.format}
            onChange={(e) => onChoice({ ...choice, format: e.target.value as ReadChoice['format'] })}
            aria-label="Format"
          >
            {FORMATS.map((f) => (
              <option key={f} value={f}>
                {f === 'auto' ? `Detect${detected ? ` (${FORMAT_LABEL[detected]})` : ''}` : FORMAT_LABEL[f]}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={onPreview} disabled={reading} className={stale ? '' : 'secondary'}>
          {reading ? 'Reading…' : 'Preview again'}
        </button>
        {stale && !reading ? (
          <span className="muted">Your changes are not read yet: preview again.</span>
        ) : null}
      </div>
      {problem ? (
        <div className="error import-problem" role="alert" data-testid="preview-problem">
          <strong>This file cannot be imported as it is.</strong> {problem}
          <div className="muted">
            Pick the column for each missing field below, or another format, then preview again.
          </div>
        </div>
      ) : null}
      {format === 'ndjson' ? (
        <p className="muted">
          NDJSON is read by its field names (one order per line, as POST /api/v1/orders takes it); there is
          nothing to map.
        </p>
      ) : fileColumns.length ? (
        <div className="table-scroll">
          <table className="table import-mapping" data-testid="column-mapping">
            <thead>
              <tr>
                <th>Column in your file</th>
                <th>Imported as</th>
              </tr>
            </thead>
            <tbody>
              {fileColumns.map((source) => {
                const target = mapping.get(source) ?? '';
                return (
                  <tr key={source}>
                    <td>
                      <code>{source}</code>
                    </td>
                    <td>
                      <select
                        aria-label={`Import column for ${source}`}
                        value={target}
                        onChange={(e) => setTarget(source, e.target.value)}
                      >
                        <option value="">— not imported —</option>
                        {options.map((t) => (
                          <option key={t} value={t}>
                            {columnLabel(t)}
                            {requiredNote(t, required)}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">No header line was found at the start of the file.</p>
      )}
      {format !== 'ndjson' && missing.length ? (
        <p className="error" data-testid="missing-columns">
          Still missing: {missing.map((g) => g.map(columnLabel).join(' or ')).join(', ')}.
        </p>
      ) : null}
    </section>
  );
}
