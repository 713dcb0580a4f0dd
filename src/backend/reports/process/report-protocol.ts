import type { BuiltReport, CsvFile, ReportJob } from '../report-job';

/** Messages between the backend and the report process (child_process or utilityProcess). */
export type ToReports =
  | { kind: 'open'; databasePath: string }
  | { kind: 'build'; id: number; job: ReportJob; csv: boolean };

export type FromReports =
  | { kind: 'ready' }
  | { kind: 'fatal'; message: string }
  | { kind: 'built'; id: number; built: BuiltReport; csv: CsvFile[] | null }
  | { kind: 'failed'; id: number; message: string };
