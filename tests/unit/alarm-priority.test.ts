import { describe, expect, it } from 'vitest';
import type { Alert } from '../../src/shared/contract';
import { machineAlarmsOf } from '../../src/renderer/src/lib/machine-alarms';
import {
  byPriorityThenAge,
  countByPriority,
  PRIORITIES,
  PRIORITY_LOOK,
  thresholdMetricOf,
} from '../../src/renderer/src/lib/alarm-priority';
import { anAlert } from '../helpers/alert-fixture';

let nextId = 1;
function alert(fields: Partial<Alert>): Alert {
  const id = nextId++;
  return anAlert(id, {
    conditionKey: `downtime:${fields.machineId ?? 'M-1'}`,
    source: 'downtime',
    priority: 'medium',
    ...fields,
  });
}

describe('the alarm priority look', () => {
  it('gives every priority its own shape and word', () => {
    const glyphs = PRIORITIES.map((priority) => PRIORITY_LOOK[priority].glyph);
    expect(new Set(glyphs).size).toBe(PRIORITIES.length);
    expect(PRIORITIES.map((priority) => PRIORITY_LOOK[priority].rank)).toEqual([0, 1, 2, 3]);
  });

  it('reads the metric of a threshold alert from its condition key, and none of others', () => {
    const key = 'threshold:M-1:temperature:high_high';
    expect(thresholdMetricOf({ source: 'threshold', conditionKey: key })).toBe('temperature');
    expect(thresholdMetricOf({ source: 'downtime', conditionKey: 'downtime:M-1' })).toBeNull();
  });

  it('counts per priority and sorts worst, then newest, first', () => {
    const low = alert({ priority: 'low' });
    const oldHigh = alert({ priority: 'high', raisedAt: '2026-01-01T09:00:00.000Z' });
    const newHigh = alert({ priority: 'high', raisedAt: '2026-01-01T11:00:00.000Z' });
    expect([low, oldHigh, newHigh].sort(byPriorityThenAge)).toEqual([newHigh, oldHigh, low]);
    expect(countByPriority([low, oldHigh, newHigh])).toEqual({
      critical: 0,
      high: 2,
      medium: 0,
      low: 1,
    });
  });
});

describe('a machine’s alarms for its tile', () => {
  it('takes the worst unacknowledged alarm and the metrics beyond a limit', () => {
    const acked = alert({ priority: 'critical', state: 'active_acked' });
    const high = alert({
      priority: 'high',
      source: 'threshold',
      conditionKey: 'threshold:M-1:temperature:high_high',
    });
    const medium = alert({ priority: 'medium' });
    const other = alert({ machineId: 'M-2', priority: 'low' });
    const plant = alert({ machineId: null, lineId: null, priority: 'critical' });
    const byMachine = machineAlarmsOf([acked, high, medium, other, plant].sort(byPriorityThenAge));
    const m1 = byMachine.get('M-1');
    expect(m1?.count).toBe(3);
    expect(m1?.unacked).toBe(2);
    // An acknowledged critical does not colour the tile: the worst unacknowledged one does.
    expect(m1?.worstUnacked?.id).toBe(high.id);
    expect([...(m1?.metricsInAlarm ?? [])]).toEqual(['temperature']);
    expect(byMachine.get('M-2')?.worstUnacked?.id).toBe(other.id);
    expect(byMachine.size).toBe(2);
  });
});
