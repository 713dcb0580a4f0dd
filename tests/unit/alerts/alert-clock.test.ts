import { describe, expect, it } from 'vitest';
import { AlertClock } from '../../../src/backend/alerts/alert-clock';
import type { StoreClient } from '../../../src/backend/store/store-client';

function setup() {
  let nowMs = 1_000_000;
  const calls: string[] = [];
  const store = {
    expireAlertShelves: async () => 0,
    brokerConnection: async (lost: boolean) => {
      calls.push(lost ? 'raise' : 'clear');
    },
  } as unknown as StoreClient;
  const clock = new AlertClock(
    store,
    () => nowMs,
    () => undefined,
  );
  return { clock, calls, advance: (ms: number) => (nowMs += ms) };
}

describe('the broker-lost alert', () => {
  it('is raised only after the connection has been lost for more than 10 s, once', async () => {
    const { clock, calls, advance } = setup();
    clock.brokerState('reconnecting', 'mqtt://broker', 'connection refused');
    advance(10_000);
    await clock.tick();
    expect(calls).toEqual([]);
    advance(1);
    await clock.tick();
    await clock.tick();
    expect(calls).toEqual(['raise']);
    clock.brokerState('connected', 'mqtt://broker', '');
    await Promise.resolve();
    expect(calls).toEqual(['raise', 'clear']);
  });

  it('is not raised for a blip that reconnects within the grace, nor for a deliberate stop', async () => {
    const { clock, calls, advance } = setup();
    clock.brokerState('reconnecting', 'mqtt://broker', '');
    advance(5_000);
    clock.brokerState('connected', 'mqtt://broker', '');
    clock.brokerState('stopped', 'mqtt://broker', '');
    advance(60_000);
    await clock.tick();
    expect(calls).toEqual(['clear']);
  });
});
