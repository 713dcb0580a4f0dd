import { useRef, useState } from 'react';
import type { Report, User } from '../../../../shared/contract';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PageHeader } from '../../components/PageHeader';
import { SelectField } from '../../components/SelectField';
import { useLoad } from '../../hooks/use-load';
import { useNow } from '../../hooks/use-now';
import { base64ToText } from '../../lib/base64';
import { RangePicker } from './RangePicker';
import { ReceiptLine } from './ReceiptLine';
import { ReportPreview } from './ReportPreview';
import { ReportTypePicker } from './ReportTypePicker';
import { ScopePicker } from './ScopePicker';
import { TableCsvMenu } from './TableCsvMenu';
import { saveReportFile } from './report-files';
import { formKey, useReportForm } from './report-form-store';
import { PAPER_CHOICES, reportTitle } from './report-kinds';
import { buildReportBase, resolveRange, type ReportBase } from './report-request';
import { useReportMaker } from './use-report-maker';
import './reports.css';
import { systemTimeZone } from '../../../../shared/rules/plant-time';

const FORM_ID = 'report-choices';

interface Preview {
  html: string;
  /** The form it was made from, to tell when the choices have moved on. */
  formKey: string;
  reportId: string;
  title: string;
  paper: ReportBase['paper'];
}

/**
 * Shift, quality, alarm and maintenance reports: choose, preview the page as it prints, print
 * it, or download it as PDF and CSV. The backend builds everything in its report process.
 */
export function ReportsPage({ user }: { user: User }) {
  const values = useReportForm();
  const settings = useLoad(() => api.call('settings.get', {}), 'settings');
  const plant = useLoad(() => api.call('plant.list', {}), 'plant');
  const maker = useReportMaker();
  const [preview, setPreview] = useState<Preview | null>(null);
  const [tables, setTables] = useState<{ formKey: string; report: Report } | null>(null);
  const frame = useRef<HTMLIFrameElement | null>(null);
  const printOnLoad = useRef(false);
  // Keeps "Current shift, so far: … to 14:37" moving while the page stays open.
  const nowMs = useNow(30_000);

  const shifts = settings.data?.shifts ?? [];
  const timeZone = settings.data?.timeZone ?? systemTimeZone();
  const currentKey = formKey(values);
  const shown = resolveRange(values, shifts, nowMs, timeZone);
  const ready = settings.data !== null && plant.data !== null && shown.range !== null;
  const busy = maker.busy !== null;

  /** The request for this moment: "so far" ranges end at the click, not at the last render. */
  const requestBase = (): ReportBase | null => {
    const resolved = resolveRange(values, shifts, Date.now(), timeZone);
    if (!resolved.range) {
      maker.setError({ code: 'INVALID_INPUT', message: resolved.problem });
      return null;
    }
    return buildReportBase(values, resolved.range, plant.data);
  };

  /** Resolves true once the new sheet is on its way into the frame. */
  const makePreview = async (): Promise<boolean> => {
    const base = requestBase();
    if (!base) return false;
    const file = await maker.makeFile(base, 'html', 'Preview');
    if (!file) return false;
    frame.current = null;
    setPreview({
      html: base64ToText(file.base64),
      formKey: currentKey,
      reportId: file.reportId,
      title: `${reportTitle(base.type)} preview`,
      paper: base.paper,
    });
    return true;
  };

  const print = async (): Promise<void> => {
    const loaded = frame.current?.contentWindow;
    if (preview?.formKey === currentKey && loaded) {
      loaded.print();
      return;
    }
    // Print what the form says now: preview it first, then print once the sheet has loaded.
    printOnLoad.current = true;
    if (!(await makePreview())) printOnLoad.current = false;
  };

  const download = async (format: 'pdf' | 'csv', what: string, table?: string): Promise<void> => {
    const base = requestBase();
    if (!base) return;
    const file = await maker.makeFile(base, format, what, table);
    if (file) saveReportFile(file);
  };

  const readTables = async (): Promise<void> => {
    const base = requestBase();
    if (!base) return;
    const report = await maker.makeData(base);
    if (report) setTables({ formKey: currentKey, report });
  };

  const disabled = !ready || busy;
  return (
    <section aria-labelledby="page-title" data-testid="page-reports">
      <PageHeader title="Reports">
        {/* The toolbar stays in view while the choices and the sheet scroll. */}
        <div className="report-toolbar" role="toolbar" aria-label="Report actions">
          <button type="submit" form={FORM_ID} className="button-primary" disabled={disabled}>
            Preview
          </button>
          <button type="button" disabled={disabled} onClick={() => void print()}>
            Print…
          </button>
          <button type="button" disabled={disabled} onClick={() => void download('pdf', 'PDF')}>
            Download PDF
          </button>
          <button
            type="button"
            disabled={disabled}
            onClick={() => void download('csv', 'CSV, all tables (ZIP)')}
          >
            Download CSV (all tables, ZIP)
          </button>
          <TableCsvMenu
            // A new choice closes the menu: its tables belong to the old one.
            key={currentKey}
            report={tables?.formKey === currentKey ? tables.report : null}
            disabled={disabled}
            onOpen={() => void readTables()}
            onPick={(key, title) => void download('csv', `CSV of “${title}”`, key)}
          />
        </div>
      </PageHeader>
      <div className="reports-layout">
        <form
          id={FORM_ID}
          className="panel report-form"
          aria-label="Report choices"
          onSubmit={(event) => {
            event.preventDefault();
            void makePreview();
          }}
        >
          <ErrorMessage error={settings.error ?? plant.error} />
          <ReportTypePicker value={values.type} onChange={(type) => values.change({ type })} />
          <RangePicker
            values={values}
            resolved={shown}
            shiftsKnown={settings.data !== null}
            timeZone={timeZone}
            onChange={values.change}
          />
          <ScopePicker
            plant={plant.data}
            role={user.role}
            value={values.scope}
            onChange={(scope) => values.change({ scope })}
          />
          <SelectField
            label="Paper"
            value={values.paper}
            options={PAPER_CHOICES}
            onChange={(paper) => values.change({ paper })}
          />
          <label className="check">
            <input
              type="checkbox"
              data-testid="include-simulated"
              checked={values.includeSimulated}
              onChange={(event) => values.change({ includeSimulated: event.target.checked })}
            />
            <span>Include simulated machines</span>
          </label>
        </form>
        <div className="report-view" aria-busy={busy}>
          {maker.busy && (
            <p className="message message-info report-busy" role="status">
              <span className="report-spinner" aria-hidden="true" />
              {maker.busy}
            </p>
          )}
          <ErrorMessage error={maker.error} />
          <ReceiptLine receipt={maker.receipt} />
          {preview && preview.formKey !== currentKey && (
            <p className="message message-info" role="status">
              The choices have changed since this preview. Press Preview to see them.
            </p>
          )}
          {preview ? (
            <ReportPreview
              key={preview.reportId}
              html={preview.html}
              paper={preview.paper}
              title={preview.title}
              onReady={(loaded) => {
                frame.current = loaded;
                if (loaded && printOnLoad.current) {
                  printOnLoad.current = false;
                  loaded.contentWindow?.print();
                }
              }}
            />
          ) : (
            <p className="empty-state report-empty">
              Choose a report, a time range and a scope, then press Preview. The preview is the page
              exactly as it prints and as the PDF holds it.
            </p>
          )}
        </div>
      </div>
    </section>
  );
}
