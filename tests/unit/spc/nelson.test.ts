import { describe, expect, it } from 'vitest';
import {
  describeHits,
  nelsonRules,
  rule1,
  rule2,
  rule3,
  rule4,
  toRuns,
} from '../../../src/shared/spc/nelson';

const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('Nelson rules', () => {
  it('rule 1: a point beyond 3 sigma', () => {
    // |10 - 2.5| = 7.5 > 3; the others are 2.5 away.
    expect(rule1([0, 0, 0, 10], 2.5, 1)).toEqual([3]);
    expect(rule1([0, 3, -3], 0, 1)).toEqual([]); // exactly 3 sigma is not beyond
  });

  it('rule 2: nine in a row on one side, not eight', () => {
    expect(rule2([-1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -1], 0)).toEqual(range(1, 9));
    expect(rule2([-1, 1, 1, 1, 1, 1, 1, 1, 1, -1], 0)).toEqual([]);
    // A point on the mean breaks the run.
    expect(rule2([1, 1, 1, 1, 0, 1, 1, 1, 1, 1], 0)).toEqual([]);
    expect(rule2([-2, -2, -2, -2, -2, -2, -2, -2, -2, -2], 0)).toEqual(range(0, 9));
  });

  it('rule 3: six in a row steadily rising or falling, not five', () => {
    expect(rule3([5, 1, 2, 3, 4, 5, 6, 0])).toEqual(range(1, 6));
    expect(rule3([9, 8, 7, 6, 5, 4, 9])).toEqual(range(0, 5));
    expect(rule3([5, 1, 2, 3, 4, 5, 0])).toEqual([]);
    expect(rule3([1, 2, 3, 3, 4, 5, 6])).toEqual([]); // a tie breaks the trend
  });

  it('rule 4: fourteen alternating, not thirteen', () => {
    const zigzag = (n: number): number[] => Array.from({ length: n }, (_, i) => i % 2);
    expect(rule4(zigzag(14))).toEqual(range(0, 13));
    expect(rule4(zigzag(15))).toEqual(range(0, 14));
    expect(rule4(zigzag(13))).toEqual([]);
    expect(rule4([...zigzag(7), 0, ...zigzag(7)])).toEqual([]);
  });

  it('leaves out rules without hits and never fires rule 1 with zero sigma', () => {
    expect(nelsonRules([1, 1, 1], 1, 0)).toEqual([]);
    const hits = nelsonRules([-1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -1], 0, 5);
    expect(hits).toEqual([{ rule: 2, indexes: range(1, 9) }]);
  });

  it('describes hits with 1-based point numbers in runs', () => {
    expect(toRuns([1, 2, 3, 7, 9, 10])).toEqual([
      { from: 1, to: 3 },
      { from: 7, to: 7 },
      { from: 9, to: 10 },
    ]);
    expect(describeHits({ rule: 2, indexes: range(13, 21) })).toBe(
      'Rule 2: points 14–22 on one side of the mean',
    );
    expect(describeHits({ rule: 1, indexes: [4] })).toBe('Rule 1: point 5 beyond 3 sigma');
  });
});
