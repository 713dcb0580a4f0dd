import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { VerdictBadge } from '../../components/VerdictBadge';
import { useLiveTopic } from '../../hooks/use-live-topic';
import { useLoad } from '../../hooks/use-load';
import { formatNumber } from '../../lib/format';
import { formatDateTime } from '../../lib/time';

/**
 * Every test of one unit (all steps, all attempts, oldest first), whatever the other filters
 * say: a retest only makes sense next to the attempt it repeats.
 */
export function UnitHistory({ barcode }: { barcode: string }) {
  const { data, error, reload } = useLoad(
    () => api.call('results.list', { barcode, limit: 1000 }),
    barcode,
  );
  useLiveTopic('results.appended', (items) => {
    if (items.some((result) => result.barcode === barcode)) reload();
  });
  const results = [...(data?.results ?? [])].reverse();
  return (
    <section
      className="panel unit-history"
      aria-labelledby="unit-history-title"
      data-testid="unit-history"
    >
      <h2 id="unit-history-title">
        Unit <code>{barcode}</code>: {results.length} {results.length === 1 ? 'test' : 'tests'}
      </h2>
      <ErrorMessage error={error} />
      {data && results.length === 0 && <p className="muted">No results for this barcode.</p>}
      {results.length > 0 && (
        <ol className="unit-timeline">
          {results.map((result) => (
            <li key={result.id}>
              <span className="nowrap">{formatDateTime(result.at)}</span>
              <span>
                {result.testStep} <span className="muted">attempt {result.attempt}</span>
              </span>
              <span className="numeric">
                {formatNumber(result.measuredValue)} {result.unit ?? ''}
              </span>
              <VerdictBadge verdict={result.verdict} />
              <span className="muted">
                {result.machineId} · {result.productId}
                {result.specVersion !== null ? ` · spec v${result.specVersion}` : ''}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
