import { computeOee } from '../../scoring/oee';
import type { Dispatcher } from '../dispatcher';
import { actorOf } from '../actor';
import { visibleMachineIds } from '../visibility';
import type { HandlerServices } from '../services';

export function registerMachineHandlers(dispatcher: Dispatcher, services: HandlerServices): void {
  const { store, monitor, commands } = services;

  dispatcher.register('machines.overview', async (input, { caller }) =>
    monitor
      .list()
      .filter((machine) => caller.scope.canSeeMachine(machine.machineId, machine.lineId))
      .filter((machine) => input.lineId === undefined || machine.lineId === input.lineId)
      .sort((a, b) => a.lineId.localeCompare(b.lineId) || a.machineId.localeCompare(b.machineId)),
  );

  dispatcher.register('machines.configure', async (input, { caller, workstation }) => {
    const { machineId, ...patch } = input;
    const snapshot = await store.configureMachine(machineId, patch, actorOf(caller, workstation));
    await monitor.reload();
    return snapshot;
  });

  /** The machines a caller may see, narrowed to the asked line or machine; null means all. */
  const askedMachines = (
    caller: Parameters<typeof visibleMachineIds>[0],
    input: { lineId?: string; machineId?: string },
  ): string[] | null => {
    let machines = visibleMachineIds(caller, services);
    if (input.machineId)
      machines = (machines ?? [input.machineId]).filter((id) => id === input.machineId);
    if (input.lineId) {
      const onLine = services.plant
        .machines()
        .filter((machine) => machine.lineId === input.lineId)
        .map((machine) => machine.machineId);
      machines = (machines ?? onLine).filter((id) => onLine.includes(id));
    }
    return machines;
  };

  dispatcher.register('downtime.list', async (input, { caller }) =>
    store.downtime(Date.parse(input.from), Date.parse(input.to), askedMachines(caller, input)),
  );

  dispatcher.register('machines.states', async (input, { caller }) =>
    store.statePeriods(Date.parse(input.from), Date.parse(input.to), askedMachines(caller, input)),
  );

  dispatcher.register('telemetry.history', async (input) => {
    const { metrics, points } = await store.metricHistory(
      input.machineId,
      input.metric,
      Date.parse(input.from),
      Date.parse(input.to),
    );
    return {
      machineId: input.machineId,
      metric: input.metric,
      metrics,
      points: points.map((point) => ({
        at: new Date(point.minuteMs).toISOString(),
        n: point.n,
        min: point.min,
        max: point.max,
        avg: point.avg,
      })),
    };
  });

  dispatcher.register('oee.report', async (input, { caller }) => {
    let machines = visibleMachineIds(caller, services);
    const wanted = services.plant
      .machines()
      .filter(
        (m) =>
          (input.lineId === undefined || m.lineId === input.lineId) &&
          (input.machineId === undefined || m.machineId === input.machineId),
      )
      .map((m) => m.machineId);
    machines = (machines ?? wanted).filter((id) => wanted.includes(id));
    const fromMs = Date.parse(input.from);
    const toMs = Date.parse(input.to);
    const { hours, idealCycleS } = await store.oeeInputs(fromMs, toMs, machines);
    const rows = computeOee(hours, idealCycleS, {
      bucketing: input.bucket,
      shifts: services.settings.current().shifts,
      timeZone: services.settings.current().timeZone,
      fromMs,
      toMs,
    });
    // Operators see their machines' rows, not line totals that include machines of others.
    return caller.scope.kind === 'machines' ? rows.filter((row) => row.machineId !== null) : rows;
  });

  dispatcher.register('machines.command', (input, { caller, workstation }) =>
    commands.send(
      input.machineId,
      input.command,
      input.command === 'set_rate' ? { units_per_minute: input.unitsPerMinute } : {},
      actorOf(caller, workstation),
    ),
  );

  dispatcher.register('commands.list', (input, { caller }) =>
    store.listCommands(input.machineId, visibleMachineIds(caller, services), input.limit),
  );
}
