import type { Reach } from './scope';

/**
 * Who may read a handover. It carries the part of the line its writer could see: the whole line
 * (an engineer or admin wrote it: `machines` is null) or the writer's machines on it (an
 * operator). A reader sees it only when they may see all of that part, so neither its open
 * items nor its free-text notes can name a machine outside the reader's scope. The backend's
 * answers and the shift report both use this rule.
 */
export function canReadHandover(
  reach: Reach,
  handover: { lineId: string; machines: readonly string[] | null },
): boolean {
  if (reach.kind === 'plant') return true;
  if (reach.kind === 'lines') return reach.lines.has(handover.lineId);
  return (
    handover.machines !== null &&
    handover.machines.length > 0 &&
    handover.machines.every((machineId) => reach.machines.has(machineId))
  );
}
