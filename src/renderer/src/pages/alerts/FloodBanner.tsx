import type { Alert } from '../../../../shared/contract';
import { FLOOD_ALERTS, floodedLines } from './alert-look';

/** Says which lines are flooding, so people look for the cause rather than ack one by one. */
export function FloodBanner({ alerts, now }: { alerts: readonly Alert[]; now: number }) {
  const flooded = [...floodedLines(alerts, now)];
  if (flooded.length === 0) return null;
  return (
    <div className="message flood-banner" role="alert" data-testid="flood-banner">
      <p>
        <span aria-hidden="true">⚠ </span>
        <strong>Alert flood</strong> ·{' '}
        {flooded.map(([line, count]) => `line ${line}: ${count} new alerts`).join(', ')} in the last
        10 minutes (more than {FLOOD_ALERTS}). Look for a common cause first.
      </p>
    </div>
  );
}
