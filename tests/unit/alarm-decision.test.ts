import { describe, expect, it } from 'vitest';
import type { Alert } from '../../src/shared/contract';
import {
  FRESH_ALERT_MS,
  HEARD_LIMIT,
  alertsThatRing,
} from '../../src/renderer/src/lib/alarm-decision';
import { anAlert } from '../helpers/alert-fixture';

const NOW = Date.parse('2026-11-23T10:00:00Z');

function alert(id: number, changes: Partial<Alert> = {}): Alert {
  return anAlert(id, {
    conditionKey: `threshold:M-1:temperature:high:${id}`,
    message: 'temperature 95 above high 90',
    value: 95,
    raisedAt: new Date(NOW - 1_000).toISOString(),
    ...changes,
  });
}

const ringIds = (items: Alert[], heard: ReadonlySet<number> = new Set()) =>
  alertsThatRing(items, heard, NOW).ring.map((a) => a.id);

describe('which alerts sound the alarm', () => {
  it('rings for a newly raised high or critical alert', () => {
    expect(ringIds([alert(1), alert(2, { priority: 'critical' })])).toEqual([1, 2]);
  });

  it('stays silent for medium and low priorities', () => {
    expect(ringIds([alert(1, { priority: 'medium' }), alert(2, { priority: 'low' })])).toEqual([]);
  });

  it('does not ring again when the same alert is acknowledged, returns or comes back', () => {
    const first = alertsThatRing([alert(1)], new Set(), NOW);
    expect(first.ring).toHaveLength(1);
    const acked = alert(1, { state: 'active_acked', ackedAt: new Date(NOW).toISOString() });
    const returned = alert(1, {
      state: 'returned_unacked',
      returnedAt: new Date(NOW).toISOString(),
    });
    const reRaised = alert(1, { raiseCount: 2 });
    for (const change of [acked, returned, reRaised]) {
      expect(alertsThatRing([change], first.heard, NOW).ring).toEqual([]);
    }
  });

  it('does not ring for an alert first heard of as acknowledged, shelved, out of service or cleared', () => {
    const shelvedUntil = new Date(NOW + 600_000).toISOString();
    expect(
      ringIds([
        alert(1, { state: 'active_acked' }),
        alert(2, { shelvedUntil }),
        alert(3, { outOfService: true }),
        alert(4, { state: 'cleared' }),
        alert(5, { state: 'returned_unacked' }),
      ]),
    ).toEqual([]);
  });

  it('does not ring for an old alert that reaches a screen opened later', () => {
    const old = alert(1, { raisedAt: new Date(NOW - FRESH_ALERT_MS - 1).toISOString() });
    expect(ringIds([old])).toEqual([]);
    const justFresh = alert(2, { raisedAt: new Date(NOW - FRESH_ALERT_MS).toISOString() });
    expect(ringIds([justFresh])).toEqual([2]);
  });

  it('remembers every id of a batch, loud or not, and forgets the oldest past the limit', () => {
    const heard = new Set(Array.from({ length: HEARD_LIMIT }, (_, i) => i + 1));
    const decision = alertsThatRing([alert(HEARD_LIMIT + 1, { priority: 'low' })], heard, NOW);
    expect(decision.heard.size).toBe(HEARD_LIMIT);
    expect(decision.heard.has(1)).toBe(false);
    expect(decision.heard.has(HEARD_LIMIT + 1)).toBe(true);
    // The caller's set is left alone.
    expect(heard.has(1)).toBe(true);
  });
});
