import type { NewSpec } from '../../../shared/contract';
import { specVersionFor } from '../../../shared/rules/role-views';
import type { Caller } from '../../auth/auth-service';
import { actorOf } from '../actor';
import { ApiFailure } from '../api-failure';
import type { RegisterHandlers } from '../services';
import { visibilityOf, visibleMachineIds } from '../visibility';

const HOUR_MS = 3_600_000;

/**
 * Plant-wide limits judge every line, so only admins (plant scope) set them; a line's limits
 * are set by those who see that line (its engineers).
 */
function checkMaySetLimits(caller: Caller, lineId: string | null | undefined): void {
  if (!lineId) {
    if (!caller.scope.isPlant)
      throw new ApiFailure(
        'FORBIDDEN',
        'lineId: plant-wide limits judge every line and are set by admins; name your line',
      );
  } else if (!caller.scope.canSeeLine(lineId)) {
    throw new ApiFailure('FORBIDDEN', `line ${lineId} is not assigned to you`);
  }
}

/** The lines whose own limits a caller may read: all (plant), assigned lines, or the lines of assigned machines. */
function linesOfLimits(caller: Caller, services: Parameters<RegisterHandlers>[1]): string[] | null {
  if (caller.scope.isPlant) return null;
  if (caller.scope.kind === 'lines') return caller.scope.assignedLines();
  const machines = new Set(visibleMachineIds(caller, services) ?? []);
  return [
    ...new Set(
      services.plant
        .machines()
        .filter((machine) => machines.has(machine.machineId))
        .map((machine) => machine.lineId),
    ),
  ];
}

export const registerQualityHandlers: RegisterHandlers = (dispatcher, services) => {
  const { store } = services;
  dispatcher.register('results.list', (input, { caller }) =>
    store.listResults(input, visibilityOf(caller)),
  );

  dispatcher.register('results.yield', async (input, { caller }) => {
    let machines = visibleMachineIds(caller, services);
    if (input.machineId)
      machines = (machines ?? [input.machineId]).filter((id) => id === input.machineId);
    return store.yieldByStep(Date.parse(input.from), Date.parse(input.to), machines, input.lineId);
  });

  dispatcher.register('specs.list', async (input, { caller }) =>
    (await store.listSpecs(input, linesOfLimits(caller, services))).map((spec) =>
      specVersionFor(caller.user.role, spec),
    ),
  );

  dispatcher.register('specs.save', (input: NewSpec, { caller, workstation }) => {
    checkMaySetLimits(caller, input.lineId);
    return store.saveSpec(input, actorOf(caller, workstation));
  });

  dispatcher.register('specs.preview', (input, { caller }) => {
    if (input.lineId !== undefined && !caller.scope.canSeeLine(input.lineId))
      throw new ApiFailure('FORBIDDEN', `line ${input.lineId} is not assigned to you`);
    return store.previewSpec(
      input,
      services.now() - input.hours * HOUR_MS,
      visibleMachineIds(caller, services),
    );
  });
};
