/**
 * Process capability from spec limits and the individuals-chart sigma (within-process
 * variation). Either limit may be open: Cpk then uses the side that exists; Cp needs both.
 */

export interface SpecLimits {
  lower: number | null;
  upper: number | null;
}

export interface Capability {
  cp: number | null;
  cpk: number | null;
}

/** Null where not computable: no sigma (or zero), or the limits Cp/Cpk need are missing. */
export function capability(
  mean: number | null,
  sigma: number | null,
  limits: SpecLimits,
): Capability {
  if (mean === null || sigma === null || !(sigma > 0)) return { cp: null, cpk: null };
  const { lower, upper } = limits;
  const cp = lower !== null && upper !== null ? (upper - lower) / (6 * sigma) : null;
  const sides: number[] = [];
  if (upper !== null) sides.push((upper - mean) / (3 * sigma));
  if (lower !== null) sides.push((mean - lower) / (3 * sigma));
  return { cp, cpk: sides.length > 0 ? Math.min(...sides) : null };
}
