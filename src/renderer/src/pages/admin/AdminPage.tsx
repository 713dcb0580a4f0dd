import { useState } from 'react';
import type { User } from '../../../../shared/contract';
import { Tabs } from '../../components/Tabs';
import { AccountsPage } from './AccountsPage';
import { BrokerPage } from './BrokerPage';

type AdminSection = 'accounts' | 'broker';
const SECTIONS: readonly { id: AdminSection; label: string }[] = [
  { id: 'accounts', label: 'Accounts' },
  { id: 'broker', label: 'Broker' },
];

/** Admin tasks, one section at a time: accounts, and where machine data comes from. */
export function AdminPage({ currentUser }: { currentUser: User }) {
  const [section, setSection] = useState<AdminSection>('accounts');
  const tabs = (
    <Tabs label="Admin sections" tabs={SECTIONS} current={section} onChange={setSection} />
  );
  return section === 'accounts' ? (
    <AccountsPage currentUser={currentUser} tabs={tabs} />
  ) : (
    <BrokerPage tabs={tabs} />
  );
}
