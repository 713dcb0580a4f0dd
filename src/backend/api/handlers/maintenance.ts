import { actorOf } from '../actor';
import { ApiFailure } from '../api-failure';
import type { RegisterHandlers } from '../services';
import { visibleMachineIds } from '../visibility';

export const registerMaintenanceHandlers: RegisterHandlers = (dispatcher, services) => {
  const { store } = services;

  dispatcher.register('maintenance.overview', async (input, { caller }) => {
    const statuses = await store.maintenanceStatus(
      visibleMachineIds(caller, services),
      services.now(),
    );
    return statuses.filter(
      (status) => input.lineId === undefined || status.lineId === input.lineId,
    );
  });

  dispatcher.register('maintenance.savePlan', (input, { caller, workstation }) =>
    store.saveMaintenancePlan(input.machineId, input, actorOf(caller, workstation), services.now()),
  );

  dispatcher.register('maintenance.tasks', async (input, { caller }) =>
    store.maintenanceTasks(input.machineId, visibleMachineIds(caller, services), input.limit),
  );

  dispatcher.register('maintenance.scheduleTask', (input, { caller, workstation }) =>
    store.scheduleMaintenance(input, actorOf(caller, workstation), services.now()),
  );

  dispatcher.register('maintenance.updateTask', async (input, { caller, workstation }) => {
    const task = await store.maintenanceTask(input.id);
    // A task outside the caller's lines answers like a missing one: nothing leaks.
    if (!task || !caller.scope.canSeeMachine(task.machineId, task.lineId)) {
      throw new ApiFailure('NOT_FOUND', `No maintenance task ${input.id} in your scope`);
    }
    return store.updateMaintenanceTask(
      input.id,
      { action: input.action, notes: input.notes, resetsInterval: input.resetsInterval },
      actorOf(caller, workstation),
      services.now(),
    );
  });
};
