import type {
  Alert,
  HandoverItem,
  MachineSnapshot,
  ShiftOnCalendar,
} from '../../../shared/contract';
import { isUnacknowledged } from '../../../shared/rules/alert-active';
import { canReadHandover } from '../../../shared/rules/handover-scope';
import { shiftAt } from '../../../shared/rules/shifts';
import type { StoredHandover } from '../../store/handovers-store';
import { ApiFailure } from '../api-failure';
import type { Caller } from '../../auth/auth-service';
import type { RegisterHandlers } from '../services';
import { visibilityOf, visibleMachineIds } from '../visibility';

/** Open alarms read for a handover at most; past that the line is in a flood, and says so. */
const MAX_ALARMS = 200;
/** Handovers read before the finer scope rule narrows them (operators share lines). */
const READ_AHEAD = 4;

/**
 * Shift handover. The open items are composed here from the same answers the pages get
 * (alerts, machine states, maintenance), narrowed to the writer's scope; who may read a
 * handover is the shared rule in src/shared/rules/handover-scope.ts.
 */
export const registerHandoverHandlers: RegisterHandlers = (dispatcher, services) => {
  const { store, now, monitor } = services;

  /** The part of the line the caller can see: null for all of it; refused when nothing. */
  const partOfLine = (caller: Caller, lineId: string): string[] | null => {
    if (caller.scope.kind !== 'machines') {
      if (!caller.scope.canSeeLine(lineId))
        throw new ApiFailure('FORBIDDEN', `line ${lineId} is not assigned to you`);
      return null;
    }
    const mine = services.plant
      .machines()
      .filter((machine) => machine.lineId === lineId)
      .filter((machine) => caller.scope.canSeeMachine(machine.machineId, machine.lineId))
      .map((machine) => machine.machineId)
      .sort();
    if (mine.length === 0)
      throw new ApiFailure('FORBIDDEN', `none of your machines is on line ${lineId}`);
    return mine;
  };

  const currentShift = (nowMs: number): ShiftOnCalendar | null => {
    const { shifts, timeZone } = services.settings.current();
    const span = shiftAt(shifts, nowMs, timeZone);
    return span
      ? {
          name: span.name,
          startAt: new Date(span.startMs).toISOString(),
          endAt: new Date(span.endMs).toISOString(),
          plantDate: span.plantDate,
        }
      : null;
  };

  const openItems = async (caller: Caller, lineId: string, nowMs: number) => {
    const visibility = visibilityOf(caller);
    const alarms = async (view: 'active' | 'shelved'): Promise<Alert[]> =>
      (await store.listAlerts({ view, lineId, limit: MAX_ALARMS }, visibility, nowMs)).alerts;
    const unacknowledged = (await alarms('active')).filter(isUnacknowledged);
    const shelved = await alarms('shelved');
    const down = monitor
      .list()
      .filter((machine) => machine.lineId === lineId)
      .filter((machine) => caller.scope.canSeeMachine(machine.machineId, machine.lineId))
      .filter((machine) => machine.state === 'down' || machine.state === 'offline');
    const overdue = (
      await store.maintenanceStatus(visibleMachineIds(caller, services), nowMs)
    ).filter((status) => status.lineId === lineId && status.status === 'overdue');
    const items: HandoverItem[] = [
      ...unacknowledged.map((alert) => alarmItem('alarm_unacknowledged', alert)),
      ...shelved.map((alert) => alarmItem('alarm_shelved', alert)),
      ...down.map(downItem),
      ...overdue.map((status) => ({
        kind: 'maintenance_overdue' as const,
        machineId: status.machineId,
        text: `${status.machineId}: service overdue (${Math.round((status.share ?? 1) * 100)} % of its interval used)`,
        since: null,
      })),
    ];
    return items;
  };

  const readable = (caller: Caller, stored: StoredHandover): boolean =>
    canReadHandover(caller.scope.reach, {
      lineId: stored.handover.lineId,
      machines: stored.machines,
    });

  dispatcher.register('handover.draft', async (input, { caller }) => {
    partOfLine(caller, input.lineId);
    const nowMs = now();
    return {
      lineId: input.lineId,
      shift: currentShift(nowMs),
      openItems: await openItems(caller, input.lineId, nowMs),
    };
  });

  dispatcher.register('handover.list', async (input, { caller }) => {
    if (input.lineId !== undefined) partOfLine(caller, input.lineId);
    const lines =
      input.lineId !== undefined
        ? [input.lineId]
        : caller.scope.isPlant
          ? null
          : [
              ...new Set(
                services.plant
                  .machines()
                  .filter((m) => caller.scope.canSeeMachine(m.machineId, m.lineId))
                  .map((m) => m.lineId),
              ),
            ];
    const stored = await store.handovers(lines, input.limit * READ_AHEAD);
    return stored
      .filter((entry) => readable(caller, entry))
      .slice(0, input.limit)
      .map((entry) => entry.handover);
  });

  dispatcher.register('handover.write', async (input, { caller, workstation }) => {
    const machines = partOfLine(caller, input.lineId);
    const nowMs = now();
    const shift = currentShift(nowMs);
    if (!shift)
      throw new ApiFailure(
        'CONFLICT',
        'the plant has no shift plan: an admin sets the shifts first',
      );
    const stored = await store.writeHandover(
      {
        lineId: input.lineId,
        machines,
        shift,
        openItems: await openItems(caller, input.lineId, nowMs),
        notes: input.notes,
        by: caller.user.username,
        station: workstation ?? null,
      },
      nowMs,
    );
    return stored.handover;
  });

  dispatcher.register('handover.signOff', async (input, { caller, workstation }) => {
    const found = await store.handover(input.id);
    if (!found || !readable(caller, found))
      throw new ApiFailure('NOT_FOUND', `No handover ${input.id} in your scope`);
    if (found.handover.signedOffBy !== null)
      throw new ApiFailure(
        'CONFLICT',
        `handover ${input.id} was already signed off by ${found.handover.signedOffBy}`,
      );
    if (found.handover.handedOverBy === caller.user.username)
      throw new ApiFailure(
        'CONFLICT',
        'the incoming operator signs a handover: someone other than who wrote it',
      );
    const signed = await store.signOffHandover(
      input.id,
      caller.user.username,
      input.note ?? null,
      workstation ?? null,
      now(),
    );
    if (signed?.handover.signedOffBy !== caller.user.username)
      throw new ApiFailure('CONFLICT', `handover ${input.id} was signed off by someone else first`);
    return signed.handover;
  });
};

function alarmItem(kind: 'alarm_unacknowledged' | 'alarm_shelved', alert: Alert): HandoverItem {
  return {
    kind,
    machineId: alert.machineId,
    text: `${alert.priority.charAt(0).toUpperCase()}${alert.priority.slice(1)}: ${alert.message}`,
    since: alert.raisedAt,
  };
}

function downItem(machine: MachineSnapshot): HandoverItem {
  return {
    kind: 'machine_down',
    machineId: machine.machineId,
    text: `${machine.machineId} is ${machine.state}`,
    since: machine.stateSince,
  };
}
