/**
 * What the simulated test stations measure. Limits sit about 3.3 standard deviations from the
 * nominal, so ordinary noise fails roughly 1 unit in 1,000; the defect rate adds the rest.
 */
export interface TestStepSpec {
  name: string;
  unit: string;
  nominal: number;
  standardDeviation: number;
  /** Null for a limit open on one side (a leak rate has no lower limit). */
  lower: number | null;
  upper: number | null;
  decimals: number;
}

export interface ProductSpec {
  productId: string;
  steps: readonly TestStepSpec[];
}

export const PRODUCTS: readonly ProductSpec[] = [
  {
    productId: 'PROD-A',
    steps: [
      {
        name: 'voltage_test',
        unit: 'V',
        nominal: 85,
        standardDeviation: 1.5,
        lower: 80,
        upper: 90,
        decimals: 2,
      },
      {
        name: 'leak_test',
        unit: 'mbar/min',
        nominal: 0.4,
        standardDeviation: 0.18,
        lower: null,
        upper: 1,
        decimals: 3,
      },
      {
        name: 'torque_test',
        unit: 'Nm',
        nominal: 12,
        standardDeviation: 0.6,
        lower: 10,
        upper: 14,
        decimals: 2,
      },
    ],
  },
  {
    productId: 'PROD-B',
    steps: [
      {
        name: 'voltage_test',
        unit: 'V',
        nominal: 85,
        standardDeviation: 1.5,
        lower: 80,
        upper: 90,
        decimals: 2,
      },
      {
        name: 'leak_test',
        unit: 'mbar/min',
        nominal: 0.3,
        standardDeviation: 0.2,
        lower: null,
        upper: 1,
        decimals: 3,
      },
      {
        name: 'resistance_test',
        unit: 'ohm',
        nominal: 47,
        standardDeviation: 0.6,
        lower: 45,
        upper: 49,
        decimals: 2,
      },
      {
        name: 'weight_check',
        unit: 'g',
        nominal: 250,
        standardDeviation: 1.5,
        lower: 245,
        upper: 255,
        decimals: 1,
      },
    ],
  },
];

/** The edge of the limits a drifting or defective value heads for: the upper one when it exists. */
export function limitToward(step: TestStepSpec): number {
  return step.upper ?? step.lower ?? step.nominal + 5 * step.standardDeviation;
}

export function isWithinLimits(step: TestStepSpec, value: number): boolean {
  return (
    (step.lower === null || value >= step.lower) && (step.upper === null || value <= step.upper)
  );
}
