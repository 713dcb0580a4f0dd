import { roleHas, type Alert, type User } from '../../../../shared/contract';
import { canSeePlace, reachOf } from '../../../../shared/rules/scope';
import { isUnacknowledged } from './alert-look';

/**
 * Alerts in the user's scope (the shared rule) may be acknowledged; plant-wide ones by users
 * who see more than single machines. The backend checks the same; this only hides buttons
 * that would be refused.
 */
export function mayAcknowledge(user: User, alert: Alert): boolean {
  if (!isUnacknowledged(alert) || !roleHas(user.role, 'alerts.acknowledge')) return false;
  const reach = reachOf(user);
  const placed = alert.lineId !== null || alert.machineId !== null;
  return placed ? canSeePlace(reach, alert) : reach.kind !== 'machines';
}

export function mayManage(user: User): boolean {
  return roleHas(user.role, 'alerts.manage');
}
