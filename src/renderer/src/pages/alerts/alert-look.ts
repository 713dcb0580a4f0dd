import type { AlertState } from '../../../../shared/contract';

// The priority look is shared by every screen (tiles, banner, tables): it lives in lib.
export {
  PRIORITY_LOOK,
  PRIORITIES,
  isUnacknowledged,
  byPriorityThenAge,
} from '../../lib/alarm-priority';

export const STATE_LABEL: Record<AlertState, string> = {
  active_unacked: 'Active, unacknowledged',
  active_acked: 'Acknowledged',
  returned_unacked: 'Returned, unacknowledged',
  cleared: 'Cleared',
};
