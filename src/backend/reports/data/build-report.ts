import type { Database } from 'better-sqlite3';
import type { Report, ReportType } from '../../../shared/contract';
import type { ReportJob } from '../report-job';
import { alarmReport } from './alarm-report';
import { completeness } from './completeness';
import { reportDataSha256 } from './data-sha';
import { maintenanceReport } from './maintenance-report';
import { qualityReport } from './quality-report';
import type { ReportBody } from './report-parts';
import { shiftReport } from './shift-report';

const BUILDERS: Record<
  ReportType,
  { title: string; build: (db: Database, job: ReportJob) => ReportBody }
> = {
  shift: { title: 'Shift report', build: shiftReport },
  quality: { title: 'Quality report', build: qualityReport },
  alarm: { title: 'Alarm report', build: alarmReport },
  maintenance: { title: 'Maintenance report', build: maintenanceReport },
};

/**
 * Reads one report's data from a read-only connection: figures, sections, tables and chart
 * data, then the completeness of the range and the SHA-256 of the data. Every query is
 * limited to `job.scope.machineIds` (and machine-less alerts to `job.visibleLineIds`).
 */
export function buildReport(db: Database, job: ReportJob): Report {
  const { title, build } = BUILDERS[job.type];
  const { figures, sections } = build(db, job);
  return {
    meta: {
      id: job.reportId,
      type: job.type,
      title,
      plantName: job.plantName,
      scope: job.scope,
      from: new Date(job.fromMs).toISOString(),
      to: new Date(job.toMs).toISOString(),
      generatedAt: new Date(job.generatedAtMs).toISOString(),
      generatedBy: job.generatedBy,
      dataSha256: reportDataSha256(figures, sections),
      completeness: completeness(db, job),
    },
    figures,
    sections,
  };
}
