'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';

/** The 404 of an experiment page. A not-found page gets no params, so the key is read from the address. */
export function ExperimentNotFound() {
  const pathname = usePathname();
  const key = pathname.split('/').filter(Boolean)[1] ?? '';
  let shown = key;
  try {
    shown = decodeURIComponent(key);
  } catch {
    // keep it as it is
  }
  return (
    <>
      <h1>Experiment not found</h1>
      <div className="empty" role="status" data-testid="experiment-not-found">
        <p>No experiment {shown ? <code>{shown}</code> : 'with this key'}.</p>
        <p>
          <Link href="/experiments">Back to all experiments</Link>
        </p>
      </div>
    </>
  );
}
