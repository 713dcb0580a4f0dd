import { randomBytes } from 'node:crypto';
import { toPlantInput } from '../../shared/rules/plant-time';
import { strToU8, zipSync } from 'fflate';
import type {
  ReportAnswer,
  ReportFile,
  ReportRequest,
  ReportScope,
  Settings,
} from '../../shared/contract';
import { ApiFailure } from '../api/api-failure';
import type { Caller } from '../auth/auth-service';
import type { StoreClient } from '../store/store-client';
import type { PdfPrinter } from './pdf/pdf-printer';
import type { ReportBuilder } from './process/report-client';
import type { BuiltReport, CsvFile, ReportJob } from './report-job';
import { resolveReportScope } from './report-scope';

const PREFIX = { shift: 'SR', quality: 'QR', alarm: 'AR', maintenance: 'MR' } as const;

/** A report id people can read out: type, time of generation, and a random tail. */
export function newReportId(type: keyof typeof PREFIX, atMs: number): string {
  const stamp = new Date(atMs).toISOString().replace(/[-:]/g, '').slice(0, 13);
  return `${PREFIX[type]}-${stamp}-${randomBytes(3).toString('hex')}`;
}

/** `linewatch-shift-L-1-2026-11-22T0600`: sortable, and safe on every file system. */
function baseName(job: ReportJob): string {
  const place = job.scope.machineId ?? job.scope.lineId ?? 'plant';
  const from = toPlantInput(job.fromMs, job.timeZone).replace(':', '');
  return `linewatch-${job.type}-${place}-${from}`;
}

function file(
  job: ReportJob,
  built: BuiltReport,
  extension: string,
  contentType: string,
  bytes: Uint8Array,
): ReportFile {
  return {
    kind: 'file',
    fileName: `${baseName(job)}.${extension}`,
    contentType,
    base64: Buffer.from(bytes).toString('base64'),
    reportId: built.report.meta.id,
    dataSha256: built.report.meta.dataSha256,
  };
}

export interface ReportServiceOptions {
  builder: ReportBuilder;
  printer: PdfPrinter;
  store: StoreClient;
  settings: () => Settings;
  now: () => number;
}

/**
 * Builds reports for callers and for the shift export: settles the scope, has the report
 * process build the data and page, prints or packs it, and records it in the event log.
 */
export class ReportService {
  constructor(private readonly options: ReportServiceOptions) {}

  async forCaller(request: ReportRequest, caller: Caller): Promise<ReportAnswer> {
    const plant = await this.options.store.listPlant();
    const { scope, visibleLineIds } = resolveReportScope(request, caller, plant);
    const job = this.job(request, scope, visibleLineIds, caller.user.username);
    // Start the printer while the data is built: a PDF needs it now, and someone previewing
    // or exporting data often asks for the PDF next.
    this.options.printer.warm?.();
    const answer = await this.produce(job, request.format, request.table);
    await this.record(job, request.format, answer, caller.user.username);
    return answer;
  }

  /** A report built by Linewatch itself (the end-of-shift export): plant-wide rights. */
  async asSystem(
    request: Pick<ReportRequest, 'type' | 'from' | 'to'> & { paper: ReportRequest['paper'] },
    scope: ReportScope,
  ): Promise<{ job: ReportJob; built: BuiltReport; pdf: Uint8Array }> {
    const job = this.job({ ...request, format: 'pdf' }, scope, [scope.lineId ?? ''], 'Linewatch');
    const { built } = await this.options.builder.build(job, false);
    const pdf = await this.print(built, job);
    return { job, built, pdf };
  }

  private job(
    request: Pick<ReportRequest, 'type' | 'from' | 'to' | 'paper' | 'format'>,
    scope: ReportScope,
    visibleLineIds: string[] | null,
    generatedBy: string,
  ): ReportJob {
    const nowMs = this.options.now();
    const fromMs = Date.parse(request.from);
    const settings = this.options.settings();
    return {
      type: request.type,
      fromMs,
      toMs: Date.parse(request.to),
      scope,
      visibleLineIds,
      plantName: settings.plantName,
      generatedBy,
      generatedAtMs: nowMs,
      reportId: newReportId(request.type, nowMs),
      shifts: settings.shifts,
      timeZone: settings.timeZone,
      render: { html: request.format === 'html' || request.format === 'pdf', paper: request.paper },
    };
  }

  private async produce(
    job: ReportJob,
    format: ReportRequest['format'],
    table: string | undefined,
  ): Promise<ReportAnswer> {
    const { built, csv } = await this.options.builder.build(job, format === 'csv');
    switch (format) {
      case 'json':
        return { kind: 'report', report: built.report };
      case 'html':
        return file(job, built, 'html', 'text/html; charset=utf-8', strToU8(built.html ?? ''));
      case 'pdf':
        return file(job, built, 'pdf', 'application/pdf', await this.print(built, job));
      case 'csv':
        return this.csv(job, built, csv ?? [], table);
    }
  }

  private csv(job: ReportJob, built: BuiltReport, files: CsvFile[], table?: string): ReportFile {
    if (table !== undefined) {
      const one = files.find((candidate) => candidate.fileName === `${job.type}-${table}.csv`);
      if (!one) {
        const keys = files.map((candidate) => candidate.fileName.slice(job.type.length + 1, -4));
        throw new ApiFailure(
          'NOT_FOUND',
          `This report has no table "${table}"; it has: ${keys.join(', ')}`,
        );
      }
      const answer = file(job, built, 'csv', 'text/csv; charset=utf-8', strToU8(one.content));
      return { ...answer, fileName: `${baseName(job)}-${table}.csv` };
    }
    const zip = zipSync(
      Object.fromEntries(files.map((entry) => [entry.fileName, strToU8(entry.content)])),
    );
    return file(job, built, 'zip', 'application/zip', zip);
  }

  private async print(built: BuiltReport, job: ReportJob): Promise<Uint8Array> {
    if (!built.html || !built.pageChrome) throw new Error('The report was built without its page');
    try {
      return await this.options.printer.print({
        html: built.html,
        headerHtml: built.pageChrome.headerHtml,
        footerHtml: built.pageChrome.footerHtml,
        paper: job.render.paper,
      });
    } catch (error) {
      throw new ApiFailure(
        'INTERNAL',
        `The PDF could not be printed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  private async record(
    job: ReportJob,
    format: ReportRequest['format'],
    answer: ReportAnswer,
    actor: string,
  ): Promise<void> {
    const meta = answer.kind === 'report' ? answer.report.meta : null;
    const id = meta?.id ?? (answer.kind === 'file' ? answer.reportId : job.reportId);
    const sha = meta?.dataSha256 ?? (answer.kind === 'file' ? answer.dataSha256 : '');
    await this.options.store.appendEvent({
      type: 'report.generated',
      actor,
      target: id,
      lineId: job.scope.lineId,
      machineId: job.scope.machineId,
      message: `${actor} generated the ${job.type} report ${id} (${format}) for ${job.scope.label}, ${new Date(job.fromMs).toISOString()} to ${new Date(job.toMs).toISOString()}`,
      details: { format, dataSha256: sha, machines: job.scope.machineIds.length },
    });
  }
}
