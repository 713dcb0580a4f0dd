import { useState } from 'react';
import type { User } from '../../../../shared/contract';
import { Tabs } from '../../components/Tabs';
import { AccountsPage } from './AccountsPage';
import { BackupPage } from './BackupPage';
import { BrokerPage } from './BrokerPage';
import { PlantAdminPage } from './PlantAdminPage';
import { ShiftsAdminPage } from './ShiftsAdminPage';
import { SpecsAdminPage } from './SpecsAdminPage';
import { StationKeysPage } from './StationKeysPage';
import { SparkplugPage } from './sparkplug/SparkplugPage';

type AdminSection =
  'accounts' | 'plant' | 'specs' | 'shifts' | 'broker' | 'sparkplug' | 'stationKeys' | 'backup';
const SECTIONS: readonly { id: AdminSection; label: string }[] = [
  { id: 'accounts', label: 'Accounts' },
  { id: 'plant', label: 'Lines and machines' },
  { id: 'specs', label: 'Spec limits' },
  { id: 'shifts', label: 'Shifts and retention' },
  { id: 'broker', label: 'Broker' },
  { id: 'sparkplug', label: 'Sparkplug' },
  { id: 'stationKeys', label: 'Station keys' },
  { id: 'backup', label: 'Backup' },
];

/** Admin tasks, one section at a time: accounts, and where machine data comes from. */
export function AdminPage({ currentUser }: { currentUser: User }) {
  const [section, setSection] = useState<AdminSection>('accounts');
  const tabs = (
    <Tabs label="Admin sections" tabs={SECTIONS} current={section} onChange={setSection} />
  );
  if (section === 'backup') return <BackupPage tabs={tabs} />;
  if (section === 'plant') return <PlantAdminPage tabs={tabs} />;
  if (section === 'specs') return <SpecsAdminPage tabs={tabs} user={currentUser} />;
  if (section === 'shifts') return <ShiftsAdminPage tabs={tabs} />;
  if (section === 'sparkplug') return <SparkplugPage tabs={tabs} />;
  if (section === 'stationKeys') return <StationKeysPage tabs={tabs} />;
  return section === 'accounts' ? (
    <AccountsPage currentUser={currentUser} tabs={tabs} />
  ) : (
    <BrokerPage tabs={tabs} />
  );
}
