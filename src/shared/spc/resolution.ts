/**
 * How finely the data is measured, so figures derived from it (means, control limits, bin
 * edges) are shown to what it supports: one digit more than the measurements carry, never
 * "86.6119" from values read to 0.1.
 */

/** Decimals the values carry: the fewest that write every one of them exactly (at most `max`). */
export function dataDecimals(values: readonly number[], max = 6): number {
  for (let decimals = 0; decimals < max; decimals += 1) {
    const scale = 10 ** decimals;
    const exact = values.every((value) => {
      const scaled = value * scale;
      // A float's own noise (0.1 + 0.2) is not a measured digit.
      return Math.abs(scaled - Math.round(scaled)) <= 1e-9 * Math.max(1, Math.abs(scaled));
    });
    if (exact) return decimals;
  }
  return max;
}

/** Decimals for derived figures: one more than the data's own, at most `max`. */
export function derivedDecimals(values: readonly number[], max = 6): number {
  return Math.min(max, dataDecimals(values, max) + 1);
}

/** `value` rounded to `decimals`, without trailing zeros ("86.61", "84", "0.5"). */
export function roundTo(value: number, decimals: number): string {
  const rounded = Number(value.toFixed(decimals));
  // -0 after rounding a tiny negative reads as "0".
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

/** The SPC charts' words and numbers at one resolution, so every label agrees. */
export function spcLabels(decimals: number) {
  const number = (value: number): string => roundTo(value, decimals);
  return {
    number,
    /** "UCL 86.61", "LSL 82". */
    line: (name: string, value: number): string => `${name} ${number(value)}`,
    /** A histogram bar: "82 – 83.2: 4 results". */
    bin: (from: number, to: number, count: number): string =>
      `${number(from)} – ${number(to)}: ${count} ${count === 1 ? 'result' : 'results'}`,
  };
}
