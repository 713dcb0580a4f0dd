import type { User } from '../../shared/contract';
import {
  canSeeLine,
  canSeeMachine,
  canSeePlace,
  reachOf,
  recordFilterOf,
  visibleMachineIds,
  type Place,
  type Reach,
  type RecordFilter,
} from '../../shared/rules/scope';

/**
 * A user's reach (`src/shared/rules/scope.ts`, the one definition) bound to the plant's
 * machine-to-line map, so a check can name just a machine. Every scoped check in the backend
 * goes through this class.
 */
export class CallerScope {
  readonly reach: Reach;

  constructor(
    readonly user: User,
    private readonly lineOfMachine: (machineId: string) => string | undefined,
  ) {
    this.reach = reachOf(user);
  }

  get kind(): Reach['kind'] {
    return this.reach.kind;
  }

  get isPlant(): boolean {
    return this.reach.kind === 'plant';
  }

  canSeeMachine(machineId: string, lineId?: string | null): boolean {
    return canSeeMachine(this.reach, machineId, lineId ?? this.lineOfMachine(machineId));
  }

  /** Operators see a line only as the frame of their machines; line-wide data is not theirs. */
  canSeeLine(lineId: string): boolean {
    return canSeeLine(this.reach, lineId);
  }

  /** Whether an item placed at (line, machine) is visible; unplaced items are plant data. */
  canSee(place: Place): boolean {
    return canSeePlace(this.reach, place);
  }

  /** The machines of the list this caller may see, or null for all of them. */
  visibleMachineIds(machines: readonly { id: string; lineId: string }[]): string[] | null {
    return visibleMachineIds(this.reach, machines);
  }

  /** The scope in the form the store's SQL filters take. */
  recordFilter(): RecordFilter {
    return recordFilterOf(this.reach, this.user.username);
  }

  assignedLines(): string[] {
    return [...this.reach.lines];
  }

  assignedMachines(): string[] {
    return [...this.reach.machines];
  }
}
