import type { Prng } from './prng';
import { type TestStepSpec, limitToward } from './products';

/** Outside the ordinary noise, a share of units is simply bad. */
export const NORMAL_DEFECT_RATE = 0.015;

export interface MeasurementConditions {
  /** 0 = centred on nominal, 1 = centred on the limit (drift scenario). */
  driftFraction: number;
  defectRate: number;
}

/** One measured value: noise around a possibly drifted mean, or now and then a defect just past the limit. */
export function measureStep(
  step: TestStepSpec,
  prng: Prng,
  conditions: MeasurementConditions,
): number {
  const limit = limitToward(step);
  const mean = step.nominal + (limit - step.nominal) * conditions.driftFraction;
  const value = prng.chance(conditions.defectRate)
    ? limit + (limit - step.nominal) * prng.between(0.05, 0.5)
    : prng.normal(mean, step.standardDeviation);
  const rounded = Number(value.toFixed(step.decimals));
  // Only the leak rate has no lower limit, and it cannot be negative.
  return step.lower === null ? Math.max(0, rounded) : rounded;
}
