import type { MachineSnapshot, Plant } from '../../../../shared/contract';

/** The database's default heartbeat timeout of a machine nobody has configured. */
const DEFAULT_HEARTBEAT_S = 60;

/**
 * Every registered machine with its settings. 'machines.overview' lists machines that have
 * spoken (or were configured); one registered ahead of its first message is only in the plant
 * list, with the database defaults, until then.
 */
export function adminMachines(
  plant: Plant | null,
  snapshots: readonly MachineSnapshot[] | null,
): MachineSnapshot[] {
  const byId = new Map((snapshots ?? []).map((snapshot) => [snapshot.machineId, snapshot]));
  const registered = (plant?.machines ?? []).map(
    (machine): MachineSnapshot =>
      byId.get(machine.id) ?? {
        machineId: machine.id,
        lineId: machine.lineId,
        name: machine.name,
        state: null,
        stateSince: null,
        reason: null,
        temperature: null,
        unitsProduced: null,
        lastSeenAt: null,
        heartbeatTimeoutS: DEFAULT_HEARTBEAT_S,
        idealCycleTimeS: null,
      },
  );
  const known = new Set(registered.map((machine) => machine.machineId));
  return [...registered, ...(snapshots ?? []).filter((s) => !known.has(s.machineId))].sort(
    (a, b) => a.lineId.localeCompare(b.lineId) || a.machineId.localeCompare(b.machineId),
  );
}
