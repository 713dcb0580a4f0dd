import type { SpecPreview } from '../../../../shared/contract';
import { VerdictBadge } from '../../components/VerdictBadge';
import { formatCount, formatNumber } from '../../lib/format';
import { formatDateTime } from '../../lib/time';

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
        <table className="data-table">
          <caption>Examples</caption>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Barcode</th>
              <th scope="col" className="numeric">
                Value
              </th>
              <th scope="col">Now</th>
              <th scope="col">Would be</th>
            </tr>
          </thead>
          <tbody>
            {preview.examples.map((example) => (
              <tr key={example.resultId}>
                <td className="nowrap">{formatDateTime(example.at)}</td>
                <td>
                  <code>{example.barcode}</code>
                </td>
                <td className="numeric">{formatNumber(example.measuredValue)}</td>
                <td>
                  <VerdictBadge verdict={example.before} />
                </td>
                <td>
                  <VerdictBadge verdict={example.after} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
