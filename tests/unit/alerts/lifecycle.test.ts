import { describe, expect, it } from 'vitest';
import {
  isSuppressed,
  nextAlertState,
  type AlertAction,
  type AlertStateOrNone,
} from '../../../src/backend/alerts/rules/lifecycle';

const states: AlertStateOrNone[] = [
  'none',
  'active_unacked',
  'active_acked',
  'returned_unacked',
  'cleared',
];
const actions: AlertAction[] = ['raise', 'return', 'acknowledge', 'resolve'];

/** The whole ISA-18.2 table as the brief states it; null: the action does not apply. */
const expected: Record<AlertStateOrNone, Record<AlertAction, string | null>> = {
  none: { raise: 'active_unacked', return: null, acknowledge: null, resolve: null },
  active_unacked: {
    raise: null,
    return: 'returned_unacked',
    acknowledge: 'active_acked',
    resolve: 'cleared',
  },
  active_acked: { raise: null, return: 'cleared', acknowledge: null, resolve: 'cleared' },
  returned_unacked: {
    raise: 'active_unacked',
    return: null,
    acknowledge: 'cleared',
    resolve: 'cleared',
  },
  cleared: { raise: null, return: null, acknowledge: null, resolve: null },
};

describe('the ISA-18.2 alert state machine', () => {
  const table = states.flatMap((state) =>
    actions.map((action) => ({ state, action, next: expected[state][action] })),
  );

  it.each(table)('$state + $action → $next', ({ state, action, next }) => {
    expect(nextAlertState(state, action)).toBe(next);
  });

  it('needs an acknowledgement and a return to clear, in either order', () => {
    const ackFirst = nextAlertState(nextAlertState('active_unacked', 'acknowledge')!, 'return');
    const returnFirst = nextAlertState(nextAlertState('active_unacked', 'return')!, 'acknowledge');
    expect([ackFirst, returnFirst]).toEqual(['cleared', 'cleared']);
  });
});

describe('suppression (shelving and out of service are not states)', () => {
  it('hides a shelved alert until its expiry, and an out-of-service one always', () => {
    expect(isSuppressed({ shelvedUntilMs: 2000, outOfService: false }, 1000)).toBe(true);
    expect(isSuppressed({ shelvedUntilMs: 2000, outOfService: false }, 2000)).toBe(false);
    expect(isSuppressed({ shelvedUntilMs: null, outOfService: false }, 0)).toBe(false);
    expect(isSuppressed({ shelvedUntilMs: null, outOfService: true }, 0)).toBe(true);
  });
});
