import type { CellValue, Report, ReportTable } from '../../../../src/shared/contract';

/** A headline figure's value by key; throws when the report has no such figure. */
export function valueOf(report: Report, key: string): number | null {
  const figure = report.figures.find((candidate) => candidate.key === key);
  if (!figure) throw new Error(`the report has no figure ${key}`);
  return figure.value;
}

export function tableOf(report: Report, key: string): ReportTable {
  for (const section of report.sections) {
    const table = section.tables.find((candidate) => candidate.key === key);
    if (table) return table;
  }
  throw new Error(`the report has no table ${key}`);
}

/** The rows of a table as objects keyed by column. */
export function cellsOf(table: ReportTable): Record<string, CellValue>[] {
  return table.rows.map((row) =>
    Object.fromEntries(table.columns.map((column, index) => [column.key, row[index] ?? null])),
  );
}

export function allTables(report: Report): ReportTable[] {
  return report.sections.flatMap((section) => section.tables);
}
