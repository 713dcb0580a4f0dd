import { ROLE_SCOPE, type User } from '../../shared/contract';

/**
 * The part of the plant a user may see: everything (admins), their lines (engineers) or
 * their machines (operators). Every scoped check in the backend goes through this class.
 */
export class CallerScope {
  private readonly lines: Set<string>;
  private readonly machines: Set<string>;

  constructor(
    readonly user: User,
    private readonly lineOfMachine: (machineId: string) => string | undefined,
  ) {
    this.lines = new Set(user.assignments.lines);
    this.machines = new Set(user.assignments.machines);
  }

  get kind(): 'plant' | 'lines' | 'machines' {
    return ROLE_SCOPE[this.user.role];
  }

  get isPlant(): boolean {
    return this.kind === 'plant';
  }

  canSeeMachine(machineId: string, lineId?: string | null): boolean {
    switch (this.kind) {
      case 'plant':
        return true;
      case 'lines': {
        const line = lineId ?? this.lineOfMachine(machineId);
        return line !== undefined && this.lines.has(line);
      }
      case 'machines':
        return this.machines.has(machineId);
    }
  }

  /** Operators see a line only as the frame of their machines; line-wide data is not theirs. */
  canSeeLine(lineId: string): boolean {
    if (this.kind === 'plant') return true;
    if (this.kind === 'lines') return this.lines.has(lineId);
    return false;
  }

  /** Whether an item placed at (line, machine) is visible; unplaced items are not plant data. */
  canSee(place: { lineId: string | null; machineId: string | null }): boolean {
    if (place.machineId) return this.canSeeMachine(place.machineId, place.lineId);
    if (place.lineId) return this.canSeeLine(place.lineId);
    return this.isPlant;
  }

  assignedLines(): string[] {
    return [...this.lines];
  }

  assignedMachines(): string[] {
    return [...this.machines];
  }
}
