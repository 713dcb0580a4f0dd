import type { ReactNode } from 'react';

interface PageHeaderProps {
  title: string;
  /** A small mark after the title (a simulated machine's SIM). */
  mark?: ReactNode;
  children?: ReactNode;
}

/** The page title; pages give it an id so their <section> is named after it. */
export function PageHeader({ title, mark, children }: PageHeaderProps) {
  return (
    <header className="page-header">
      <h1 id="page-title">
        {title}
        {mark}
      </h1>
      {children && <div className="page-header-actions">{children}</div>}
    </header>
  );
}
