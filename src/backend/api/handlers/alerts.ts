import type { Alert } from '../../../shared/contract';
import { shelveEnd } from '../../../shared/rules/shelving';
import type { Caller } from '../../auth/auth-service';
import { actorOf } from '../actor';
import { ApiFailure } from '../api-failure';
import type { Dispatcher } from '../dispatcher';
import type { Services } from '../services';
import { visibilityOf, visibleMachineIds } from '../visibility';

/**
 * What a caller may do with one alert. Alerts of a line or machine follow the caller's scope;
 * plant-wide ones (broker, dead letters, missing limits) are shown to everyone, and only
 * engineers and admins act on them.
 */
function accessTo(caller: Caller, alert: Alert): 'none' | 'view' | 'act' {
  const placed = alert.lineId !== null || alert.machineId !== null;
  if (placed) return caller.scope.canSee(alert) ? 'act' : 'none';
  return caller.scope.kind === 'machines' ? 'view' : 'act';
}

export function registerAlertHandlers(dispatcher: Dispatcher, services: Services): void {
  const { store, now } = services;
  /**
   * The alert, if the caller may act on it. An alert outside the scope answers exactly like
   * one that does not exist, so ids never reveal another line's alerts.
   */
  async function alertToActOn(id: number, caller: Caller): Promise<Alert> {
    const alert = await store.getAlert(id);
    const access = alert ? accessTo(caller, alert) : 'none';
    if (!alert || access === 'none') throw new ApiFailure('NOT_FOUND', `No alert ${id}`);
    if (access === 'view') {
      throw new ApiFailure('FORBIDDEN', 'Plant-wide alerts are handled by engineers and admins');
    }
    return alert;
  }

  dispatcher.register('alerts.list', async (input, { caller }) => {
    // Shelvings that ran out end first, so the list never shows a stale shelf.
    await store.expireAlertShelves(now());
    return store.listAlerts(input, visibilityOf(caller), now());
  });

  dispatcher.register('alerts.acknowledge', async (input, { caller, workstation }) => {
    await alertToActOn(input.id, caller);
    return store.acknowledgeAlert(input.id, input.comment, actorOf(caller, workstation), now());
  });

  dispatcher.register('alerts.shelve', async (input, { caller, workstation }) => {
    await alertToActOn(input.id, caller);
    const nowMs = now();
    const end = shelveEnd(input, nowMs);
    if ('problem' in end) throw new ApiFailure('INVALID_INPUT', end.problem);
    return store.shelveAlert(
      input.id,
      end.untilMs,
      input.reason,
      actorOf(caller, workstation),
      nowMs,
    );
  });

  dispatcher.register('alerts.unshelve', async (input, { caller, workstation }) => {
    await alertToActOn(input.id, caller);
    return store.unshelveAlert(input.id, actorOf(caller, workstation));
  });

  dispatcher.register('alerts.resolve', async (input, { caller, workstation }) => {
    await alertToActOn(input.id, caller);
    return store.resolveAlert(input.id, input.reason, actorOf(caller, workstation), now());
  });

  dispatcher.register('alerts.setOutOfService', async (input, { caller, workstation }) => {
    await alertToActOn(input.id, caller);
    return store.setAlertOutOfService(
      input.id,
      input.outOfService,
      input.reason,
      actorOf(caller, workstation),
    );
  });

  dispatcher.register('thresholds.list', (input, { caller }) =>
    store.listThresholds(input, visibleMachineIds(caller, services)),
  );

  dispatcher.register('thresholds.save', (input, { caller, workstation }) =>
    store.saveThreshold(input, actorOf(caller, workstation), now()),
  );
}
