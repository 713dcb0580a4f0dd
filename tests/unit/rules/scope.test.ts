import { describe, expect, it } from 'vitest';
import type { Role } from '../../../src/shared/contract';
import {
  canSeeLine,
  canSeeMachine,
  canSeePlace,
  reachOf,
  recordFilterOf,
  visibleMachineIds,
} from '../../../src/shared/rules/scope';

const machines = [
  { id: 'MA1', lineId: 'LA' },
  { id: 'MA2', lineId: 'LA' },
  { id: 'MB1', lineId: 'LB' },
];
const user = (role: Role) => reachOf({ role, assignments: { lines: ['LA'], machines: ['MA1'] } });

describe('the one scope rule', () => {
  it('gives admins the plant, engineers their lines, operators their machines', () => {
    expect(visibleMachineIds(user('admin'), machines)).toBeNull();
    expect(visibleMachineIds(user('engineer'), machines)).toEqual(['MA1', 'MA2']);
    expect(visibleMachineIds(user('operator'), machines)).toEqual(['MA1']);
  });

  it('counts only the assignments the role uses', () => {
    // An engineer with a stale machine list (from a former operator role) sees no more.
    const engineer = reachOf({ role: 'engineer', assignments: { lines: [], machines: ['MB1'] } });
    expect(canSeeMachine(engineer, 'MB1', 'LB')).toBe(false);
    const operator = reachOf({ role: 'operator', assignments: { lines: ['LB'], machines: [] } });
    expect(canSeeLine(operator, 'LB')).toBe(false);
  });

  it('shows operators no line-wide data and nobody but admins unplaced items', () => {
    expect(canSeePlace(user('operator'), { lineId: 'LA', machineId: null })).toBe(false);
    expect(canSeePlace(user('operator'), { lineId: 'LA', machineId: 'MA1' })).toBe(true);
    expect(canSeePlace(user('engineer'), { lineId: 'LA', machineId: null })).toBe(true);
    expect(canSeePlace(user('engineer'), { lineId: null, machineId: null })).toBe(false);
    expect(canSeePlace(user('admin'), { lineId: null, machineId: null })).toBe(true);
  });

  it('refuses an unknown machine to line-scoped users', () => {
    expect(canSeeMachine(user('engineer'), 'NEW', undefined)).toBe(false);
  });

  it('turns the reach into the filter the store queries take', () => {
    expect(recordFilterOf(user('admin'), 'a')).toEqual({ all: true });
    expect(recordFilterOf(user('engineer'), 'e')).toEqual({
      all: false,
      username: 'e',
      lines: ['LA'],
      machines: [],
    });
  });
});
