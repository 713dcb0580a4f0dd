interface UsageBarProps {
  label: string;
  used: number;
  interval: number | null;
  /** Formats an amount of this usage with its unit ("3 h 05 min", "1,200 units"). */
  format: (value: number) => string;
}

/** Usage since the last service against the interval; the bar turns amber at 90 %, red at 100 %. */
export function UsageBar({ label, used, interval, format }: UsageBarProps) {
  if (interval === null) {
    return (
      <div className="usage">
        <span className="usage-text">
          {label}: {format(used)} <span className="muted">(no interval)</span>
        </span>
      </div>
    );
  }
  const share = used / interval;
  const percent = Math.round(share * 100);
  const tone = share >= 1 ? 'danger' : share >= 0.9 ? 'warn' : 'ok';
  return (
    <div className="usage">
      <span className="usage-text">
        {label}: {format(used)} of {format(interval)}{' '}
        <span className={`tone-${tone}`}>({percent} %)</span>
      </span>
      <div
        className={`usage-bar usage-${tone}`}
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.min(percent, 100)}
        aria-label={`${label} used: ${percent} % of the interval`}
      >
        <div className="usage-fill" style={{ width: `${Math.min(share, 1) * 100}%` }} />
      </div>
    </div>
  );
}
