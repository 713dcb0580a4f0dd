import { useState } from 'react';
import type { User } from '../../../../shared/contract';
import { PageHeader } from '../../components/PageHeader';
import { Tabs } from '../../components/Tabs';
import { AlertHistoryTab } from './AlertHistoryTab';
import { OpenAlertsTab } from './OpenAlertsTab';
import './alerts.css';

type AlertTab = 'active' | 'shelved' | 'history';
const TABS: readonly { id: AlertTab; label: string }[] = [
  { id: 'active', label: 'Active' },
  { id: 'shelved', label: 'Shelved' },
  { id: 'history', label: 'History' },
];

/** ISA-18.2 alert handling: what needs someone now, what was put aside, and what happened. */
export function AlertsPage({ user }: { user: User }) {
  const [tab, setTab] = useState<AlertTab>('active');
  return (
    <section aria-labelledby="page-title" data-testid="page-alerts">
      <PageHeader title="Alerts" />
      <Tabs label="Alert lists" tabs={TABS} current={tab} onChange={setTab} />
      <div role="tabpanel" aria-label={TABS.find((t) => t.id === tab)?.label}>
        {/* key: each list keeps its own selection and subscription. */}
        {tab === 'history' ? (
          <AlertHistoryTab />
        ) : (
          <OpenAlertsTab key={tab} user={user} view={tab} />
        )}
      </div>
    </section>
  );
}
