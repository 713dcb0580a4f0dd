import { z } from 'zod';
import { defineMethod } from './define';
import { AuditResult, BackupFile, BackupFileName, EventPage, EventQuery } from './schemas';
import { none } from './method-parts';

/** The event log, its audit and backups. */
export const eventMethods = {
  'events.list': defineMethod({
    summary: 'The event log, newest first, filtered to what the caller may see.',
    input: EventQuery,
    output: EventPage,
    permission: 'events.read',
    scope: { kind: 'filtered' },
    http: { verb: 'GET', path: '/events' },
    example: { limit: 10 },
  }),
  'backup.create': defineMethod({
    summary:
      "Backs the database up while the app runs (SQLite's online backup) into the data folder's backups/.",
    input: z.object({}),
    output: z.object({ file: z.string(), bytes: z.number().int() }),
    permission: 'settings.manage',
    scope: none,
    http: { verb: 'POST', path: '/backups' },
    example: {},
  }),
  'backup.list': defineMethod({
    summary: "The backups in the data folder's backups/, newest first, with size and time.",
    input: z.object({}),
    output: z.object({ backups: z.array(BackupFile) }),
    permission: 'settings.manage',
    scope: none,
    http: { verb: 'GET', path: '/backups' },
    example: {},
  }),
  'backup.restore': defineMethod({
    summary:
      'Replaces the live database with one of the listed backups, after a safety copy; ends every session.',
    input: z.object({ fileName: BackupFileName, confirm: z.literal('RESTORE') }),
    output: z.object({ restored: BackupFileName, safetyCopy: BackupFileName }),
    permission: 'settings.manage',
    scope: none,
    http: { verb: 'POST', path: '/backups/restore' },
    example: { fileName: 'linewatch-2026-01-01T00-00-00-000Z.sqlite', confirm: 'RESTORE' },
  }),
  'audit.verify': defineMethod({
    summary: "Checks the event log's hash chain and names the first broken row.",
    input: z.object({}),
    output: AuditResult,
    permission: 'audit.verify',
    scope: none,
    http: { verb: 'POST', path: '/audit/verify' },
    example: {},
  }),
};
