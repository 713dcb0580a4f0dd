import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OeeStore } from '../../../src/backend/store/oee-store';
import { countUsageFrom } from '../../../src/backend/store/usage-since-service';
import type { MaintenanceStatus } from '../../../src/shared/contract';
import { openStoreInProcess, rawMessage, type StoreInProcess } from './support/store-in-process';

const MIN = 60_000;
const HOUR = 60 * MIN;
/** The start of the hour the checks run in: everything before it is kept between checks. */
const HOUR_START = Math.floor(Date.now() / HOUR) * HOUR - HOUR;
const SERVICE = HOUR_START - 5 * HOUR + 10 * MIN;
const NOW = HOUR_START + 40 * MIN;

/**
 * The maintenance usage (run hours and units since the last service) keeps the whole hours
 * it counted and counts only the current one at each check (store/usage-since-service.ts). It
 * must say what one count over the whole range says, in whatever order the data arrive.
 */
describe('usage since the last service', () => {
  let s: StoreInProcess;
  let counter = 0;

  const send = (kind: 'state' | 'telemetry', body: Record<string, unknown>) =>
    s.store.ingestBatch([rawMessage('L-1', 'M-1', kind, body, NOW)]);
  const reading = (atMs: number, units: number) =>
    send('telemetry', { timestamp: atMs, units_produced: units, temperature: 60 });
  const status = (nowMs: number): MaintenanceStatus =>
    s.store.maintenanceStatus(['M-1'], nowMs)[0]!;
  /** One count from the service to now, nothing kept: what the usage must equal. */
  const counted = (nowMs: number) => {
    const usage = countUsageFrom(new OeeStore(s.db))('M-1', SERVICE, nowMs, nowMs);
    return { runHours: usage.runS / 3600, units: usage.units };
  };
  const usageOf = (nowMs: number) => {
    const { runHoursSinceService, unitsSinceService } = status(nowMs);
    return { runHours: runHoursSinceService, units: unitsSinceService };
  };

  beforeEach(() => {
    s = openStoreInProcess();
    send('state', { timestamp: SERVICE - 30 * MIN, state: 'running' });
    send('state', { timestamp: HOUR_START - 3 * HOUR + 20 * MIN, state: 'idle' });
    send('state', { timestamp: HOUR_START - 2 * HOUR, state: 'running' });
    // A reading every 10 min, the counter reset once, and no reading for 85 min across the
    // start of the current hour: the delta after that gap must count, as in one whole count.
    counter = 0;
    for (let at = SERVICE - 20 * MIN; at <= HOUR_START - 70 * MIN; at += 10 * MIN) {
      counter = at === HOUR_START - 2 * HOUR - 20 * MIN ? 3 : counter + 7;
      reading(at, counter);
    }
    counter += 40;
    reading(HOUR_START + 15 * MIN, counter);
    s.store.saveMaintenancePlan(
      'M-1',
      {
        intervalRunHours: 100,
        intervalUnits: 1000,
        lastServiceAt: new Date(SERVICE).toISOString(),
      },
      { username: 'eng' },
      NOW,
    );
  });
  afterEach(() => s.close());

  it('adds the kept hours and the current one to what one count over the whole range gives', () => {
    const first = usageOf(NOW);
    expect(first).toEqual(counted(NOW));
    // The delta across the 85-minute gap is in: the counter rose 40 while nothing was read.
    expect(first.units).toBeGreaterThanOrEqual(40);
    expect(first.runHours).toBeGreaterThan(3);
    // Again in the same hour, and after the hour turned with new readings.
    expect(usageOf(NOW + 5 * MIN)).toEqual(counted(NOW + 5 * MIN));
    counter += 9;
    reading(NOW + 30 * MIN, counter);
    expect(usageOf(NOW + 35 * MIN)).toEqual(counted(NOW + 35 * MIN));
  });

  it('counts a kept hour again when late data arrive for it', () => {
    const before = usageOf(NOW);
    // A stop three hours ago, learnt late, and a counter reading from then (a redelivery after
    // an outage): both change hours that were kept.
    send('state', { timestamp: HOUR_START - 4 * HOUR, state: 'down', reason: 'jam' });
    reading(HOUR_START - 4 * HOUR + 5 * MIN, 1000);
    const after = usageOf(NOW);
    expect(after).toEqual(counted(NOW));
    expect(after.runHours).toBeLessThan(before.runHours);
    expect(after.units).toBeGreaterThan(before.units);
  });

  it('counts from the new date when the service is done', () => {
    usageOf(NOW);
    s.store.saveMaintenancePlan(
      'M-1',
      {
        intervalRunHours: 100,
        intervalUnits: 1000,
        lastServiceAt: new Date(HOUR_START - HOUR).toISOString(),
      },
      { username: 'eng' },
      NOW,
    );
    const since = countUsageFrom(new OeeStore(s.db))('M-1', HOUR_START - HOUR, NOW, NOW);
    expect(usageOf(NOW)).toEqual({ runHours: since.runS / 3600, units: since.units });
  });
});
