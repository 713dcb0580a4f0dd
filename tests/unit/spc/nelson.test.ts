import { describe, expect, it } from 'vitest';
import {
  describeHits,
  nelsonRules,
  rule1,
  rule2,
  rule3,
  rule4,
  rule5,
  rule6,
  rule7,
  rule8,
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

describe('Nelson rules 5 to 8 (mean 0, sigma 1)', () => {
  it('rule 5: two of three beyond 2 sigma on one side, not one, not on opposite sides', () => {
    expect(rule5([0, 2.5, 0, 2.1, 0, 0], 0, 1)).toEqual(range(1, 3));
    expect(rule5([0, -2.5, -2.2, 0], 0, 1)).toEqual(range(0, 3));
    expect(rule5([0, 2.5, 0, 0, 2.5, 0], 0, 1)).toEqual([]); // one in each window of three
    expect(rule5([2.5, -2.5, 0], 0, 1)).toEqual([]); // opposite sides
    expect(rule5([2, 2, 2], 0, 1)).toEqual([]); // exactly 2 sigma is not beyond
    expect(rule5([2.5, 2.5, 2.5], 0, 0)).toEqual([]);
  });

  it('rule 6: four of five beyond 1 sigma on one side, not three', () => {
    expect(rule6([1.5, 1.2, 0, 1.1, 1.9], 0, 1)).toEqual(range(0, 4));
    expect(rule6([0, -1.5, -1.5, -1.5, -1.5, 0], 0, 1)).toEqual(range(0, 5));
    expect(rule6([1.5, 1.2, 0, 0, 1.9, 0], 0, 1)).toEqual([]);
    expect(rule6([1.5, -1.5, 1.5, -1.5, 1.5], 0, 1)).toEqual([]); // both sides
  });

  it('rule 7: fifteen in a row within 1 sigma, not fourteen', () => {
    const hugging = (n: number): number[] =>
      Array.from({ length: n }, (_, i) => (i % 2 ? 0.5 : -0.5));
    expect(rule7([3, ...hugging(15), 3], 0, 1)).toEqual(range(1, 15));
    expect(rule7([3, ...hugging(14), 3], 0, 1)).toEqual([]);
    expect(rule7([...hugging(7), 1, ...hugging(7)], 0, 1)).toEqual([]); // exactly 1 sigma breaks it
    expect(rule7(Array(20).fill(0), 0, 0)).toEqual([]);
  });

  it('rule 8: eight in a row beyond 1 sigma on both sides, not seven, not all on one side', () => {
    const avoiding = (n: number): number[] =>
      Array.from({ length: n }, (_, i) => (i % 2 ? 1.5 : -1.5));
    expect(rule8([0, ...avoiding(8), 0], 0, 1)).toEqual(range(1, 8));
    expect(rule8([0, ...avoiding(7), 0], 0, 1)).toEqual([]);
    expect(rule8(Array(8).fill(1.5), 0, 1)).toEqual([]); // one side only: rules 2 and 6
    expect(rule8([...avoiding(4), 0.5, ...avoiding(4)], 0, 1)).toEqual([]);
  });

  it('all eight together, each with its rule number', () => {
    const hits = nelsonRules([0, 2.5, 2.5, 0], 0, 1);
    expect(hits.map((hit) => hit.rule)).toEqual([5]);
    expect(describeHits({ rule: 8, indexes: range(0, 7) })).toBe(
      'Rule 8: points 1–8 beyond 1 sigma on both sides (none near the mean)',
    );
  });
});
