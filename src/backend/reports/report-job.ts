import type {
  PaperSize,
  Report,
  ReportRequest,
  ReportScope,
  ReportType,
  Shift,
} from '../../shared/contract';

/**
 * What the backend asks the report process to build. Authorization is settled before a job
 * exists: `scope.machineIds` is already narrowed to what the caller may see, and the report
 * process reads nothing outside it.
 */
export interface ReportJob {
  type: ReportType;
  fromMs: number;
  toMs: number;
  scope: ReportScope;
  /**
   * Lines whose line-level records (alerts without a machine) the caller may see; null means
   * every line and the plant-wide records too (admins, plant scope).
   */
  visibleLineIds: string[] | null;
  plantName: string;
  generatedBy: string;
  generatedAtMs: number;
  reportId: string;
  /** The plant's shifts and time zone (IANA), for shift buckets and the printed times. */
  shifts: Shift[];
  timeZone: string;
  /** What to render besides the data. */
  render: { html: boolean; paper: PaperSize };
}

/** The built report: data, and (when asked) the printable page and the PDF header/footer. */
export interface BuiltReport {
  report: Report;
  /** A complete HTML document: the in-app preview, the print dialog and the PDF body. */
  html: string | null;
  /** Chromium/Electron header and footer templates (page numbers), or null without html. */
  pageChrome: { headerHtml: string; footerHtml: string } | null;
}

/** The CSV files of a report: one per table, named `<type>-<table key>.csv`. */
export interface CsvFile {
  fileName: string;
  content: string;
}

export type { ReportRequest };
