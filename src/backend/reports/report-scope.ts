import type { Machine, Plant, ReportScope } from '../../shared/contract';
import { ApiFailure } from '../api/api-failure';
import type { Caller } from '../auth/auth-service';

/**
 * Turns a report's `line` / `machine` into the machines it covers, narrowed to what the caller
 * may see. A line or machine outside the caller's scope is refused, as the dispatcher refuses
 * any other call naming one; the plant scope quietly means "everything I may see".
 */
export function resolveReportScope(
  request: { line?: string; machine?: string; includeSimulated?: boolean },
  caller: Caller,
  everything: Plant,
): { scope: ReportScope; visibleLineIds: string[] | null } {
  const { scope: callerScope } = caller;
  // Simulated machines stay out of reports unless asked for (or named, below).
  const includeSimulated = request.includeSimulated || request.machine !== undefined;
  const plant: Plant = includeSimulated ? everything : withoutSimulated(everything);
  // What the report says of them: how many of the machines in scope are simulated.
  const simulatedIn = (lineId: string | null): ReportScope['simulated'] => ({
    included: includeSimulated,
    count: everything.machines.filter(
      (machine) =>
        machine.simulated &&
        (lineId === null || machine.lineId === lineId) &&
        callerScope.canSeeMachine(machine.id, machine.lineId),
    ).length,
  });
  const visibleIds = callerScope.visibleMachineIds(plant.machines);
  const visibleSet = visibleIds ? new Set(visibleIds) : null;
  const visible = visibleSet
    ? plant.machines.filter((machine) => visibleSet.has(machine.id))
    : plant.machines;
  const lineName = (lineId: string): string =>
    plant.lines.find((line) => line.id === lineId)?.name ?? lineId;
  const named = (name: string, id: string): string =>
    name && name !== id ? `${name} (${id})` : id;
  const visibleLineIds = callerScope.isPlant
    ? null
    : [...new Set(visible.map((machine) => machine.lineId))].filter((lineId) =>
        callerScope.canSeeLine(lineId),
      );

  if (request.machine !== undefined) {
    const machine = plant.machines.find((candidate) => candidate.id === request.machine);
    if (!machine || !callerScope.canSeeMachine(machine.id, machine.lineId)) {
      throw new ApiFailure('FORBIDDEN', `machine ${request.machine} is not assigned to you`);
    }
    if (request.line !== undefined && request.line !== machine.lineId) {
      throw new ApiFailure('INVALID_INPUT', `machine ${machine.id} is not on line ${request.line}`);
    }
    return {
      scope: {
        kind: 'machine',
        lineId: machine.lineId,
        machineId: machine.id,
        label: `Machine ${named(machine.name, machine.id)} on line ${named(lineName(machine.lineId), machine.lineId)}`,
        machineIds: [machine.id],
        simulated: { included: true, count: machine.simulated ? 1 : 0 },
      },
      visibleLineIds: [],
    };
  }
  if (request.line !== undefined) {
    const line = plant.lines.find((candidate) => candidate.id === request.line);
    if (!line || !callerScope.canSeeLine(line.id)) {
      throw new ApiFailure('FORBIDDEN', `line ${request.line} is not assigned to you`);
    }
    return {
      scope: {
        kind: 'line',
        lineId: line.id,
        machineId: null,
        label: `Line ${named(line.name, line.id)}`,
        machineIds: visible.filter((machine) => machine.lineId === line.id).map((m) => m.id),
        simulated: simulatedIn(line.id),
      },
      visibleLineIds: [line.id],
    };
  }
  const lines = visibleLineIds ?? plant.lines.map((line) => line.id);
  return {
    scope: {
      kind: 'plant',
      lineId: null,
      machineId: null,
      label: callerScope.isPlant
        ? 'Whole plant'
        : `Plant: your lines ${lines.join(', ') || '(none)'}`,
      machineIds: visible.map((machine) => machine.id),
      simulated: simulatedIn(null),
    },
    visibleLineIds,
  };
}

/** The plant without the machines a simulator run registered. */
export function withoutSimulated(plant: Plant): Plant {
  return { ...plant, machines: plant.machines.filter((machine: Machine) => !machine.simulated) };
}

/** "Simulated machines: left out (2)", as a report prints it. */
export function simulatedText(simulated: ReportScope['simulated']): string {
  if (simulated.count === 0) return 'none in scope';
  return simulated.included
    ? `included (${simulated.count})`
    : `left out (${simulated.count}; ask for them to include them)`;
}
