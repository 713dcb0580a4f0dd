import { describe, expect, it } from 'vitest';
import { createPrng } from '../../../simulator/model/prng';
import { createModel, run } from './drive';

const ALL_SCENARIOS = ['overheat', 'drift', 'downtime', 'bad-data', 'flood'] as const;

describe('determinism', () => {
  it('gives the identical sequence of messages for 60 virtual seconds with the same seed', () => {
    const first = run(createModel({ scenarios: ALL_SCENARIOS }), 0, 60_000);
    const second = run(createModel({ scenarios: ALL_SCENARIOS }), 0, 60_000);
    expect(first.length).toBeGreaterThan(1000);
    expect(second).toEqual(first);
  });

  it('gives a different sequence with a different seed', () => {
    const first = run(createModel({ seed: 42 }), 0, 60_000).map((message) => message.payload);
    const second = run(createModel({ seed: 43 }), 0, 60_000).map((message) => message.payload);
    expect(second).not.toEqual(first);
  });

  it('does not depend on how often the model is stepped', () => {
    const fine = run(createModel({ scenarios: ALL_SCENARIOS }), 0, 60_000, 10);
    const coarse = run(createModel({ scenarios: ALL_SCENARIOS }), 0, 60_000, 7_500);
    expect(coarse).toEqual(fine);
  });

  it('leaves the good data unchanged when bad-data is added', () => {
    const plain = run(createModel(), 0, 30_000);
    const withBadData = run(createModel({ scenarios: ['bad-data'] }), 0, 30_000).filter(
      (message) => message.malformed === undefined,
    );
    expect(withBadData).toEqual(plain);
  });

  it('has a PRNG that repeats for a seed and stays in [0, 1)', () => {
    const draws = (seed: number): number[] => {
      const prng = createPrng(seed);
      return Array.from({ length: 1000 }, () => prng.next());
    };
    expect(draws(7)).toEqual(draws(7));
    expect(draws(7)).not.toEqual(draws(8));
    expect(draws(7).every((value) => value >= 0 && value < 1)).toBe(true);
  });
});
