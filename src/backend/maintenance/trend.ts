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
 * What a least-squares line needs of a window's samples: their count and sums, with time in
 * hours after `originMs`. The store sums them in SQL (one row per machine, not hundreds of
 * samples handed to JavaScript each minute); `projectCrossing` sums an array of samples.
 */
export interface TrendSums {
  count: number;
  originMs: number;
  sumT: number;
  sumV: number;
  sumTT: number;
  sumTV: number;
  sumVV: number;
}

export function trendSums(samples: readonly Sample[]): TrendSums {
  // The earliest reading is the origin, in whatever order they come.
  let originMs = samples.length > 0 ? Infinity : 0;
  for (const s of samples) if (s.atMs < originMs) originMs = s.atMs;
  const sums = { count: samples.length, originMs, sumT: 0, sumV: 0, sumTT: 0, sumTV: 0, sumVV: 0 };
  for (const s of samples) {
    const t = (s.atMs - originMs) / HOUR_MS;
    sums.sumT += t;
    sums.sumV += s.value;
    sums.sumTT += t * t;
    sums.sumTV += t * s.value;
    sums.sumVV += s.value * s.value;
  }
  return sums;
}

/**
 * Least-squares line through the samples of a sliding window, projected to the limit.
 * Needs a few samples spread over time: fewer than 5, all at one instant, or a line that fits
 * them poorly (R² below MIN_FIT_R_SQUARED) give null.
 */
export function projectCrossing(
  samples: readonly Sample[],
  limit: number,
  nowMs: number,
): Projection | null {
  return projectFromSums(trendSums(samples), limit, nowMs);
}

/** The same projection from the window's sums. */
export function projectFromSums(sums: TrendSums, limit: number, nowMs: number): Projection | null {
  const { count } = sums;
  if (count < 5) return null;
  const meanT = sums.sumT / count;
  const meanV = sums.sumV / count;
  // Sums of squares about the means; a window all at one instant has no spread in time.
  const variance = sums.sumTT - count * meanT * meanT;
  const covariance = sums.sumTV - count * meanT * meanV;
  const spread = sums.sumVV - count * meanV * meanV;
  if (!(variance > 1e-12)) return null;
  const slopePerHour = covariance / variance;
  // R² of a least-squares line with an intercept: the share of the readings' variation it
  // explains. Readings that do not vary at all are fitted exactly by a flat line.
  const rSquared = spread > 1e-9 ? Math.min(1, (covariance * covariance) / (variance * spread)) : 1;
  if (rSquared < MIN_FIT_R_SQUARED) return null;
  const current = meanV + slopePerHour * ((nowMs - sums.originMs) / HOUR_MS - meanT);
  const towardLimit = (limit - current) * slopePerHour > 0;
  const reachesAtMs =
    current >= limit
      ? nowMs
      : towardLimit
        ? nowMs + ((limit - current) / slopePerHour) * HOUR_MS
        : null;
  return { slopePerHour, current, reachesAtMs, rSquared };
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
