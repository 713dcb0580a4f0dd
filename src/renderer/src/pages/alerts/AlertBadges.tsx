import type { Alert } from '../../../../shared/contract';
import { PRIORITY_LOOK, STATE_LABEL, isUnacknowledged } from './alert-look';
import '../../components/alarm-look.css';
import './alert-badges.css';

export function PriorityBadge({ alert }: { alert: Alert }) {
  const look = PRIORITY_LOOK[alert.priority];
  // Unacknowledged critical and high alerts blink (gently; not with reduced motion).
  const blink =
    isUnacknowledged(alert) && (alert.priority === 'critical' || alert.priority === 'high');
  return (
    <span
      className={`priority-badge priority-${alert.priority}${blink ? ' priority-blink' : ''}`}
      data-priority={alert.priority}
    >
      <span aria-hidden="true">{look.glyph}</span> {look.label}
    </span>
  );
}

export function AlertStateText({ alert }: { alert: Alert }) {
  const unacked = isUnacknowledged(alert);
  return (
    <span className={unacked ? 'alert-state alert-state-unacked' : 'alert-state'}>
      {STATE_LABEL[alert.state]}
      {alert.outOfService && ' · out of service'}
    </span>
  );
}
