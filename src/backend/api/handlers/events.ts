import type { RegisterHandlers } from '../services';
import { visibilityOf } from '../visibility';

export const registerEventHandlers: RegisterHandlers = (dispatcher, { store }) => {
  dispatcher.register('events.list', (input, { caller }) =>
    store.listEvents(input, visibilityOf(caller)),
  );

  dispatcher.register('audit.verify', (_input, { caller }) =>
    store.verifyEvents({ username: caller.user.username }),
  );
};
