import { describe, expect, it } from 'vitest';
import {
  AlertEvaluator,
  type ConditionLedger,
  type PlantFacts,
} from '../../../src/backend/alerts/alert-evaluator';
import type { Condition } from '../../../src/backend/alerts/rules/conditions';
import type { LimitWatch } from '../../../src/backend/alerts/rules/limit-watch';
import type { ParsedMessage } from '../../../src/backend/ingest/protocol';

/** An in-memory ledger that records what the evaluator asked for. */
class FakeLedger implements ConditionLedger {
  readonly watches = new Map<string, LimitWatch>();
  readonly log: string[] = [];
  watchOf(key: string): LimitWatch {
    return this.watches.get(key) ?? { active: false, pendingSinceMs: null };
  }
  setPending(key: string, pendingSinceMs: number | null): void {
    this.watches.set(key, { ...this.watchOf(key), pendingSinceMs });
  }
  isActive(key: string): boolean {
    return this.watchOf(key).active;
  }
  raise(condition: Condition): void {
    if (this.isActive(condition.key)) return;
    this.watches.set(condition.key, { active: true, pendingSinceMs: null });
    this.log.push(`raise ${condition.key} ${condition.priority}`);
  }
  returnToNormal(key: string): void {
    if (!this.isActive(key)) return;
    this.watches.set(key, { active: false, pendingSinceMs: null });
    this.log.push(`return ${key}`);
  }
}

const place = { lineId: 'L-1', machineId: 'M-1' };
const telemetry = (temperature: number, atS: number): ParsedMessage => ({
  kind: 'telemetry',
  ...place,
  timestampMs: atS * 1000,
  temperature,
  extras: { vibration: temperature / 10 },
});

function setup(verdicts: ('PASS' | 'FAIL')[] = [], specFromMs = Infinity) {
  const ledger = new FakeLedger();
  const facts: PlantFacts = {
    thresholdsOf: () => [
      {
        metric: 'temperature',
        highHigh: 95,
        high: 80,
        low: null,
        lowLow: null,
        deadband: 2,
        onDelayS: 5,
      },
      {
        metric: 'vibration',
        highHigh: null,
        high: 9,
        low: null,
        lowLow: null,
        deadband: 0,
        onDelayS: 0,
      },
    ],
    recentVerdicts: () => verdicts,
    lineOf: () => 'L-1',
    specInForce: (_product, _step, atMs) => atMs >= specFromMs,
  };
  return { ledger, evaluator: new AlertEvaluator(ledger, facts) };
}

describe('the alert evaluator', () => {
  it('raises one threshold alert after the on-delay, not one per message, and returns by the deadband', () => {
    const { ledger, evaluator } = setup();
    for (const [value, at] of [
      [85, 0],
      [86, 2],
      [87, 5],
      [88, 6],
      [79, 7],
      [77, 8],
    ] as const) {
      evaluator.stored(telemetry(value, at), at * 1000);
    }
    expect(ledger.log).toEqual([
      'raise threshold:M-1:temperature:high medium',
      'return threshold:M-1:temperature:high',
    ]);
  });

  it('watches extra metrics too', () => {
    const { ledger, evaluator } = setup();
    evaluator.stored(telemetry(95.5, 0), 0);
    expect(ledger.log).toContain('raise threshold:M-1:vibration:high medium');
  });

  it('raises downtime on down, returns it on running; offline on the last will, back when it speaks', () => {
    const { ledger, evaluator } = setup();
    const state = (s: 'down' | 'running' | 'offline'): ParsedMessage => ({
      kind: 'state',
      ...place,
      timestampMs: 1,
      state: s,
    });
    evaluator.stored(state('down'), 1);
    evaluator.stored(state('running'), 2);
    evaluator.stored(state('offline'), 3);
    evaluator.stored(telemetry(20, 4), 4);
    expect(ledger.log).toEqual([
      'raise downtime:M-1 high',
      'return downtime:M-1',
      'raise offline:M-1 high',
      'return offline:M-1',
    ]);
  });

  it('raises the FAIL rate and NO_SPEC alerts from test results', () => {
    const { ledger, evaluator } = setup([
      ...Array<'FAIL'>(7).fill('FAIL'),
      ...Array<'PASS'>(13).fill('PASS'),
    ]);
    const test: ParsedMessage = {
      kind: 'test',
      ...place,
      barcode: 'SN-1',
      productId: 'PROD-A',
      testStep: 'voltage',
      measuredValue: 1,
      timestampMs: 1,
    };
    evaluator.stored(test, 1, 'FAIL');
    evaluator.stored(test, 2, 'NO_SPEC');
    expect(ledger.log).toEqual(['raise fail_rate:M-1 medium', 'raise no_spec:PROD-A:voltage low']);
  });

  it('does not raise NO_SPEC for a result stamped before limits in force by the time it arrives, and clears it when results are judged', () => {
    const { ledger, evaluator } = setup([], 100);
    const test = (timestampMs: number): ParsedMessage => ({
      kind: 'test',
      ...place,
      barcode: 'SN-1',
      productId: 'PROD-A',
      testStep: 'voltage',
      measuredValue: 1,
      timestampMs,
    });
    // Before the limits (valid from 100): a real absence.
    evaluator.stored(test(50), 60, 'NO_SPEC');
    // Stamped before them, received after they were saved: judged NO_SPEC, not an absence.
    ledger.watches.clear();
    evaluator.stored(test(99), 101, 'NO_SPEC');
    expect(ledger.log).toEqual(['raise no_spec:PROD-A:voltage low']);
    // Raised earlier (say the limits' start was later than their save): judged results clear it.
    ledger.raise({ key: 'no_spec:PROD-A:voltage' } as Condition);
    evaluator.stored(test(150), 151, 'PASS');
    evaluator.batchDone(0, 152);
    expect(ledger.log.at(-1)).toBe('return no_spec:PROD-A:voltage');
    expect(ledger.isActive('no_spec:PROD-A:voltage')).toBe(false);
  });

  it('raises a dead-letter spike above 20 a minute and returns when the minute has passed', () => {
    const { ledger, evaluator } = setup();
    evaluator.batchDone(15, 0);
    evaluator.batchDone(6, 1000);
    evaluator.batchDone(0, 62_000);
    expect(ledger.log).toEqual(['raise dead_letters medium', 'return dead_letters']);
  });
});
