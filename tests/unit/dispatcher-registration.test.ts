import { describe, expect, it } from 'vitest';
import { Dispatcher } from '../../src/backend/api/dispatcher';
import type { AuthService } from '../../src/backend/auth/auth-service';
import { methods, type MethodName, type MethodSpec } from '../../src/shared/contract';

const dispatcher = () =>
  new Dispatcher(
    {} as AuthService,
    () => undefined,
    () => undefined,
  );

describe('registering handlers', () => {
  it('refuses a method that is not in the contract', () => {
    expect(() =>
      dispatcher().register('nope.nothing' as MethodName, (async () => ({})) as never),
    ).toThrow(/not in the contract/);
  });

  it('refuses a contract method whose permission is missing', () => {
    const spec = methods['auth.me'] as MethodSpec;
    const saved = spec.permission;
    try {
      (spec as { permission: unknown }).permission = undefined;
      expect(() => dispatcher().register('auth.me', (async () => ({})) as never)).toThrow(
        /declares no permission/,
      );
    } finally {
      (spec as { permission: unknown }).permission = saved;
    }
  });

  it('refuses a second handler for the same method', () => {
    const d = dispatcher();
    d.register('auth.me', (async () => ({})) as never);
    expect(() => d.register('auth.me', (async () => ({})) as never)).toThrow(/twice/);
  });

  it('lists the methods that still have no handler', () => {
    const d = dispatcher();
    d.register('auth.me', (async () => ({})) as never);
    expect(d.missingHandlers()).not.toContain('auth.me');
    expect(d.missingHandlers()).toContain('accounts.list');
  });
});
