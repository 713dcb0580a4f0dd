import type { Caller } from '../auth/auth-service';
import type { EventVisibility } from '../store/events-store';
import type { Services } from './services';

/** What of the plant's records a caller may read, in the form the store's queries take. */
export function visibilityOf(caller: Caller): EventVisibility {
  return caller.scope.recordFilter();
}

/** The machine ids a caller may see, or null for all of them. */
export function visibleMachineIds(caller: Caller, services: Services): string[] | null {
  return caller.scope.visibleMachineIds(
    services.plant.machines().map(({ machineId, lineId }) => ({ id: machineId, lineId })),
  );
}
