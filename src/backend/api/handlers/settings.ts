import type { RegisterHandlers } from '../services';

export const registerSettingsHandlers: RegisterHandlers = (dispatcher, { store, settings }) => {
  dispatcher.register('settings.get', async () => settings.current());

  dispatcher.register('settings.update', async (input, { caller }) => {
    const updated = await store.updateSettings(input, { username: caller.user.username });
    settings.replace(updated);
    return updated;
  });
};
