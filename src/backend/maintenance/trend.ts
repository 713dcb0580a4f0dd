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
  /** How well the line fits the samples (R², 0–1; 1 for samples that do not vary at all). */
  rSquared: number;
}

const HOUR_MS = 3_600_000;
/**
 * Below this R² the line explains too little of the readings (noise, a step, a reset) for any
 * projection to mean something: nothing is shown rather than "falling at −304.4 °C/h".
 */
export const MIN_FIT_R_SQUARED = 0.5;
/** A slope smaller than this (°C/h) reads as steady. */
const STEADY_PER_HOUR = 0.05;

/**
 * Least-squares line through the samples of a sliding window, projected to the limit.
 * Needs a few samples spread over time: fewer than 5, all at one instant, or a line that fits
 * them poorly (R² below MIN_FIT_R_SQUARED) give null.
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
  const rSquared = fitQuality(samples, t0, meanT, meanV, slopePerHour);
  if (rSquared < MIN_FIT_R_SQUARED) return null;
  const current = meanV + slopePerHour * ((nowMs - t0) / HOUR_MS - meanT);
  const towardLimit = (limit - current) * slopePerHour > 0;
  const reachesAtMs =
    current >= limit
      ? nowMs
      : towardLimit
        ? nowMs + ((limit - current) / slopePerHour) * HOUR_MS
        : null;
  return { slopePerHour, current, reachesAtMs, rSquared };
}

/** R² of the fitted line: the share of the readings' variation the line explains. */
function fitQuality(
  samples: Sample[],
  t0: number,
  meanT: number,
  meanV: number,
  slopePerHour: number,
): number {
  let residual = 0;
  let total = 0;
  for (const s of samples) {
    const fitted = meanV + slopePerHour * ((s.atMs - t0) / HOUR_MS - meanT);
    residual += (s.value - fitted) ** 2;
    total += (s.value - meanV) ** 2;
  }
  // Readings that do not vary at all are fitted exactly by a flat line.
  return total === 0 ? 1 : 1 - residual / total;
}

/**
 * The projection as words after the metric ("Temperature of M-1 …"): "reaches 90 °C in about
 * 20 min", "is at 90 °C or above now", "is steady" or "is falling (−3.2 °C/h)".
 */
export function describeProjection(projection: Projection, limit: number, nowMs: number): string {
  const { reachesAtMs, slopePerHour } = projection;
  if (reachesAtMs !== null && reachesAtMs <= nowMs) return `is at ${limit} °C or above now`;
  if (reachesAtMs !== null) {
    const eta = describeEta(nowMs, reachesAtMs);
    // Less than a minute away rounds to "now": say it plainly rather than "in now".
    return eta === 'now' ? `reaches ${limit} °C within a minute` : `reaches ${limit} °C in ${eta}`;
  }
  if (Math.abs(slopePerHour) < STEADY_PER_HOUR) return 'is steady';
  const rate = `${Math.abs(slopePerHour).toFixed(1)} °C/h`;
  return slopePerHour < 0 ? `is falling (−${rate})` : `is rising (+${rate})`;
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
