/** Spec limits in force for one product and test step; either side may be open (null). */
export interface SpecLimits {
  id: number;
  lower: number | null;
  upper: number | null;
}

export type Verdict = 'PASS' | 'FAIL' | 'NO_SPEC';

/** PASS when lower <= value <= upper (open sides always hold), FAIL otherwise, NO_SPEC without limits. */
export function judge(value: number, limits: SpecLimits | null): Verdict {
  if (!limits) return 'NO_SPEC';
  if (limits.lower !== null && value < limits.lower) return 'FAIL';
  if (limits.upper !== null && value > limits.upper) return 'FAIL';
  return 'PASS';
}
