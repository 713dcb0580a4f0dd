import type { MachineSnapshot } from '../../../../shared/contract';

/** Machines grouped by line, in the order they come (already sorted by line then machine). */
export function groupByLine(machines: readonly MachineSnapshot[]): [string, MachineSnapshot[]][] {
  const lines = new Map<string, MachineSnapshot[]>();
  for (const machine of machines) {
    const list = lines.get(machine.lineId) ?? [];
    list.push(machine);
    lines.set(machine.lineId, list);
  }
  return [...lines.entries()];
}
