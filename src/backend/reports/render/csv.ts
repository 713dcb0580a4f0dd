import type { CellValue, Report, ReportTable } from '../../../shared/contract';
import type { CsvFile } from '../report-job';

/**
 * CSV files of a report, one per table: RFC 4180 (CRLF, quotes doubled), UTF-8 with a BOM so
 * spreadsheets read accents and symbols right, a header row of column labels, and raw values
 * (ISO times, shares as fractions) so nothing is lost to formatting.
 */

const BOM = '\uFEFF';
const CRLF = '\r\n';

/**
 * Text a spreadsheet would run as a formula (or that starts a formula after a tab or CR);
 * such cells get a leading apostrophe. Numbers are never altered: -3.5 is data.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: CellValue): string {
  if (value === null) return '';
  let text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value;
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function tableCsv(table: ReportTable): string {
  const lines = [
    table.columns.map((column) => csvField(column.label)),
    ...table.rows.map((row) => table.columns.map((_, index) => csvField(row[index] ?? null))),
  ];
  return BOM + lines.map((fields) => fields.join(',')).join(CRLF) + CRLF;
}

/** Every table of the report, in page order, named `<type>-<table key>.csv`. */
export function reportCsvFiles(report: Report): CsvFile[] {
  const uses = new Map<string, number>();
  const files: CsvFile[] = [];
  for (const section of report.sections) {
    for (const table of section.tables) {
      // A key used twice (one table per section, say) numbers its repeats: no table is lost.
      const use = (uses.get(table.key) ?? 0) + 1;
      uses.set(table.key, use);
      const name = use === 1 ? table.key : `${table.key}-${use}`;
      files.push({ fileName: `${report.meta.type}-${name}.csv`, content: tableCsv(table) });
    }
  }
  return files;
}
