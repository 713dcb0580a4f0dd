/** A reading of a metric at a time. */
export interface Sample {
  atMs: number;
  value: number;
}

export interface Projection {
  /** Change per hour of the fitted line. */
  slopePerHour: number;
  /** Where the fitted line stands now. */
  current: number;
  /** When the fitted line reaches the limit; null when it is moving away or flat. */
  reachesAtMs: number | null;
}

const HOUR_MS = 3_600_000;

/**
 * Least-squares line through the samples of a sliding window, projected to the limit.
 * Needs a few samples spread over time: fewer than 5, or all at one instant, give null.
 */
export function projectCrossing(
  samples: Sample[],
  limit: number,
  nowMs: number,
): Projection | null {
  if (samples.length < 5) return null;
  const t0 = samples[0]!.atMs;
  let sumT = 0;
  let sumV = 0;
  for (const s of samples) {
    sumT += (s.atMs - t0) / HOUR_MS;
    sumV += s.value;
  }
  const meanT = sumT / samples.length;
  const meanV = sumV / samples.length;
  let covariance = 0;
  let variance = 0;
  for (const s of samples) {
    const dt = (s.atMs - t0) / HOUR_MS - meanT;
    covariance += dt * (s.value - meanV);
    variance += dt * dt;
  }
  if (variance === 0) return null;
  const slopePerHour = covariance / variance;
  const current = meanV + slopePerHour * ((nowMs - t0) / HOUR_MS - meanT);
  const towardLimit = (limit - current) * slopePerHour > 0;
  const reachesAtMs =
    current >= limit
      ? nowMs
      : towardLimit
        ? nowMs + ((limit - current) / slopePerHour) * HOUR_MS
        : null;
  return { slopePerHour, current, reachesAtMs };
}

/** "about 3 h", "about 40 min", "now": how a control room reads a projection. */
export function describeEta(fromMs: number, atMs: number): string {
  const minutes = Math.round((atMs - fromMs) / 60_000);
  if (minutes <= 0) return 'now';
  if (minutes < 90) return `about ${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `about ${hours} h`;
  return `about ${Math.round(hours / 24)} days`;
}

export type PlanStatus = 'no_plan' | 'ok' | 'due' | 'overdue';

/** Due at the interval; overdue once usage passes it by a tenth. */
export function planStatus(
  usage: { runHours: number; units: number },
  plan: { intervalRunHours: number | null; intervalUnits: number | null } | null,
): { status: PlanStatus; share: number | null } {
  if (!plan || (plan.intervalRunHours === null && plan.intervalUnits === null)) {
    return { status: 'no_plan', share: null };
  }
  const shares = [
    plan.intervalRunHours === null ? 0 : usage.runHours / plan.intervalRunHours,
    plan.intervalUnits === null ? 0 : usage.units / plan.intervalUnits,
  ];
  const share = Math.max(...shares);
  return { status: share >= 1.1 ? 'overdue' : share >= 1 ? 'due' : 'ok', share };
}
