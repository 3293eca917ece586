import type { z } from 'zod';

/**
 * Turns the JSON Schema of a properties object into table rows for docs/events.md, so the documented fields are
 * read from the schemas rather than written a second time by hand.
 */
type Node = z.core.JSONSchema.JSONSchema;

export interface FieldRow {
  field: string;
  type: string;
  required: boolean;
  notes: string;
}

const asNode = (
  value: z.core.JSONSchema._JSONSchema | z.core.JSONSchema._JSONSchema[] | undefined,
): Node | undefined =>
  value !== undefined && typeof value === 'object' && !Array.isArray(value) ? value : undefined;

const formatNumber = (n: number) => (Math.abs(n) >= 10_000 ? n.toLocaleString('en-US') : String(n));
const code = (value: unknown) => `\`${typeof value === 'string' ? value : JSON.stringify(value)}\``;

function typeOf(node: Node): string {
  if (node.anyOf) return node.anyOf.map(typeOf).join(' or ');
  if (node.const !== undefined) return typeof node.const;
  const items = asNode(node.items);
  if (node.type === 'array' && items) return `array of ${typeOf(items)}`;
  const type = Array.isArray(node.type) ? node.type.join(' or ') : (node.type ?? 'any');
  return node.format ? `${type} (${node.format})` : type;
}

/** "1–5", "≥ 0": bounds as a reader would write them; zod's safe-integer limits are noise, not a rule. */
function range(min: number | undefined, max: number | undefined, unit: string): string | undefined {
  const lo = min !== undefined && min > Number.MIN_SAFE_INTEGER ? min : undefined;
  const hi = max !== undefined && max < Number.MAX_SAFE_INTEGER ? max : undefined;
  const suffix = unit ? ` ${unit}` : '';
  if (lo !== undefined && hi !== undefined) return `${formatNumber(lo)}–${formatNumber(hi)}${suffix}`;
  if (lo !== undefined) return `≥ ${formatNumber(lo)}${suffix}`;
  if (hi !== undefined) return `≤ ${formatNumber(hi)}${suffix}`;
  return undefined;
}

function constraints(node: Node): string[] {
  if (node.anyOf) return node.anyOf.flatMap(constraints);
  const items = asNode(node.items);
  return [
    node.const !== undefined ? `always ${code(node.const)}` : undefined,
    node.enum ? `one of ${node.enum.map(code).join(', ')}` : undefined,
    range(node.minLength, node.maxLength, 'characters'),
    node.pattern && !node.format ? `pattern ${code(node.pattern)}` : undefined,
    range(node.minimum, node.maximum, ''),
    range(node.minItems, node.maxItems, 'items'),
    items && items.type !== 'object' ? constraints(items).map((c) => `each ${c}`) : [],
  ]
    .flat()
    .filter((part): part is string => Boolean(part));
}

function notesOf(node: Node): string {
  return [node.description, ...constraints(node)].filter(Boolean).join('; ');
}

/** The object to descend into for nested rows: the node itself, its non-null variant, or its array items. */
function childObject(node: Node, field: string): { node: Node; prefix: string } | undefined {
  if (node.properties) return { node, prefix: `${field}.` };
  const variant = node.anyOf?.find((n) => n.properties);
  if (variant) return { node: variant, prefix: `${field}.` };
  const items = asNode(node.items);
  if (items?.properties) return { node: items, prefix: `${field}[].` };
  return undefined;
}

export function fieldRows(schema: Node, prefix = ''): FieldRow[] {
  return Object.entries(schema.properties ?? {}).flatMap(([name, value]) => {
    const node = asNode(value);
    if (!node) return [];
    const field = `${prefix}${name}`;
    const row: FieldRow = {
      field,
      type: typeOf(node),
      required: schema.required?.includes(name) ?? false,
      notes: notesOf(node),
    };
    const child = childObject(node, field);
    return [row, ...(child ? fieldRows(child.node, child.prefix) : [])];
  });
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

export function fieldTable(rows: FieldRow[]): string {
  const lines = rows.map(
    (r) => `| ${code(r.field)} | ${cell(r.type)} | ${r.required ? 'yes' : 'no'} | ${cell(r.notes)} |`,
  );
  return ['| field | type | required | notes |', '| --- | --- | --- | --- |', ...lines].join('\n');
}
