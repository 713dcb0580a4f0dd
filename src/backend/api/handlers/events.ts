import type { RegisterHandlers } from '../services';

export const registerEventHandlers: RegisterHandlers = (dispatcher, { store }) => {
  dispatcher.register('events.list', (input, { caller }) => {
    const { scope } = caller;
    const visibility = scope.isPlant
      ? ({ all: true } as const)
      : {
          all: false as const,
          username: caller.user.username,
          lines: scope.kind === 'lines' ? scope.assignedLines() : [],
          machines: scope.kind === 'machines' ? scope.assignedMachines() : [],
        };
    return store.listEvents(input, visibility);
  });

  dispatcher.register('audit.verify', (_input, { caller }) =>
    store.verifyEvents({ username: caller.user.username }),
  );
};
