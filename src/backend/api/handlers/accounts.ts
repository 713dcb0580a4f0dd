import { ApiFailure } from '../api-failure';
import type { RegisterHandlers } from '../services';

export const registerAccountHandlers: RegisterHandlers = (dispatcher, { store, auth }) => {
  const actor = (caller: { user: { username: string } }) => ({ username: caller.user.username });

  dispatcher.register('accounts.list', () => store.listUsers());

  dispatcher.register('accounts.create', async (input, { caller }) => {
    const passwordHash = await auth.hashNewPassword(input.password);
    return store.createUser(
      {
        username: input.username,
        displayName: input.displayName,
        role: input.role,
        passwordHash,
        assignments: input.assignments,
      },
      actor(caller),
    );
  });

  dispatcher.register('accounts.update', (input, { caller }) => {
    const { id, ...patch } = input;
    if (
      id === caller.user.id &&
      (patch.disabled === true || (patch.role && patch.role !== 'admin'))
    ) {
      throw new ApiFailure('CONFLICT', 'You cannot disable or demote your own account');
    }
    return store.updateUser(id, patch, actor(caller));
  });

  dispatcher.register('accounts.delete', async (input, { caller }) => {
    if (input.id === caller.user.id)
      throw new ApiFailure('CONFLICT', 'You cannot delete your own account');
    await store.deleteUser(input.id, actor(caller));
    return { ok: true };
  });

  dispatcher.register('accounts.resetPassword', async (input, { caller }) => {
    await store.resetPassword(
      input.id,
      await auth.hashNewPassword(input.newPassword),
      actor(caller),
    );
    return { ok: true };
  });

  dispatcher.register('accounts.unlock', async (input, { caller }) => {
    const user = await store.unlockUser(input.id, actor(caller));
    auth.forgetFailures(user.username);
    return user;
  });

  dispatcher.register('accounts.setAssignments', (input, { caller }) =>
    store.setAssignments(input.id, input.assignments, actor(caller)),
  );
};
