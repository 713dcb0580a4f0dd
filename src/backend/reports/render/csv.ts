import type { Report } from '../../../shared/contract';
import type { CsvFile } from '../report-job';

/** One CSV file per table of the report (RFC 4180, UTF-8 with BOM so spreadsheets agree). */
export function reportCsvFiles(_report: Report): CsvFile[] {
  throw new Error('report csv: being written');
}
