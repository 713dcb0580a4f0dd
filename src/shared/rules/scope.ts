import { ROLE_SCOPE, type Role, type ScopeKind } from '../contract/roles';
import type { Assignments } from '../contract/schemas';

/**
 * The one definition of "what part of the plant may this user see". The backend's checks
 * (dispatcher, handlers, store queries, live feed, reports) and the renderer's hints all use it:
 * - `plant` (admins): everything;
 * - `lines` (engineers, testers): the assigned lines and every machine on them;
 * - `machines` (operators): the assigned machines; a line only as the frame of those machines,
 *   never line-wide data.
 * Items placed nowhere (no line, no machine) are plant-wide and only for `plant` scope.
 */
export interface Reach {
  readonly kind: ScopeKind;
  readonly lines: ReadonlySet<string>;
  readonly machines: ReadonlySet<string>;
}

/** Where an item sits in the plant; null for "not about a line / machine". */
export interface Place {
  lineId: string | null;
  machineId: string | null;
}

export function reachOf(user: { role: Role; assignments: Assignments }): Reach {
  const kind = ROLE_SCOPE[user.role];
  return {
    kind,
    // Only the kind of assignment the role uses counts: a stale machine list kept on an
    // engineer's account (after a role change) must not widen what they see.
    lines: new Set(kind === 'lines' ? user.assignments.lines : []),
    machines: new Set(kind === 'machines' ? user.assignments.machines : []),
  };
}

/** Which assignments a role uses: lines, machines, or none (the whole plant). */
export function assignmentKindOf(role: Role): 'lines' | 'machines' | null {
  const kind = ROLE_SCOPE[role];
  return kind === 'plant' ? null : kind;
}

export function canSeeLine(reach: Reach, lineId: string): boolean {
  if (reach.kind === 'plant') return true;
  if (reach.kind === 'lines') return reach.lines.has(lineId);
  return false;
}

/** `lineId` is the machine's registered line, or undefined when the machine is unknown. */
export function canSeeMachine(
  reach: Reach,
  machineId: string,
  lineId: string | null | undefined,
): boolean {
  switch (reach.kind) {
    case 'plant':
      return true;
    case 'lines':
      return lineId !== undefined && lineId !== null && reach.lines.has(lineId);
    case 'machines':
      return reach.machines.has(machineId);
  }
}

/** Whether an item placed at (line, machine) is visible; unplaced items are plant-wide. */
export function canSeePlace(reach: Reach, place: Place): boolean {
  if (place.machineId) return canSeeMachine(reach, place.machineId, place.lineId);
  if (place.lineId) return canSeeLine(reach, place.lineId);
  return reach.kind === 'plant';
}

/** The machines of a list the reach covers, or null for "all of them" (plant scope). */
export function visibleMachineIds(
  reach: Reach,
  machines: readonly { id: string; lineId: string }[],
): string[] | null {
  if (reach.kind === 'plant') return null;
  return machines
    .filter((machine) => canSeeMachine(reach, machine.id, machine.lineId))
    .map((machine) => machine.id);
}

/**
 * The reach in the form SQL filters take: `all`, or the lines and machines (either may be
 * empty) a row's line_id / machine_id must be in, plus the user's own name for rows about them.
 */
export type RecordFilter =
  { all: true } | { all: false; username: string; lines: string[]; machines: string[] };

export function recordFilterOf(reach: Reach, username: string): RecordFilter {
  if (reach.kind === 'plant') return { all: true };
  return { all: false, username, lines: [...reach.lines], machines: [...reach.machines] };
}
