import { useSharedClock } from '../../hooks/use-shared-clock';
import { formatAgo, formatDuration, secondsSince } from '../../lib/format';

/** "for 3 min": how long a machine has been in its state; re-renders alone, once a second. */
export function TimeInState({ since }: { since: string | null }) {
  const seconds = secondsSince(since, useSharedClock());
  return <>{seconds === null ? '' : `for ${formatDuration(seconds)}`}</>;
}

/** "Last seen 2 s ago"; re-renders alone, once a second. */
export function LastSeen({ at }: { at: string | null }) {
  return <>{`Last seen ${formatAgo(at, useSharedClock())}`}</>;
}
