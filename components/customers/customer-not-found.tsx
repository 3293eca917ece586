'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';

/** The 404 of a customer page. A not-found page gets no params, so the id is read from the address. */
export function CustomerNotFound() {
  const pathname = usePathname();
  const customerId = decodeSafe(pathname.split('/').filter(Boolean)[1] ?? '');
  return (
    <>
      <h1>Customer not found</h1>
      <div className="empty" role="status" data-testid="customer-not-found">
        <p>No customer {customerId ? <code>{customerId}</code> : 'with this id'}.</p>
        <p>
          The id may have a typo, or the customer was erased.{' '}
          <Link href="/customers">Back to all customers</Link>
        </p>
      </div>
    </>
  );
}

function decodeSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
