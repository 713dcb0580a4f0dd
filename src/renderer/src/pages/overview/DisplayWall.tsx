import { useMachineAlarms } from '../../hooks/use-active-alert-counts';
import { useMachineRates } from '../../hooks/use-machine-rates';
import { useMachineSnapshots } from '../../hooks/use-machine-snapshots';
import { useNow } from '../../hooks/use-now';
import { logout } from '../../lib/logout';
import { useAudibleAlarm } from '../../hooks/use-audible-alarm';
import './wall.css';
import { WallView } from './WallView';

/**
 * A wall display session's only screen: the wall view, for good. It never idle-locks and
 * may only look (the backend refuses anything else), so there is nothing here to act with;
 * "End display session" logs the screen out.
 */
export function DisplayWall({ screen }: { screen: string }) {
  const { machines } = useMachineSnapshots();
  const { alerts, byMachine } = useMachineAlarms();
  const rates = useMachineRates();
  const now = useNow();
  useAudibleAlarm();
  return (
    <WallView
      machines={machines}
      alerts={alerts}
      alarms={byMachine}
      rates={rates}
      nowMs={now}
      onLeave={() => void logout()}
      display={screen}
    />
  );
}
