import { ErrorMessage } from '../../components/ErrorMessage';
import { VerdictBadge } from '../../components/VerdictBadge';
import { formatNumber } from '../../lib/format';
import { formatUntil } from '../../lib/time';
import { useMachineResults } from './use-machine-results';

export function RecentResults({ machineId }: { machineId: string }) {
  const { results, loaded, error } = useMachineResults(machineId);
  return (
    <section className="panel" aria-labelledby="recent-results-title">
      <h2 id="recent-results-title">Recent test results</h2>
      <ErrorMessage error={error} />
      {loaded && results.length === 0 ? (
        <p className="empty-state">No test results from this machine yet.</p>
      ) : (
        <div className="table-scroll table-scroll-short">
          <table className="data-table compact" data-testid="machine-results">
            <thead>
              <tr>
                <th scope="col">Time</th>
                {/* The verdict next to the time: never the column that is cut off. */}
                <th scope="col">Verdict</th>
                <th scope="col">Barcode</th>
                <th scope="col">Product · step</th>
                <th scope="col" className="numeric">
                  Value
                </th>
              </tr>
            </thead>
            <tbody>
              {results.map((result) => (
                <tr key={result.id}>
                  <td className="nowrap">{formatUntil(result.at)}</td>
                  <td className="nowrap">
                    <VerdictBadge verdict={result.verdict} />
                  </td>
                  <td className="cell-id" title={result.barcode}>
                    <code>{result.barcode}</code>
                  </td>
                  <td className="cell-flex">
                    {result.productId} · {result.testStep}
                  </td>
                  <td className="numeric nowrap">
                    {formatNumber(result.measuredValue)} {result.unit ?? ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
