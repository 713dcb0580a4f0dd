import { describe, expect, it } from 'vitest';
import { noteReturn } from '../../../src/backend/alerts/rules/chatter';
import { assessFlood } from '../../../src/backend/alerts/rules/flood';

describe('alert floods (more than 10 new alerts in 10 minutes on a line)', () => {
  it('begins at the 11th alert and is reported once', () => {
    let flooding = false;
    const begins: number[] = [];
    for (let count = 1; count <= 15; count++) {
      const step = assessFlood(count, flooding);
      if (step.floodBegins) begins.push(count);
      flooding = step.flooding;
    }
    expect(begins).toEqual([11]);
  });

  it('ends when the window holds 10 or fewer, so a later flood is reported again', () => {
    expect(assessFlood(10, true)).toEqual({ flooding: false, floodBegins: false });
    expect(assessFlood(11, false)).toEqual({ flooding: true, floodBegins: true });
  });
});

describe('chattering (returns to normal 3 times within a minute)', () => {
  it('begins at the third return within a minute, reported once per burst', () => {
    let returns: number[] = [];
    const begins: number[] = [];
    for (const at of [0, 10_000, 20_000, 30_000, 40_000]) {
      const step = noteReturn(returns, at);
      returns = step.recentReturnsMs;
      if (step.chatterBegins) begins.push(at);
    }
    expect(begins).toEqual([20_000]);
  });

  it('forgets returns older than a minute', () => {
    let returns: number[] = [];
    const begins: boolean[] = [];
    for (const at of [0, 30_000, 61_000, 95_000]) {
      const step = noteReturn(returns, at);
      returns = step.recentReturnsMs;
      begins.push(step.chatterBegins);
    }
    // At 61 s the return at 0 is out of the window; at 95 s only 61 s and 95 s remain.
    expect(begins).toEqual([false, false, false, false]);
  });
});
