import type { Database } from 'better-sqlite3';
import type { Report } from '../../../shared/contract';
import type { ReportJob } from '../report-job';

/**
 * Reads one report's data from a read-only connection: figures, sections, tables and chart
 * data, then the completeness of the range and the SHA-256 of the data.
 */
export function buildReport(_db: Database, _job: ReportJob): Report {
  throw new Error('report data: being written');
}
