import type { User } from '../../../../shared/contract';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PageHeader } from '../../components/PageHeader';
import { useLoad } from '../../hooks/use-load';
import { CapabilitySection } from './CapabilitySection';
import { ResultFilterBar } from './ResultFilterBar';
import { ResultTable } from './ResultTable';
import { SpecSection } from './SpecSection';
import { UnitHistory } from './UnitHistory';
import { MAX_ROWS, useResultsFeed } from './use-results-feed';
import './quality.css';

/** Live test results with server-side filters, a unit's history, and the spec limits. */
export function QualityPage({ user }: { user: User }) {
  const feed = useResultsFeed();
  const plant = useLoad(() => api.call('plant.list', {}), 'plant');
  const barcode = feed.filters.barcode.trim();
  return (
    <section aria-labelledby="page-title" data-testid="page-quality">
      <PageHeader title="Quality" />
      <ResultFilterBar plant={plant.data} applied={feed.filters} onChange={feed.setFilters} />
      <ErrorMessage error={feed.error} />
      {barcode && <UnitHistory barcode={barcode} />}
      {feed.loaded && feed.rows.length === 0 ? (
        <p className="empty-state">No test results match these filters yet.</p>
      ) : (
        <ResultTable
          results={feed.rows}
          onBarcode={(picked) => feed.setFilters({ ...feed.filters, barcode: picked })}
        />
      )}
      <div className="table-footer">
        <span className="muted" role="status">
          {feed.loaded ? `${feed.rows.length} results shown, newest first, live` : 'Loading…'}
        </span>
        {feed.hasMore && feed.rows.length < MAX_ROWS && (
          <button type="button" onClick={() => void feed.loadOlder()}>
            Load older results
          </button>
        )}
      </div>
      <CapabilitySection />
      <SpecSection user={user} lines={plant.data?.lines ?? []} />
    </section>
  );
}
