import { getBusinessTotals } from '../overview/get-business-overview';

/** The store holds a complete seed (or live business) once the running totals exist. */
export async function isSeeded(): Promise<boolean> {
  return (await getBusinessTotals()) !== null;
}
