import { useMemo, useState } from 'react';
import type { Alert, User } from '../../../shared/contract';
import { useActiveAlerts } from '../hooks/use-active-alerts';
import {
  countByPriority,
  isUnacknowledged,
  PRIORITIES,
  PRIORITY_LOOK,
} from '../lib/alarm-priority';
import { AcknowledgeDialog } from '../pages/alerts/AcknowledgeDialog';
import { mayAcknowledge } from '../pages/alerts/alert-permissions';
import { useRoute } from '../state/route-store';
import { AlarmMuteButton } from './AlarmMuteButton';
import './alarm-look.css';
import { SimMark } from './SimMark';

/**
 * One line on every page: the worst, newest unacknowledged alarm with its acknowledge, how many
 * of each priority wait, and the audible alarm's mute. Its alarms are the user's own: the
 * backend scopes alerts.list and the live feed.
 */
export function AlarmBanner({ user }: { user: User }) {
  const { alerts, apply } = useActiveAlerts();
  const navigate = useRoute((state) => state.navigate);
  const openMachine = useRoute((state) => state.openMachine);
  const [acknowledging, setAcknowledging] = useState<Alert | null>(null);
  const unacked = useMemo(() => alerts.filter(isUnacknowledged), [alerts]);
  const counts = useMemo(() => countByPriority(unacked), [unacked]);
  // Worst and newest first (useActiveAlerts' order).
  const worst = unacked[0] ?? null;

  return (
    <div
      className={`alarm-banner${worst ? ` alarm-banner-on priority-${worst.priority}` : ''}`}
      data-testid="alarm-banner"
      data-priority={worst?.priority}
      role="region"
      aria-label="Alarms"
    >
      {worst ? (
        <>
          <span className="alarm-banner-worst" data-testid="alarm-banner-worst">
            <span className="alarm-banner-priority">
              <span aria-hidden="true">{PRIORITY_LOOK[worst.priority].glyph}</span>{' '}
              {PRIORITY_LOOK[worst.priority].label}
            </span>
            {worst.machineId ? (
              <button
                type="button"
                className="link-button alarm-banner-machine"
                onClick={() => openMachine(worst.machineId!)}
                title="Open the machine"
              >
                {worst.machineId}
              </button>
            ) : (
              <span className="alarm-banner-machine">Plant</span>
            )}
            <SimMark machineId={worst.machineId} />
            <span className="alarm-banner-message" title={worst.message}>
              {worst.message}
            </span>
          </span>
          {mayAcknowledge(user, worst) && (
            <button
              type="button"
              className="button-primary alarm-banner-ack"
              data-testid="alarm-banner-ack"
              onClick={() => setAcknowledging(worst)}
            >
              Acknowledge
            </button>
          )}
        </>
      ) : (
        <span className="alarm-banner-quiet" data-testid="alarm-banner-none">
          No unacknowledged alarms
        </span>
      )}
      <ul className="priority-counts alarm-banner-counts" aria-label="Unacknowledged per priority">
        {PRIORITIES.map((priority) => (
          <li
            key={priority}
            className={`priority-count priority-${priority}${counts[priority] === 0 ? ' priority-count-zero' : ''}`}
            data-testid={`banner-${priority}`}
            data-count={counts[priority]}
            title={`${counts[priority]} ${PRIORITY_LOOK[priority].label} unacknowledged`}
          >
            <span className="priority-glyph" aria-hidden="true">
              {PRIORITY_LOOK[priority].glyph}
            </span>
            {counts[priority]}
            <span className="visually-hidden"> {PRIORITY_LOOK[priority].label}</span>
          </li>
        ))}
      </ul>
      <button type="button" className="link-button" onClick={() => navigate('alerts')}>
        All alerts
      </button>
      <AlarmMuteButton />
      {acknowledging && (
        <AcknowledgeDialog
          alert={acknowledging}
          onDone={apply}
          onClose={() => setAcknowledging(null)}
        />
      )}
    </div>
  );
}
