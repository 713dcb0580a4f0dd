import { describe, expect, it } from 'vitest';
import { methods, type MethodName } from '../../../src/shared/contract';
import {
  DISPLAY_SCREEN_PATTERN,
  displaySessionMay,
} from '../../../src/shared/rules/display-session';

const allowed = (Object.keys(methods) as MethodName[]).filter((name) =>
  displaySessionMay(name, methods[name].permission),
);

describe('what a wall display session may call', () => {
  it('may view the plant and keep its own session, nothing else', () => {
    expect(allowed).toEqual(expect.arrayContaining(['machines.overview', 'alerts.list']));
    expect(allowed).toEqual(expect.arrayContaining(['auth.me', 'auth.refresh', 'auth.logout']));
    for (const name of allowed) {
      if (name.startsWith('auth.')) continue;
      expect(methods[name].permission, name).toBe('plant.view');
      // Viewing only: no method it may call writes.
      expect(methods[name].http.verb, name).toBe('GET');
    }
  });

  it('may not act, change settings, lock, unlock or change the password', () => {
    for (const name of [
      'alerts.acknowledge',
      'alerts.shelve',
      'machines.command',
      'settings.update',
      'auth.changePassword',
      'auth.lock',
      'auth.unlock',
      'auth.startDisplay',
      'reports.build',
    ] as MethodName[]) {
      expect(allowed, name).not.toContain(name);
    }
  });

  it('names a screen in 1-40 plain characters', () => {
    expect(DISPLAY_SCREEN_PATTERN.test('Hall A wall')).toBe(true);
    expect(DISPLAY_SCREEN_PATTERN.test('x'.repeat(40))).toBe(true);
    expect(DISPLAY_SCREEN_PATTERN.test('x'.repeat(41))).toBe(false);
    expect(DISPLAY_SCREEN_PATTERN.test(' leading space')).toBe(false);
    expect(DISPLAY_SCREEN_PATTERN.test('<script>')).toBe(false);
  });
});
