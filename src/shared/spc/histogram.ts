/** Equal-width histogram bins; the range can be widened so spec limits fall on the axis. */

export interface Bin {
  from: number;
  to: number;
  count: number;
}

/** Square-root rule, kept between 5 and 30 bars so small and large samples both read well. */
export function defaultBinCount(count: number): number {
  return Math.min(30, Math.max(5, Math.ceil(Math.sqrt(count))));
}

/**
 * Bins over [min, max] of the values and any `include` points (spec limits). The last bin is
 * closed on the right so the maximum is counted. Empty input gives no bins.
 */
export function histogram(
  values: readonly number[],
  binCount: number = defaultBinCount(values.length),
  include: readonly number[] = [],
): Bin[] {
  if (values.length === 0 || binCount < 1) return [];
  // A loop, not Math.min(...values): spreading a quality report's million values overflows the stack.
  let min = Infinity;
  let max = -Infinity;
  for (const list of [values, include]) {
    for (const value of list) {
      if (value < min) min = value;
      if (value > max) max = value;
    }
  }
  // All values equal: give the single bar some width instead of dividing by zero.
  if (min === max) {
    min -= 0.5;
    max += 0.5;
  }
  const width = (max - min) / binCount;
  const bins: Bin[] = Array.from({ length: binCount }, (_, i) => ({
    from: min + i * width,
    to: i === binCount - 1 ? max : min + (i + 1) * width,
    count: 0,
  }));
  for (const value of values) {
    // Clamped: rounding (or a range too narrow for floating point) must not lose a value.
    const raw = Math.floor((value - min) / width) || 0;
    const index = Math.max(0, Math.min(binCount - 1, raw));
    const bin = bins[index];
    if (bin) bin.count += 1;
  }
  return bins;
}
