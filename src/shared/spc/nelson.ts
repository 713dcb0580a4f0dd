/**
 * Nelson rules 1–8 on an individuals chart. Each rule reports every point of each window
 * that breaks it (not only the last), so the chart can mark the whole run. "Beyond" and
 * "within" are strict: a point exactly k sigma from the mean is neither.
 */

export type NelsonRule = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

export const NELSON_RULES: readonly NelsonRule[] = [1, 2, 3, 4, 5, 6, 7, 8];

export interface RuleHits {
  rule: NelsonRule;
  /** 0-based, ascending, without duplicates. */
  indexes: number[];
}

/** Window lengths of the rules as Nelson defined them. */
export const RUN_ON_ONE_SIDE = 9;
export const RUN_TRENDING = 6;
export const RUN_ALTERNATING = 14;
/** Rule 5: 2 of 3 beyond 2 sigma; rule 6: 4 of 5 beyond 1 sigma (same side). */
export const TWO_OF_THREE = { window: 3, needed: 2, sigmas: 2 } as const;
export const FOUR_OF_FIVE = { window: 5, needed: 4, sigmas: 1 } as const;
/** Rule 7: 15 in a row within 1 sigma; rule 8: 8 in a row beyond 1 sigma, both sides. */
export const RUN_HUGGING = 15;
export const RUN_AVOIDING = 8;

export const RULE_TEXT: Record<NelsonRule, string> = {
  1: 'beyond 3 sigma',
  2: 'on one side of the mean',
  3: 'steadily increasing or decreasing',
  4: 'alternating up and down',
  5: '2 of 3 beyond 2 sigma on one side',
  6: '4 of 5 beyond 1 sigma on one side',
  7: 'within 1 sigma (too little variation)',
  8: 'beyond 1 sigma on both sides (none near the mean)',
};

/** Marks every window of `length` points whose consecutive pairs all satisfy `links`. */
function windows(
  count: number,
  length: number,
  links: (index: number) => boolean,
  pairsNeeded: number,
): number[] {
  const hit = new Set<number>();
  // `run` counts the satisfied links ending at point i; a window needs `pairsNeeded` of them.
  let run = 0;
  for (let i = 1; i < count; i += 1) {
    run = links(i) ? run + 1 : 0;
    if (run >= pairsNeeded) for (let j = i - length + 1; j <= i; j += 1) hit.add(j);
  }
  return [...hit].sort((a, b) => a - b);
}

function sign(value: number): -1 | 0 | 1 {
  return value > 0 ? 1 : value < 0 ? -1 : 0;
}

/** Rule 1: a point more than 3 sigma from the mean. */
export function rule1(values: readonly number[], mean: number, sigma: number): number[] {
  const out: number[] = [];
  values.forEach((value, index) => {
    if (Math.abs(value - mean) > 3 * sigma) out.push(index);
  });
  return out;
}

/** Rule 2: nine in a row on the same side of the mean (a point on the mean breaks the run). */
export function rule2(values: readonly number[], mean: number): number[] {
  const side = values.map((value) => sign(value - mean));
  // A link means point i is on the same (non-zero) side as point i-1.
  return windows(
    values.length,
    RUN_ON_ONE_SIDE,
    (i) => side[i] !== 0 && side[i] === side[i - 1],
    RUN_ON_ONE_SIDE - 1,
  );
}

/** Rule 3: six in a row steadily increasing or steadily decreasing (ties break the run). */
export function rule3(values: readonly number[]): number[] {
  const step = (i: number): number => sign((values[i] ?? 0) - (values[i - 1] ?? 0));
  const up = windows(values.length, RUN_TRENDING, (i) => step(i) === 1, RUN_TRENDING - 1);
  const down = windows(values.length, RUN_TRENDING, (i) => step(i) === -1, RUN_TRENDING - 1);
  return [...new Set([...up, ...down])].sort((a, b) => a - b);
}

/** Rule 4: fourteen in a row alternating up and down (13 steps, each opposite the previous). */
export function rule4(values: readonly number[]): number[] {
  const step = (i: number): number => sign((values[i] ?? 0) - (values[i - 1] ?? 0));
  // Link i joins step i to step i-1; the first step has nothing to alternate with yet.
  const hit = new Set<number>();
  let run = 0;
  for (let i = 1; i < values.length; i += 1) {
    const s = step(i);
    run = s === 0 ? 0 : i >= 2 && step(i - 1) === -s ? run + 1 : 1;
    if (run >= RUN_ALTERNATING - 1)
      for (let j = i - RUN_ALTERNATING + 1; j <= i; j += 1) hit.add(j);
  }
  return [...hit].sort((a, b) => a - b);
}

/**
 * Marks every window of `length` consecutive points in which at least `needed` satisfy
 * `counts` (the whole window, as for the run rules).
 */
function someOfWindow(
  values: readonly number[],
  length: number,
  needed: number,
  counts: (value: number) => boolean,
): number[] {
  const hit = new Set<number>();
  let inWindow = 0;
  for (let i = 0; i < values.length; i += 1) {
    if (counts(values[i]!)) inWindow += 1;
    if (i >= length && counts(values[i - length]!)) inWindow -= 1;
    if (i >= length - 1 && inWindow >= needed)
      for (let j = i - length + 1; j <= i; j += 1) hit.add(j);
  }
  return [...hit].sort((a, b) => a - b);
}

/** `needed` of `window` in a row beyond `sigmas` sigma, all on the same side (rules 5, 6). */
function someBeyondOnOneSide(
  values: readonly number[],
  mean: number,
  sigma: number,
  rule: { window: number; needed: number; sigmas: number },
): number[] {
  const limit = rule.sigmas * sigma;
  const above = someOfWindow(values, rule.window, rule.needed, (v) => v - mean > limit);
  const below = someOfWindow(values, rule.window, rule.needed, (v) => mean - v > limit);
  return [...new Set([...above, ...below])].sort((a, b) => a - b);
}

/** Rule 5: two of three in a row more than 2 sigma from the mean, on the same side. */
export function rule5(values: readonly number[], mean: number, sigma: number): number[] {
  return sigma > 0 ? someBeyondOnOneSide(values, mean, sigma, TWO_OF_THREE) : [];
}

/** Rule 6: four of five in a row more than 1 sigma from the mean, on the same side. */
export function rule6(values: readonly number[], mean: number, sigma: number): number[] {
  return sigma > 0 ? someBeyondOnOneSide(values, mean, sigma, FOUR_OF_FIVE) : [];
}

/** Rule 7: fifteen in a row within 1 sigma of the mean, on either side (too little spread). */
export function rule7(values: readonly number[], mean: number, sigma: number): number[] {
  if (sigma <= 0) return [];
  return someOfWindow(values, RUN_HUGGING, RUN_HUGGING, (v) => Math.abs(v - mean) < sigma);
}

/** Rule 8: eight in a row more than 1 sigma from the mean, with points on both sides. */
export function rule8(values: readonly number[], mean: number, sigma: number): number[] {
  if (sigma <= 0) return [];
  const hit = new Set<number>();
  for (let end = RUN_AVOIDING - 1; end < values.length; end += 1) {
    const start = end - RUN_AVOIDING + 1;
    const window = values.slice(start, end + 1);
    // All on one side is rules 2 and 6; rule 8 is the mixture that avoids the centre.
    const avoidsCentre = window.every((value) => Math.abs(value - mean) > sigma);
    if (avoidsCentre && window.some((v) => v > mean) && window.some((v) => v < mean))
      for (let j = start; j <= end; j += 1) hit.add(j);
  }
  return [...hit].sort((a, b) => a - b);
}

/** Rules 1–8; a rule without hits is left out. Sigma 0 (all points equal) breaks no rule. */
export function nelsonRules(values: readonly number[], mean: number, sigma: number): RuleHits[] {
  const all: RuleHits[] = [
    { rule: 1, indexes: sigma > 0 ? rule1(values, mean, sigma) : [] },
    { rule: 2, indexes: rule2(values, mean) },
    { rule: 3, indexes: rule3(values) },
    { rule: 4, indexes: rule4(values) },
    { rule: 5, indexes: rule5(values, mean, sigma) },
    { rule: 6, indexes: rule6(values, mean, sigma) },
    { rule: 7, indexes: rule7(values, mean, sigma) },
    { rule: 8, indexes: rule8(values, mean, sigma) },
  ];
  return all.filter((hits) => hits.indexes.length > 0);
}

/** Ascending indexes grouped into contiguous runs, for "points 14–22". */
export function toRuns(indexes: readonly number[]): { from: number; to: number }[] {
  const runs: { from: number; to: number }[] = [];
  for (const index of indexes) {
    const last = runs.at(-1);
    if (last && index === last.to + 1) last.to = index;
    else runs.push({ from: index, to: index });
  }
  return runs;
}

/** "Rule 2: points 14–22 on one side of the mean", with 1-based point numbers. */
export function describeHits(hits: RuleHits): string {
  const runs = toRuns(hits.indexes).map(({ from, to }) =>
    from === to ? `${from + 1}` : `${from + 1}–${to + 1}`,
  );
  const noun = hits.indexes.length === 1 ? 'point' : 'points';
  return `Rule ${hits.rule}: ${noun} ${runs.join(', ')} ${RULE_TEXT[hits.rule]}`;
}
