import { useState } from 'react';
import type { Report } from '../../../../shared/contract';

interface TableCsvMenuProps {
  /** The report's tables; null until they have been read for the current choice. */
  report: Report | null;
  disabled: boolean;
  /** Reads the report's table list (a JSON request) when the menu first opens. */
  onOpen: () => void;
  onPick: (tableKey: string, title: string) => void;
}

/** A small menu of the report's tables, each one a CSV file of its own. */
export function TableCsvMenu({ report, disabled, onOpen, onPick }: TableCsvMenuProps) {
  const [open, setOpen] = useState(false);
  const tables = (report?.sections ?? []).flatMap((section) =>
    section.tables.map((table) => ({ section: section.title, table })),
  );
  return (
    <div
      className="report-table-menu"
      onKeyDown={(event) => {
        if (event.key === 'Escape') setOpen(false);
      }}
    >
      <button
        type="button"
        aria-expanded={open}
        aria-controls="report-table-list"
        disabled={disabled}
        onClick={() => {
          if (!open && !report) onOpen();
          setOpen(!open);
        }}
      >
        CSV of one table… <span aria-hidden="true">{open ? '▴' : '▾'}</span>
      </button>
      {open && (
        <ul id="report-table-list" className="report-table-list" aria-label="Report tables">
          {report === null && <li className="muted">Reading the tables…</li>}
          {report !== null && tables.length === 0 && (
            <li className="muted">This report has no tables.</li>
          )}
          {tables.map(({ section, table }) => (
            <li key={table.key}>
              <button
                type="button"
                className="link-button"
                disabled={disabled}
                onClick={() => {
                  setOpen(false);
                  onPick(table.key, table.title);
                }}
              >
                {table.title}
              </button>
              <span className="muted"> · {section}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
