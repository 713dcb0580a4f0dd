import type { HandoverItem } from '../../../../shared/contract';
import { formatDateTime } from '../../lib/time';
import { ITEM_KINDS } from './handover-look';

/** What is open, grouped by kind; "nothing open" is said, not left blank. */
export function OpenItems({ items }: { items: readonly HandoverItem[] }) {
  if (items.length === 0) return <p className="muted">Nothing is open on this line.</p>;
  return (
    <div className="handover-items" data-testid="handover-items">
      {ITEM_KINDS.map(({ kind, title, glyph }) => {
        const ofKind = items.filter((item) => item.kind === kind);
        if (ofKind.length === 0) return null;
        return (
          <section key={kind} aria-label={title} data-kind={kind}>
            <h4>
              <span aria-hidden="true">{glyph}</span> {title} ({ofKind.length})
            </h4>
            <ul>
              {ofKind.map((item, index) => (
                <li key={`${kind}-${index}`}>
                  <span className="handover-item-text" title={item.text}>
                    {item.text}
                  </span>
                  {item.since && (
                    <span className="muted"> · since {formatDateTime(item.since)}</span>
                  )}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
