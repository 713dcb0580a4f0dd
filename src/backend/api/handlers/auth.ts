import { ApiFailure } from '../api-failure';
import type { RegisterHandlers } from '../services';

export const registerAuthHandlers: RegisterHandlers = (dispatcher, { auth, settings }) => {
  dispatcher.register('auth.login', (input, { client, workstation }) =>
    auth.login(input.username, input.password, client, workstation ?? null),
  );

  dispatcher.register('auth.logout', async (_input, { caller }) => {
    await auth.logout(caller);
    return { ok: true };
  });

  dispatcher.register('auth.me', async (_input, { caller }) => ({
    user: caller.user,
    idleLockMinutes: caller.display ? 0 : settings.current().idleLockMinutes,
    ...(caller.display ? { displayScreen: caller.display } : {}),
  }));

  dispatcher.register('auth.startDisplay', (input, { caller }) => {
    if (caller.display) {
      throw new ApiFailure('FORBIDDEN', 'This is a display session already');
    }
    return auth.startDisplaySession(caller, input.screen);
  });

  dispatcher.register('auth.refresh', (_input, { caller }) => auth.refresh(caller));

  dispatcher.register('auth.lock', async (_input, { caller }) => {
    await auth.lock(caller);
    return { ok: true };
  });

  dispatcher.register('auth.unlock', (input, { caller, client }) =>
    auth.unlock(caller, input.password, client),
  );

  dispatcher.register('auth.changePassword', async (input, { caller }) => {
    await auth.changePassword(caller, input.currentPassword, input.newPassword);
    return { ok: true };
  });
};
