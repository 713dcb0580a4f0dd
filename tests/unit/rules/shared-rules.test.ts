import { describe, expect, it } from 'vitest';
import { brokerSettingsFromEnv } from '../../../src/backend/ingest/broker/broker-settings';
import { parseScenarioList } from '../../../simulator/model';
import { methods, SimulatorScenario } from '../../../src/shared/contract';
import { BrokerConnection } from '../../../src/shared/rules/broker-connection';
import { MAX_SHELVE_MINUTES, shelveEnd } from '../../../src/shared/rules/shelving';
import { SCENARIO_NAMES } from '../../../src/shared/rules/simulator-scenarios';

const NOW = Date.parse('2026-11-20T12:00:00Z');

describe('the shelving limit (one rule for the contract, the backend and the dialog)', () => {
  it('takes minutes or an end time up to 24 hours ahead', () => {
    expect(shelveEnd({ minutes: 30 }, NOW)).toEqual({ untilMs: NOW + 30 * 60_000 });
    const until = new Date(NOW + MAX_SHELVE_MINUTES * 60_000).toISOString();
    expect(shelveEnd({ until }, NOW)).toEqual({ untilMs: NOW + MAX_SHELVE_MINUTES * 60_000 });
  });

  it('refuses an end in the past or more than 24 hours ahead, saying why', () => {
    expect(shelveEnd({ until: new Date(NOW).toISOString() }, NOW)).toEqual({
      problem: 'until must be in the future',
    });
    expect(shelveEnd({ minutes: MAX_SHELVE_MINUTES + 1 }, NOW)).toEqual({
      problem: 'an alert may be shelved for at most 24 hours',
    });
  });

  it('is the limit the contract checks', () => {
    const input = methods['alerts.shelve'].input;
    expect(input.safeParse({ id: 1, reason: 'x', minutes: MAX_SHELVE_MINUTES }).success).toBe(true);
    expect(input.safeParse({ id: 1, reason: 'x', minutes: MAX_SHELVE_MINUTES + 1 }).success).toBe(
      false,
    );
  });
});

describe('the simulator scenario names (one list)', () => {
  it('the contract and the simulator command line accept exactly the same names', () => {
    expect(SimulatorScenario.options).toEqual(SCENARIO_NAMES);
    expect(parseScenarioList(SCENARIO_NAMES.join(','))).toEqual(SCENARIO_NAMES);
    expect(() => parseScenarioList('flood,meteor')).toThrow(/unknown scenario meteor/);
  });
});

describe('the broker connection settings (one shape)', () => {
  it('the admin page, the command line and the environment are checked alike', () => {
    const admin = methods['broker.save'].input;
    for (const url of ['mqtt://', 'http://broker:1883']) {
      expect(admin.safeParse({ url }).success, url).toBe(false);
      expect(() => brokerSettingsFromEnv({}, url), url).toThrow(/mqtt:\/\//);
    }
    expect(admin).toBe(BrokerConnection);
    expect(brokerSettingsFromEnv({ LINEWATCH_BROKER_CA: 'ca.pem' }, 'mqtts://b:8883')).toEqual({
      url: 'mqtts://b:8883',
      caFile: 'ca.pem',
      topicRoot: 'factory',
    });
  });
});
