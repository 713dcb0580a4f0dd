import type { ReactNode } from 'react';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PageHeader } from '../../components/PageHeader';
import { useLoad } from '../../hooks/use-load';
import { RetentionForm } from './RetentionForm';
import { ShiftsForm } from './ShiftsForm';
import './plant-admin.css';

/** The shift plan and how long data is kept: both plant-wide settings. */
export function ShiftsAdminPage({ tabs }: { tabs: ReactNode }) {
  const settings = useLoad(() => api.call('settings.get', {}), 'settings');
  return (
    <section aria-labelledby="page-title" data-testid="page-admin-shifts">
      <PageHeader title="Admin · Shifts and retention" />
      {tabs}
      <ErrorMessage error={settings.error} />
      {settings.data && (
        <div className="plant-admin-grid">
          <ShiftsForm current={settings.data.shifts} onSaved={settings.reload} />
          <RetentionForm current={settings.data} onSaved={settings.reload} />
        </div>
      )}
    </section>
  );
}
