import { useCallback, useState } from 'react';
import type { ApiErrorBody, Report, ReportFile, ReportFormat } from '../../../../shared/contract';
import { api } from '../../api/client';
import { toApiErrorBody } from '../../lib/errors';
import type { ReportBase } from './report-request';

/** What was last generated, for the id and SHA-256 shown under the buttons. */
export interface Receipt {
  what: string;
  reportId: string;
  dataSha256: string;
  fileName: string | null;
}

export interface ReportMaker {
  /** Says what is being generated ("Generating the PDF…"); null when idle. */
  busy: string | null;
  error: ApiErrorBody | null;
  receipt: Receipt | null;
  /** A file (html, pdf, csv); null when it failed (the error is kept). */
  makeFile: (
    base: ReportBase,
    format: Exclude<ReportFormat, 'json'>,
    what: string,
    table?: string,
  ) => Promise<ReportFile | null>;
  /** The report as data (for its table list); null when it failed. */
  makeData: (base: ReportBase) => Promise<Report | null>;
  setError: (error: ApiErrorBody | null) => void;
}

const BUSY_TEXT: Record<ReportFormat, string> = {
  html: 'Generating the preview…',
  pdf: 'Generating the PDF…',
  csv: 'Generating the CSV…',
  json: 'Reading the report’s tables…',
};

/** One report request at a time, with a busy text, the last error and the last receipt. */
export function useReportMaker(): ReportMaker {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const [receipt, setReceipt] = useState<Receipt | null>(null);

  const request = useCallback(
    async <T>(format: ReportFormat, call: () => Promise<T>): Promise<T | null> => {
      setBusy(BUSY_TEXT[format]);
      setError(null);
      try {
        return await call();
      } catch (caught) {
        setError(toApiErrorBody(caught));
        return null;
      } finally {
        setBusy(null);
      }
    },
    [],
  );

  const makeFile = useCallback<ReportMaker['makeFile']>(
    (base, format, what, table) =>
      request(format, async () => {
        const answer = await api.call('reports.build', { ...base, format, table });
        if (answer.kind !== 'file') throw new Error(`Expected a ${format} file from the server`);
        setReceipt({
          what,
          reportId: answer.reportId,
          dataSha256: answer.dataSha256,
          fileName: format === 'html' ? null : answer.fileName,
        });
        return answer;
      }),
    [request],
  );

  const makeData = useCallback<ReportMaker['makeData']>(
    (base) =>
      request('json', async () => {
        const answer = await api.call('reports.build', { ...base, format: 'json' });
        if (answer.kind !== 'report') throw new Error('Expected the report data from the server');
        return answer.report;
      }),
    [request],
  );

  return { busy, error, receipt, makeFile, makeData, setError };
}
