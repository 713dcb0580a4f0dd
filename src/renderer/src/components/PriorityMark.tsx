import type { AlertPriority } from '../../../shared/contract';
import { PRIORITY_LOOK } from '../lib/alarm-priority';
import './alarm-look.css';

/** A priority's shape (and, unless `glyphOnly`, its word), in its colour. */
export function PriorityMark({
  priority,
  glyphOnly = false,
}: {
  priority: AlertPriority;
  glyphOnly?: boolean;
}) {
  const look = PRIORITY_LOOK[priority];
  return (
    <span
      className={`priority-mark priority-${priority}`}
      data-priority={priority}
      title={glyphOnly ? look.label : undefined}
    >
      <span className="priority-glyph" aria-hidden="true">
        {look.glyph}
      </span>
      {glyphOnly ? <span className="visually-hidden">{look.label}</span> : look.label}
    </span>
  );
}
