import { expect, it } from 'vitest';
import { roleOf } from '../../../src/backend/ingest/sparkplug/metric-roles';

it('remembers meanings per mapping: another mapping of the same name gets its own', () => {
  const byName = {};
  const set = { 'Sensors/Temperature': 'ignore' } as const;
  expect(roleOf('Sensors/Temperature', byName)).toBe('temperature');
  expect(roleOf('Sensors/Temperature', set)).toBe('ignore');
  // Asked again (answered from memory): the same answers.
  expect(roleOf('Sensors/Temperature', byName)).toBe('temperature');
  expect(roleOf('Sensors/Temperature', set)).toBe('ignore');
  expect(roleOf('Node Control/Rebirth', byName)).toBe('ignore');
  expect(roleOf('Sensors/Vibration', set)).toBe('extra');
});
