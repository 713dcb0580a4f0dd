import type { User } from '../../../../shared/contract';
import { PageHeader } from '../../components/PageHeader';
import { AlarmSwitch } from './AlarmSwitch';
import { ChangePasswordForm } from './ChangePasswordForm';
import { PlantSettingsForm } from './PlantSettingsForm';
import { StationPanel } from './StationPanel';
import { ThemeSwitch } from './ThemeSwitch';

export function SettingsPage({ user }: { user: User }) {
  return (
    <section aria-labelledby="page-title" data-testid="page-settings">
      <PageHeader title="Settings" />
      <div className="panel-grid">
        <ChangePasswordForm />
        <ThemeSwitch />
        <AlarmSwitch />
        <StationPanel user={user} />
        {user.role === 'admin' && <PlantSettingsForm />}
      </div>
    </section>
  );
}
