import { z } from 'zod';
import { defineMethod } from './define';
import { Settings, SettingsView } from './schemas';
import { none } from './method-parts';

/** Plant settings. */
export const settingsMethods = {
  'settings.get': defineMethod({
    summary: 'Plant-wide settings (admins all of them; others no server paths or retention).',
    input: z.object({}),
    output: SettingsView,
    permission: 'authenticated',
    scope: none,
    http: { verb: 'GET', path: '/settings' },
    example: {},
  }),
  'settings.update': defineMethod({
    summary: 'Changes plant-wide settings such as the idle lock time.',
    input: Settings.partial(),
    output: Settings,
    permission: 'settings.manage',
    scope: none,
    http: { verb: 'PATCH', path: '/settings' },
    example: { idleLockMinutes: 15 },
  }),
};
