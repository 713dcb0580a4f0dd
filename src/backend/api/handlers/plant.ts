import type { RegisterHandlers } from '../services';

export const registerPlantHandlers: RegisterHandlers = (dispatcher, { store, plant }) => {
  dispatcher.register('plant.list', async (_input, { caller }) => {
    const all = await store.listPlant();
    const machines = all.machines.filter((machine) =>
      caller.scope.canSeeMachine(machine.id, machine.lineId),
    );
    const visibleLines = new Set(machines.map((machine) => machine.lineId));
    const lines = all.lines.filter(
      (line) => caller.scope.canSeeLine(line.id) || visibleLines.has(line.id),
    );
    return { lines, machines };
  });

  dispatcher.register('plant.renameLine', (input, { caller }) =>
    store.renameLine(input.lineId, input.name, { username: caller.user.username }),
  );

  dispatcher.register('plant.saveMachine', async (input, { caller }) => {
    const machine = await store.saveMachine(input.lineId, input.machineId, input.name, {
      username: caller.user.username,
    });
    await plant.refresh();
    return machine;
  });
};
