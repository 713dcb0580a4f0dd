import { roleHas, type Alert, type User } from '../../../../shared/contract';
import { isUnacknowledged } from './alert-look';

/**
 * Operators acknowledge alerts of the machines assigned to them; engineers and admins any they
 * see. The backend checks the same; this only hides buttons that would be refused.
 */
export function mayAcknowledge(user: User, alert: Alert): boolean {
  if (!isUnacknowledged(alert) || !roleHas(user.role, 'alerts.acknowledge')) return false;
  if (user.role !== 'operator') return true;
  return alert.machineId !== null && user.assignments.machines.includes(alert.machineId);
}

export function mayManage(user: User): boolean {
  return roleHas(user.role, 'alerts.manage');
}
