import type { ReactNode } from 'react';

/** An honest empty state for a section whose capability has not shipped yet. */
export function SectionPending({ title, children }: { title: string; children: ReactNode }) {
  return (
    <>
      <h1>{title}</h1>
      <div className="empty" role="status">
        {children}
      </div>
    </>
  );
}
