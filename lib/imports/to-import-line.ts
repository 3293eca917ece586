import { customerIdSchema } from '../customers/customer';
import { MAX_MINOR } from '../events/fields';
import { parseMoney } from '../money/currency';
import type { ImportColumn } from './columns';
import {
  checkCurrency,
  checkEmail,
  checkId,
  checkText,
  parseConsent,
  parseOrderedAt,
  parseQuantity,
  toCustomerId,
  type Check,
} from './field-rules';
import type { ImportConsent, ImportLine, ProductCatalog, RejectedLine } from './import-types';

/**
 * One row's values, whatever the format they came in: import column → the text and the name the file gave the
 * column (a CSV header, a JSON path), which every reason quotes.
 */
export type LineFields = Map<ImportColumn, { value: string; label: string }>;

export interface LineContext {
  lineNumber: number;
  storeCurrency: string;
  storeTimeZone: string;
  now: Date;
  products?: ProductCatalog;
  customerIdForEmail?: (email: string) => string;
}

export type LineResult = { ok: true; line: ImportLine } | { ok: false; rejected: RejectedLine };

const CONSENT: ReadonlyArray<readonly [ImportColumn, keyof ImportConsent]> = [
  ['consent_analytics', 'analytics'],
  ['consent_personalization', 'personalization'],
  ['consent_ai_processing', 'aiProcessing'],
  ['consent_marketing', 'marketing'],
];

/** Builds the line, or the rejection listing every problem of the row (a shop fixes a row once, not per problem). */
export function toImportLine(fields: LineFields, context: LineContext): LineResult {
  const problems: { column: string; reason: string }[] = [];
  const get = (c: ImportColumn) => fields.get(c)?.value.trim() ?? '';
  const label = (c: ImportColumn) => fields.get(c)?.label ?? c;
  function take<T>(column: ImportColumn, check: Check<T> | MoneyCheck): T | undefined {
    if (check.ok) return check.value as T;
    problems.push({ column: label('column' in check ? check.column : column), reason: check.reason });
    return undefined;
  }

  const orderId = take('order_id', checkId(label('order_id'), get('order_id')));
  const emailText = get('email');
  const email = emailText ? take('email', checkEmail(label('email'), emailText)) : undefined;
  const customerId = customerIdOf(fields, get, label, email, emailText, context, problems);
  const orderedAt = take(
    'ordered_at',
    parseOrderedAt(label('ordered_at'), get('ordered_at'), context.storeTimeZone, context.now),
  );
  const sku = take('sku', checkId(label('sku'), get('sku')));
  const currency = take('currency', checkCurrency(label('currency'), get('currency'), context.storeCurrency));
  const quantity = take('quantity', parseQuantity(label('quantity'), get('quantity')));
  const lineTotalMinor =
    currency !== undefined && quantity !== undefined
      ? take<number>('line_total', lineTotal(get, label, currency, quantity))
      : undefined;

  const known = sku === undefined ? undefined : context.products?.get(sku);
  const productName =
    take('product_name', checkText(label('product_name'), get('product_name'), 200)) ?? known?.name;
  const category = take('category', checkText(label('category'), get('category'), 100)) ?? known?.category;
  if (category === undefined && sku !== undefined && !problems.some((p) => p.column === label('category'))) {
    problems.push({
      column: label('category'),
      reason: missingCategory(fields.has('category'), label, sku, context),
    });
  }

  const contact: Partial<Record<'firstName' | 'lastName' | 'city' | 'postcode' | 'country', string>> = {};
  for (const [column, key, max] of [
    ['first_name', 'firstName', 80],
    ['last_name', 'lastName', 80],
    ['city', 'city', 80],
    ['postcode', 'postcode', 16],
    ['country', 'country', 56],
  ] as const) {
    const text = take(column, checkText(label(column), get(column), max));
    if (text !== undefined) contact[key] = text;
  }
  const consent: ImportConsent = {};
  for (const [column, purpose] of CONSENT) {
    const given = take(column, parseConsent(label(column), get(column)));
    if (given !== undefined) consent[purpose] = given;
  }

  if (problems.length) {
    return {
      ok: false,
      rejected: {
        lineNumber: context.lineNumber,
        column: problems[0]?.column,
        reason: problems.map((p) => p.reason).join('; '),
      },
    };
  }
  const line: ImportLine = {
    lineNumber: context.lineNumber,
    orderId: orderId as string,
    customerId: customerId as string,
    orderedAt: orderedAt as string,
    sku: sku as string,
    ...(productName === undefined ? {} : { productName }),
    category: category as string,
    quantity: quantity as number,
    lineTotalMinor: lineTotalMinor as number,
    currency: currency as string,
    ...(email === undefined ? {} : { email }),
    ...contact,
    ...(Object.keys(consent).length ? { consent } : {}),
  };
  return { ok: true, line };
}

function customerIdOf(
  fields: LineFields,
  get: (c: ImportColumn) => string,
  label: (c: ImportColumn) => string,
  email: string | undefined,
  emailText: string,
  context: LineContext,
  problems: { column: string; reason: string }[],
): string | undefined {
  const given = get('customer_id');
  if (given) {
    const id = toCustomerId(label('customer_id'), given);
    if (id.ok) return id.value;
    problems.push({ column: label('customer_id'), reason: id.reason });
    return undefined;
  }
  if (email !== undefined && context.customerIdForEmail) {
    const id = context.customerIdForEmail(email.toLowerCase());
    // The caller's function, not the file, is wrong here: fail loudly rather than reject every line.
    if (!customerIdSchema.safeParse(id).success)
      throw new TypeError(`customerIdForEmail returned "${id}", which is not a valid customer id`);
    return id;
  }
  if (emailText !== '') return undefined; // the bad e-mail is already the reason
  problems.push(
    fields.has('customer_id')
      ? {
          column: label('customer_id'),
          reason: `${label('customer_id')} is empty and the line has no e-mail to tell the customer by`,
        }
      : {
          column: label('email'),
          reason: `${label('email')} is empty: the customer is known by e-mail only`,
        },
  );
  return undefined;
}

/**
 * The line's signed total in minor units: line_total as written, or quantity × unit_price (less a line discount)
 * exactly. A return is a negative quantity; its total takes that sign when written without one, and a negative
 * total on a positive quantity contradicts it.
 */
type MoneyCheck = { ok: true; value: number } | { ok: false; reason: string; column: ImportColumn };

function lineTotal(
  get: (c: ImportColumn) => string,
  label: (c: ImportColumn) => string,
  currency: string,
  quantity: number,
): MoneyCheck {
  const written = get('line_total');
  if (written) {
    const total = parseMoney(written, currency, { allowNegative: true });
    if (!total.ok)
      return { ok: false, column: 'line_total', reason: `${label('line_total')}: ${total.reason}` };
    if (quantity > 0 && total.minor < 0)
      return {
        ok: false,
        column: 'line_total',
        reason: `${label('quantity')} ${quantity} is a sale but ${label('line_total')} "${written}" is negative: a return has a negative quantity`,
      };
    return bounded('line_total', label, quantity < 0 && total.minor > 0 ? -total.minor : total.minor);
  }
  const unitText = get('unit_price');
  if (!unitText)
    return {
      ok: false,
      column: 'line_total',
      reason: `${label('line_total')} is empty and there is no ${label('unit_price')} to compute it from`,
    };
  const unit = parseMoney(unitText, currency);
  if (!unit.ok) return { ok: false, column: 'unit_price', reason: `${label('unit_price')}: ${unit.reason}` };
  const gross = quantity * unit.minor;
  const discountText = get('line_discount');
  if (!discountText) return bounded('unit_price', label, gross);
  const discount = parseMoney(discountText, currency);
  if (!discount.ok)
    return { ok: false, column: 'line_discount', reason: `${label('line_discount')}: ${discount.reason}` };
  if (discount.minor > Math.abs(gross))
    return {
      ok: false,
      column: 'line_discount',
      reason: `${label('line_discount')} "${discountText}" is more than the line's ${Math.abs(quantity)} × ${unitText}`,
    };
  return bounded('unit_price', label, gross - Math.sign(gross) * discount.minor);
}

const bounded = (column: ImportColumn, label: (c: ImportColumn) => string, minor: number): MoneyCheck =>
  Math.abs(minor) > MAX_MINOR
    ? { ok: false, column, reason: `${label(column)} makes a line total above ${MAX_MINOR} minor units` }
    : { ok: true, value: minor === 0 ? 0 : minor }; // no -0 from a free returned item

function missingCategory(
  hasColumn: boolean,
  label: (c: ImportColumn) => string,
  sku: string,
  context: LineContext,
): string {
  if (!context.products)
    return `${label('category')} is empty: give a products file (sku, product_name, category) to fill it in`;
  return hasColumn
    ? `${label('category')} is empty and SKU "${sku}" is not in the products file`
    : `SKU "${sku}" is not in the products file, so its category is unknown`;
}
