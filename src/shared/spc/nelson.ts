/**
 * Nelson rules 1–4 on an individuals chart. Each rule reports every point of each window
 * that breaks it (not only the last), so the chart can mark the whole run.
 */

export type NelsonRule = 1 | 2 | 3 | 4;

export interface RuleHits {
  rule: NelsonRule;
  /** 0-based, ascending, without duplicates. */
  indexes: number[];
}

/** Window lengths of the rules as Nelson defined them. */
export const RUN_ON_ONE_SIDE = 9;
export const RUN_TRENDING = 6;
export const RUN_ALTERNATING = 14;

export const RULE_TEXT: Record<NelsonRule, string> = {
  1: 'beyond 3 sigma',
  2: 'on one side of the mean',
  3: 'steadily increasing or decreasing',
  4: 'alternating up and down',
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

/** Rules 1–4; a rule without hits is left out. Sigma 0 (all points equal) breaks no rule. */
export function nelsonRules(values: readonly number[], mean: number, sigma: number): RuleHits[] {
  const all: RuleHits[] = [
    { rule: 1, indexes: sigma > 0 ? rule1(values, mean, sigma) : [] },
    { rule: 2, indexes: rule2(values, mean) },
    { rule: 3, indexes: rule3(values) },
    { rule: 4, indexes: rule4(values) },
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
