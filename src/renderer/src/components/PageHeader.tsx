import type { ReactNode } from 'react';

/** The page title; pages give it an id so their <section> is named after it. */
export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <header className="page-header">
      <h1 id="page-title">{title}</h1>
      {children && <div className="page-header-actions">{children}</div>}
    </header>
  );
}
