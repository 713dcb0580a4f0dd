import type { Caller } from '../auth/auth-service';
import type { EventVisibility } from '../store/events-store';
import type { Services } from './services';

/** What of the plant's records a caller may read, in the form the store's queries take. */
export function visibilityOf(caller: Caller): EventVisibility {
  const { scope } = caller;
  if (scope.isPlant) return { all: true };
  return {
    all: false,
    username: caller.user.username,
    lines: scope.kind === 'lines' ? scope.assignedLines() : [],
    machines: scope.kind === 'machines' ? scope.assignedMachines() : [],
  };
}

/** The machine ids a caller may see, or null for all of them. */
export function visibleMachineIds(caller: Caller, services: Services): string[] | null {
  if (caller.scope.isPlant) return null;
  return services.plant
    .machines()
    .filter((machine) => caller.scope.canSeeMachine(machine.machineId, machine.lineId))
    .map((machine) => machine.machineId);
}
