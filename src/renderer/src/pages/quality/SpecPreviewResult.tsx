import type { SpecPreview } from '../../../../shared/contract';
import { DataTable } from '../../components/data-table/DataTable';
import type { DataColumn } from '../../components/data-table/columns';
import { VerdictBadge } from '../../components/VerdictBadge';
import { formatCount, formatNumber } from '../../lib/format';
import { formatDateTime } from '../../lib/time';

type Example = SpecPreview['examples'][number];

const EXAMPLE_COLUMNS: readonly DataColumn<Example>[] = [
  { id: 'at', header: 'Time', className: 'nowrap', cell: (e) => formatDateTime(e.at) },
  { id: 'barcode', header: 'Barcode', cell: (e) => <code>{e.barcode}</code> },
  { id: 'value', header: 'Value', align: 'end', cell: (e) => formatNumber(e.measuredValue) },
  { id: 'now', header: 'Now', cell: (e) => <VerdictBadge verdict={e.before} /> },
  { id: 'after', header: 'Would be', cell: (e) => <VerdictBadge verdict={e.after} /> },
];

/** What the proposed limits would have judged differently on the last day's results. */
export function SpecPreviewResult({ preview }: { preview: SpecPreview }) {
  const changed = preview.passToFail + preview.failToPass + preview.noSpecToJudged;
  return (
    <div className="spec-preview" data-testid="spec-preview" role="status">
      <p className="big-figure-line">
        <span className="big-figure">{formatCount(changed)}</span> of {formatCount(preview.checked)}{' '}
        verdicts in the last 24 h would change
      </p>
      <p className="muted">
        Applies {preview.appliesTo}
        {preview.keptByLineLimits > 0 &&
          `; ${formatCount(preview.keptByLineLimits)} results keep their line's own limits`}
      </p>
      <ul className="preview-counts">
        <li>PASS → FAIL: {formatCount(preview.passToFail)}</li>
        <li>FAIL → PASS: {formatCount(preview.failToPass)}</li>
        <li>NO SPEC → judged: {formatCount(preview.noSpecToJudged)}</li>
        <li>Unchanged: {formatCount(preview.unchanged)}</li>
      </ul>
      {preview.examples.length > 0 && (
        <DataTable
          rows={preview.examples}
          columns={EXAMPLE_COLUMNS}
          rowKey={(example) => example.resultId}
          caption="Examples"
          showCaption
          bare
        />
      )}
    </div>
  );
}
