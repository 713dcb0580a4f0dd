import { describe, expect, it } from 'vitest';
import { Permission, ROLE_PERMISSIONS } from '../../src/shared/contract';

/**
 * The role policy written out by hand, so a slip in roles.ts cannot hide behind the
 * permission table test (which derives its expectations from roles.ts).
 */
const ADMIN_ONLY = [
  'accounts.manage',
  'settings.manage',
  'plant.manage',
  'audit.verify',
  'stationkeys.manage',
];
/** Held by station keys alone: no login may post as a station. */
const STATION_KEYS_ONLY = ['station.ingest'];
const ENGINEER_AND_ADMIN = [
  'deadletters.view',
  'deadletters.replay',
  'specs.manage',
  'machines.command',
  'alerts.manage',
  'thresholds.manage',
  'ingest.submit',
  'maintenance.manage',
  'reports.generate',
  'simulator.run',
];
const EVERYONE = [
  'public',
  'authenticated',
  'events.read',
  'plant.view',
  'alerts.acknowledge',
  'handover.write',
];

describe('the role policy', () => {
  it('describes every permission exactly once here', () => {
    expect(
      [...ADMIN_ONLY, ...ENGINEER_AND_ADMIN, ...EVERYONE, ...STATION_KEYS_ONLY].sort(),
    ).toEqual([...Permission.options].sort());
  });

  it('gives operators only viewing and acknowledging', () => {
    expect([...ROLE_PERMISSIONS.operator].sort()).toEqual([...EVERYONE].sort());
  });

  it('gives engineers the line work but no accounts, settings, plant registry or audit', () => {
    expect([...ROLE_PERMISSIONS.engineer].sort()).toEqual(
      [...EVERYONE, ...ENGINEER_AND_ADMIN].sort(),
    );
  });

  it('gives admins everything a person may do, but not posting as a station', () => {
    expect([...ROLE_PERMISSIONS.admin].sort()).toEqual(
      [...EVERYONE, ...ENGINEER_AND_ADMIN, ...ADMIN_ONLY].sort(),
    );
  });
});
