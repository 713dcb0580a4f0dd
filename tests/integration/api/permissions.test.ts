import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  methodNames,
  methods,
  roleHas,
  type MethodName,
  type MethodSpec,
  type Role,
} from '../../../src/shared/contract';
import { startTestServer, type TestServer } from '../../helpers/test-backend';

type Who = Role | 'anonymous';
/** The contract's examples are safe to send; login's needs a real account to reach success. */
const inputOverrides: Partial<Record<MethodName, unknown>> = {
  'auth.login': { username: 'eng', password: 'user password 123' },
  // A handover is of a line the caller works on: the test plant's line, not the example's.
  'handover.draft': { lineId: 'L-1' },
  'handover.write': { lineId: 'L-1', notes: 'Nothing special.' },
};
const everyone: Who[] = ['anonymous', 'operator', 'tester', 'engineer', 'admin'];

/** What the contract says should happen, as the HTTP status class the test expects. */
function expectedOutcome(method: MethodName, who: Who): 'allowed' | 401 | 403 {
  const { permission } = methods[method] as MethodSpec;
  if (permission === 'public') return 'allowed';
  if (who === 'anonymous') return 401;
  return roleHas(who, permission) ? 'allowed' : 403;
}

describe('every contract method, as every role, over HTTP', () => {
  let t: TestServer;
  const tokens = new Map<Who, () => Promise<string | null>>();

  beforeAll(async () => {
    t = await startTestServer();
    const admin = await t.setupAdmin();
    await t.http('plant.saveMachine', { lineId: 'L-1', machineId: 'M-1' }, admin.token);
    await t.createUser(admin.token, 'eng', 'engineer', { lines: ['L-1'], machines: [] });
    await t.createUser(admin.token, 'op', 'operator', { lines: [], machines: ['M-1'] });
    await t.createUser(admin.token, 'tess', 'tester', { lines: ['L-1'], machines: [] });
    // A fresh session per call, so that logout or a password change cannot spoil the next row.
    tokens.set('anonymous', async () => null);
    tokens.set('admin', async () => (await t.login('admin', 'admin password 123')).token);
    tokens.set('engineer', async () => (await t.login('eng')).token);
    tokens.set('operator', async () => (await t.login('op')).token);
    tokens.set('tester', async () => (await t.login('tess')).token);
  });
  afterAll(() => t.close());

  const table = methodNames.flatMap((method) =>
    everyone.map((who) => ({ method, who, expected: expectedOutcome(method, who) })),
  );

  it.each(table)('$method as $who → $expected', async ({ method, who, expected }) => {
    const token = await tokens.get(who)!();
    const input = inputOverrides[method] ?? (methods[method] as MethodSpec).example;
    const { status, body } = await t.http(method, input, token);
    if (expected === 'allowed') {
      expect(status, JSON.stringify(body)).not.toBe(401);
      expect(status, JSON.stringify(body)).not.toBe(403);
      expect(status, JSON.stringify(body)).toBeLessThan(500);
    } else {
      expect(status, JSON.stringify(body)).toBe(expected);
    }
  });

  it('covers every method of the contract, each with a permission and a scope rule', () => {
    expect(new Set(table.map((row) => row.method)).size).toBe(Object.keys(methods).length);
    for (const name of methodNames) {
      const spec = methods[name] as MethodSpec;
      expect(spec.permission, name).toBeTruthy();
      expect(spec.scope, name).toBeTruthy();
    }
  });
});
