import { ConditionFailedError, updateItem, type Item } from './items';
import { keyOf, type TableName } from './tables';

/**
 * Applies an update to an item that may have gone meanwhile (retention, a racing erasure) without ever recreating
 * it, as an unconditional update would. `item` may be the whole item: only its key is sent. False when it was gone.
 */
export async function updateIfPresent(
  table: TableName,
  item: Item,
  update: string,
  values?: Record<string, unknown>,
): Promise<boolean> {
  const key = keyOf(table, item);
  const keyName = Object.keys(key)[0] as string;
  try {
    await updateItem(table, key, update, {
      condition: 'attribute_exists(#key)',
      names: { '#key': keyName }, // key names can be reserved words (day)
      ...(values ? { values } : {}),
    });
    return true;
  } catch (error) {
    if (error instanceof ConditionFailedError) return false;
    throw error;
  }
}
