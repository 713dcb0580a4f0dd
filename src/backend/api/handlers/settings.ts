import { roleHas, type Settings, type SettingsView } from '../../../shared/contract';
import type { RegisterHandlers } from '../services';

/** What a role without `settings.manage` may read of the settings: no server paths, no retention. */
function narrowed(settings: Settings): SettingsView {
  const {
    shiftReportFolder: _folder,
    rawRetentionDays: _raw,
    rollupRetentionDays: _rollup,
    ...rest
  } = settings;
  return rest;
}

export const registerSettingsHandlers: RegisterHandlers = (dispatcher, { store, settings }) => {
  dispatcher.register('settings.get', async (_input, { caller }) =>
    roleHas(caller.user.role, 'settings.manage')
      ? settings.current()
      : narrowed(settings.current()),
  );

  dispatcher.register('settings.update', async (input, { caller }) => {
    const updated = await store.updateSettings(input, { username: caller.user.username });
    settings.replace(updated);
    return updated;
  });
};
