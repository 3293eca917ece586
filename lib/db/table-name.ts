import { getConfig } from '../config';
import type { TableName } from './tables';

/** Physical table name for a logical one. */
export function tableName(name: TableName): string {
  return `${getConfig().TABLE_PREFIX}${name}`;
}
