import { ApiFailure } from '../api-failure';
import type { RegisterHandlers } from '../services';

export const registerSetupHandlers: RegisterHandlers = (dispatcher, { store, auth }) => {
  dispatcher.register('setup.status', async () => {
    const { accountCount, settings } = await store.setupStatus();
    return { needsSetup: accountCount === 0, plantName: settings.plantName };
  });

  dispatcher.register('setup.createFirstAdmin', async (input) => {
    const passwordHash = await auth.hashNewPassword(input.password);
    const admin = await store.createFirstAdmin({
      username: input.username,
      displayName: input.displayName,
      role: 'admin',
      passwordHash,
      assignments: { lines: [], machines: [] },
    });
    if (!admin) throw new ApiFailure('CONFLICT', 'Linewatch is already set up; log in instead');
    return auth.startSession(admin.id);
  });
};
