/**
 * Individuals (X) chart statistics. Sigma is estimated from the average moving range, not the
 * sample standard deviation, so a drifting process does not widen its own control limits.
 */

/** d2 for subgroups of two (consecutive points), the standard constant for moving ranges. */
export const D2 = 1.128;

export interface IndividualsStats {
  count: number;
  mean: number;
  /** Average absolute difference of consecutive points. */
  movingRangeMean: number;
  /** MR̄ / d2. */
  sigma: number;
  upperControl: number;
  lowerControl: number;
}

/** Null when there are fewer than two points: no moving range, so no sigma. */
export function individualsStats(values: readonly number[]): IndividualsStats | null {
  if (values.length < 2) return null;
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  let rangeSum = 0;
  for (let i = 1; i < values.length; i += 1) {
    rangeSum += Math.abs((values[i] ?? 0) - (values[i - 1] ?? 0));
  }
  const movingRangeMean = rangeSum / (values.length - 1);
  const sigma = movingRangeMean / D2;
  return {
    count: values.length,
    mean,
    movingRangeMean,
    sigma,
    upperControl: mean + 3 * sigma,
    lowerControl: mean - 3 * sigma,
  };
}
