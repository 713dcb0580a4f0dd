import type { ReactNode } from 'react';
import type { User } from '../../../../shared/contract';
import { api } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { useLoad } from '../../hooks/use-load';
import { SpecSection } from '../quality/SpecSection';

/** Spec limits with their versions and the preview of a change: the Quality page's section. */
export function SpecsAdminPage({ tabs, user }: { tabs: ReactNode; user: User }) {
  const plant = useLoad(() => api.call('plant.list', {}), 'plant');
  return (
    <section aria-labelledby="page-title" data-testid="page-admin-specs">
      <PageHeader title="Admin · Spec limits" />
      {tabs}
      <p className="lead">
        Each save adds a version; results already judged keep their verdict. Preview first to see
        what the new limits would have judged differently.
      </p>
      <SpecSection user={user} lines={plant.data?.lines ?? []} />
    </section>
  );
}
