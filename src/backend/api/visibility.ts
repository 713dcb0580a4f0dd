import type { Caller } from '../auth/auth-service';
import type { EventVisibility } from '../store/events-store';

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
