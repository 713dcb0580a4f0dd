import {
  FLOOD_MORE_THAN,
  FLOOD_WINDOW_MINUTES,
  floodGroupLabel,
} from '../../../../shared/rules/flood';
import { useFloodingGroups } from './use-flooding-groups';

/**
 * Says which lines (or the plant-wide alerts) are flooding by the shared flood rule, so people
 * look for the cause rather than acknowledge one by one.
 */
export function FloodBanner() {
  const flooded = [...useFloodingGroups()];
  if (flooded.length === 0) return null;
  return (
    <div className="message flood-banner" role="alert" data-testid="flood-banner">
      <p>
        <span aria-hidden="true">⚠ </span>
        <strong>Alert flood</strong> ·{' '}
        {flooded
          .map(([group, count]) => `${floodGroupLabel(group)}: ${count} new alerts`)
          .join(', ')}{' '}
        in the last {FLOOD_WINDOW_MINUTES} minutes (more than {FLOOD_MORE_THAN}). Look for a common
        cause first.
      </p>
    </div>
  );
}
