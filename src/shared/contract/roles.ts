import { z } from 'zod';

/** The local roles. Testers drive the simulator and watch what it produces, nothing else. */
export const Role = z.enum(['admin', 'engineer', 'operator', 'tester']);
export type Role = z.infer<typeof Role>;

/**
 * Every permission a contract method may require. `public` means "no login needed"
 * (first-run setup and login itself); `authenticated` means any logged-in, unlocked user.
 */
export const Permission = z.enum([
  'public',
  'authenticated',
  'accounts.manage',
  'events.read',
  'settings.manage',
  'plant.view',
  'plant.manage',
  'audit.verify',
  'deadletters.view',
  'deadletters.replay',
  'specs.manage',
  'machines.command',
  'alerts.acknowledge',
  'alerts.manage',
  'thresholds.manage',
  'ingest.submit',
  'maintenance.manage',
  'reports.generate',
  'simulator.run',
  'stationkeys.manage',
  /** Writing and signing shift handovers (operators, engineers and admins of the line). */
  'handover.write',
  /** Held by station keys only, never by a role: the key's one door, HTTP ingest. */
  'station.ingest',
]);
export type Permission = z.infer<typeof Permission>;

/** Operators watch their machines and acknowledge their alerts; nothing else. */
const OPERATOR: readonly Permission[] = [
  'public',
  'authenticated',
  'events.read',
  'plant.view',
  'alerts.acknowledge',
  'handover.write',
];

/**
 * Engineers also act on their lines: limits, thresholds, commands, maintenance, dead letters,
 * reports; and they may drive the simulator.
 */
const ENGINEER: readonly Permission[] = [
  ...OPERATOR,
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

/**
 * Testers run the simulator and watch its lines: the plant view and dead letters of their
 * assigned lines, and nothing else (no event log, limits, commands, reports or accounts).
 */
const TESTER: readonly Permission[] = [
  'public',
  'authenticated',
  'plant.view',
  'deadletters.view',
  'simulator.run',
];

/**
 * Admins hold every permission a person can: what engineers hold, plus accounts, settings,
 * plant, audit and station keys. Posting as a station needs a station key, never a login.
 */
const ADMIN: readonly Permission[] = Permission.options.filter(
  (permission) => permission !== 'station.ingest',
);

/** What each role holds. Scope (lines, machines) narrows it further in the backend. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: ADMIN,
  engineer: ENGINEER,
  operator: OPERATOR,
  tester: TESTER,
};

export function roleHas(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/**
 * How far a role reaches. Admins see the whole plant; engineers and testers their assigned
 * lines; operators their assigned machines.
 */
export type ScopeKind = 'plant' | 'lines' | 'machines';
export const ROLE_SCOPE: Record<Role, ScopeKind> = {
  admin: 'plant',
  engineer: 'lines',
  operator: 'machines',
  tester: 'lines',
};
