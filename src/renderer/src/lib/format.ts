/** Number and duration formatting shared by the live pages; '—' always means "no value". */

const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 3 });

export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : integer.format(value);
}

export function formatNumber(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : decimal.format(value);
}

export function formatTemperature(value: number | null): string {
  return value === null ? '—' : `${value.toFixed(1)} °C`;
}

/** A ratio (0..1) as a whole percentage; null means "not computable" (e.g. nothing planned). */
export function formatPercent(ratio: number | null | undefined): string {
  return ratio === null || ratio === undefined ? '—' : `${(ratio * 100).toFixed(1)} %`;
}

/** "45 s", "12 min", "3 h 05 min", "2 d 4 h": short enough to read from across the room. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/** Seconds from an ISO time to now; null when there is no time. */
export function secondsSince(iso: string | null, nowMs: number): number | null {
  if (!iso) return null;
  const at = Date.parse(iso);
  return Number.isNaN(at) ? null : Math.max(0, (nowMs - at) / 1000);
}

export function formatAgo(iso: string | null, nowMs: number): string {
  const seconds = secondsSince(iso, nowMs);
  return seconds === null ? 'never' : `${formatDuration(seconds)} ago`;
}
