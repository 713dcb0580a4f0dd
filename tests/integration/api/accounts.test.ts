import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody, EventPage, EventRecord, User } from '../../../src/shared/contract';
import {
  ADMIN_PASSWORD,
  USER_PASSWORD,
  startTestServer,
  type TestServer,
} from '../../helpers/test-backend';

const NEW_PASSWORD = 'a brand new password';

/** Creates an account as admin without logging it in; returns the record. */
async function create(t: TestServer, adminToken: string, username: string, role: User['role']) {
  const { status, body } = await t.http(
    'accounts.create',
    { username, displayName: username, role, password: USER_PASSWORD },
    adminToken,
  );
  expect(status, JSON.stringify(body)).toBe(200);
  return body as User;
}

/** The newest event of a type by an actor about a target, checked for a plausible time. */
async function expectLogged(
  t: TestServer,
  adminToken: string,
  expected: { type: string; actor: string; target: string },
): Promise<EventRecord> {
  const { body } = await t.http('events.list', { type: expected.type, limit: 500 }, adminToken);
  const event = (body as EventPage).events.find(
    (e) => e.type === expected.type && e.actor === expected.actor && e.target === expected.target,
  );
  expect(event, `${expected.type} by ${expected.actor} on ${expected.target}`).toBeDefined();
  const at = Date.parse(event!.at);
  expect(Math.abs(Date.now() - at)).toBeLessThan(5 * 60_000);
  return event!;
}

describe('accounts, as an admin over HTTP', () => {
  let t: TestServer;
  let admin: string;

  beforeAll(async () => {
    t = await startTestServer();
    admin = (await t.setupAdmin()).token;
  });
  afterAll(() => t.close());

  it('refuses first-run setup once an admin exists', async () => {
    const { status, body } = await t.http('setup.createFirstAdmin', {
      username: 'intruder',
      displayName: 'Intruder',
      password: 'long enough password',
    });
    expect(status).toBe(409);
    expect((body as ApiErrorBody).code).toBe('CONFLICT');
    expect((await t.http('setup.status', {})).body).toMatchObject({ needsSetup: false });
    const users = (await t.http('accounts.list', {}, admin)).body as User[];
    expect(users.map((u) => u.username)).not.toContain('intruder');
  });

  it('refuses passwords under 10 characters, naming the field', async () => {
    const cases = [
      {
        method: 'accounts.create',
        field: 'password',
        input: { username: 'shorty', displayName: 'S', role: 'operator', password: 'short' },
      },
      {
        method: 'accounts.resetPassword',
        field: 'newPassword',
        input: { id: 1, newPassword: '123456789' },
      },
      {
        method: 'auth.changePassword',
        field: 'newPassword',
        input: { currentPassword: ADMIN_PASSWORD, newPassword: 'tiny' },
      },
    ] as const;
    for (const { method, field, input } of cases) {
      const { status, body } = await t.http(method, input, admin);
      expect(status, method).toBe(400);
      const error = body as ApiErrorBody;
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.issues).toContainEqual({ path: field, message: expect.stringMatching(/10/) });
    }
    const users = (await t.http('accounts.list', {}, admin)).body as User[];
    expect(users.map((u) => u.username)).not.toContain('shorty');
  });

  it('creates, edits, disables, re-enables and deletes an account, each logged', async () => {
    const created = await create(t, admin, 'worker', 'operator');
    expect(created).toMatchObject({ username: 'worker', role: 'operator', disabled: false });
    await expectLogged(t, admin, { type: 'account.created', actor: 'admin', target: 'worker' });

    const edited = await t.http(
      'accounts.update',
      { id: created.id, displayName: 'Worker Bee', role: 'engineer' },
      admin,
    );
    expect(edited.body).toMatchObject({ displayName: 'Worker Bee', role: 'engineer' });
    const updated = await expectLogged(t, admin, {
      type: 'account.updated',
      actor: 'admin',
      target: 'worker',
    });
    expect(updated.details).toMatchObject({
      before: { role: 'operator' },
      after: { role: 'engineer' },
    });

    const assigned = await t.http(
      'accounts.setAssignments',
      { id: created.id, assignments: { lines: ['L-9'], machines: [] } },
      admin,
    );
    expect((assigned.body as User).assignments.lines).toEqual(['L-9']);
    await expectLogged(t, admin, {
      type: 'account.assignments_changed',
      actor: 'admin',
      target: 'worker',
    });

    const disabled = await t.http('accounts.update', { id: created.id, disabled: true }, admin);
    expect((disabled.body as User).disabled).toBe(true);
    await expectLogged(t, admin, { type: 'account.disabled', actor: 'admin', target: 'worker' });
    await t.http('accounts.update', { id: created.id, disabled: false }, admin);
    await expectLogged(t, admin, { type: 'account.enabled', actor: 'admin', target: 'worker' });

    expect((await t.http('accounts.delete', { id: created.id }, admin)).status).toBe(200);
    await expectLogged(t, admin, { type: 'account.deleted', actor: 'admin', target: 'worker' });
    const users = (await t.http('accounts.list', {}, admin)).body as User[];
    expect(users.map((u) => u.username)).not.toContain('worker');
    expect((await t.http('accounts.delete', { id: created.id }, admin)).status).toBe(404);
  });

  it("ends a disabled user's token and refuses their login", async () => {
    const session = await t.createUser(admin, 'leaver', 'engineer');
    expect((await t.http('auth.me', {}, session.token)).status).toBe(200);

    await t.http('accounts.update', { id: session.user.id, disabled: true }, admin);
    const me = await t.http('auth.me', {}, session.token);
    expect(me.status).toBe(401);
    const login = await t.http('auth.login', { username: 'leaver', password: USER_PASSWORD });
    expect(login.status).toBe(401);
    expect((login.body as ApiErrorBody).message).toMatch(/disabled/);
  });

  it("ends a user's sessions when their role changes", async () => {
    const session = await t.createUser(admin, 'promoted', 'operator');
    await t.http('accounts.update', { id: session.user.id, role: 'engineer' }, admin);
    expect((await t.http('auth.me', {}, session.token)).status).toBe(401);
    const again = await t.login('promoted');
    expect(again.user.role).toBe('engineer');
  });

  it("revokes the user's sessions on a password reset", async () => {
    const session = await t.createUser(admin, 'forgetful', 'operator');
    const second = await t.login('forgetful');
    const reset = await t.http(
      'accounts.resetPassword',
      { id: session.user.id, newPassword: NEW_PASSWORD },
      admin,
    );
    expect(reset.status).toBe(200);
    expect((await t.http('auth.me', {}, session.token)).status).toBe(401);
    expect((await t.http('auth.me', {}, second.token)).status).toBe(401);
    expect(
      (await t.http('auth.login', { username: 'forgetful', password: USER_PASSWORD })).status,
    ).toBe(401);
    expect((await t.login('forgetful', NEW_PASSWORD)).user.username).toBe('forgetful');
    await expectLogged(t, admin, {
      type: 'account.password_reset',
      actor: 'admin',
      target: 'forgetful',
    });
  });

  it('lifts a lockout with accounts.unlock', async () => {
    const user = await create(t, admin, 'clumsy', 'operator');
    for (let i = 0; i < 5; i++)
      await t.http('auth.login', { username: 'clumsy', password: 'wrong password' });
    const locked = await t.http('auth.login', { username: 'clumsy', password: USER_PASSWORD });
    expect(locked.status).toBe(423);

    const unlocked = await t.http('accounts.unlock', { id: user.id }, admin);
    expect(unlocked.status).toBe(200);
    expect((unlocked.body as User).lockedUntil).toBeNull();
    expect((await t.login('clumsy')).user.username).toBe('clumsy');
    await expectLogged(t, admin, { type: 'account.unlocked', actor: 'admin', target: 'clumsy' });
  });

  it('changes the own password only with the current one', async () => {
    const session = await t.createUser(admin, 'careful', 'engineer');
    const wrong = await t.http(
      'auth.changePassword',
      { currentPassword: 'not my password', newPassword: NEW_PASSWORD },
      session.token,
    );
    expect(wrong.status).toBe(400);
    expect((wrong.body as ApiErrorBody).issues).toContainEqual({
      path: 'currentPassword',
      message: 'is wrong',
    });
    expect(
      (await t.http('auth.login', { username: 'careful', password: NEW_PASSWORD })).status,
    ).toBe(401);

    const right = await t.http(
      'auth.changePassword',
      { currentPassword: USER_PASSWORD, newPassword: NEW_PASSWORD },
      session.token,
    );
    expect(right.status).toBe(200);
    expect(
      (await t.http('auth.login', { username: 'careful', password: USER_PASSWORD })).status,
    ).toBe(401);
    expect((await t.login('careful', NEW_PASSWORD)).user.username).toBe('careful');
    await expectLogged(t, admin, {
      type: 'account.password_changed',
      actor: 'careful',
      target: 'careful',
    });
  });

  it('keeps usernames unique regardless of case', async () => {
    await create(t, admin, 'Mixed.Case', 'operator');
    const clash = await t.http(
      'accounts.create',
      { username: 'mixed.CASE', displayName: 'Clash', role: 'admin', password: USER_PASSWORD },
      admin,
    );
    expect(clash.status).toBe(409);
    const users = (await t.http('accounts.list', {}, admin)).body as User[];
    expect(users.filter((u) => u.username.toLowerCase() === 'mixed.case')).toHaveLength(1);
    expect((await t.login('MIXED.case')).user.username).toBe('Mixed.Case');
  });
});

describe('the last active admin', () => {
  let t: TestServer;
  let first: { token: string; id: number };

  beforeAll(async () => {
    t = await startTestServer();
    const session = await t.setupAdmin();
    first = { token: session.token, id: session.user.id };
  });
  afterAll(() => t.close());

  it('cannot be demoted, disabled or deleted', async () => {
    const attempts = [
      t.http('accounts.update', { id: first.id, role: 'engineer' }, first.token),
      t.http('accounts.update', { id: first.id, disabled: true }, first.token),
      t.http('accounts.delete', { id: first.id }, first.token),
    ];
    for (const { status } of await Promise.all(attempts)) expect(status).toBe(409);
    const me = (await t.http('auth.me', {}, first.token)).body as { user: User };
    expect(me.user).toMatchObject({ role: 'admin', disabled: false });
  });

  it('can be demoted, disabled and deleted by a second admin, who cannot delete themselves', async () => {
    const second = await t.createUser(first.token, 'second-admin', 'admin');
    const { token } = second;

    const demoted = await t.http('accounts.update', { id: first.id, role: 'operator' }, token);
    expect(demoted.status).toBe(200);
    // Now the second admin is the last one.
    expect(
      (await t.http('accounts.update', { id: second.user.id, role: 'engineer' }, token)).status,
    ).toBe(409);
    expect((await t.http('accounts.delete', { id: second.user.id }, token)).status).toBe(409);

    await t.http('accounts.update', { id: first.id, role: 'admin' }, token);
    expect((await t.http('accounts.update', { id: first.id, disabled: true }, token)).status).toBe(
      200,
    );
    await t.http('accounts.update', { id: first.id, disabled: false }, token);
    // Even with another admin active, nobody deletes their own account.
    const self = await t.http('accounts.delete', { id: second.user.id }, token);
    expect(self.status).toBe(409);
    expect((self.body as ApiErrorBody).message).toMatch(/own account/);

    expect((await t.http('accounts.delete', { id: first.id }, token)).status).toBe(200);
    const users = (await t.http('accounts.list', {}, token)).body as User[];
    expect(users.map((u) => u.username)).toEqual(['second-admin']);
  });

  it('survives two admins demoting each other at the same moment', async () => {
    const bSession = await t.login('second-admin');
    const b = bSession.user;
    const a = await t.createUser(bSession.token, 'admin-a', 'admin');
    const results = await Promise.all([
      t.http('accounts.update', { id: b.id, role: 'engineer' }, a.token),
      t.http('accounts.update', { id: a.user.id, role: 'engineer' }, bSession.token),
    ]);
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    const survivor = (await t.login(results[0].status === 200 ? 'admin-a' : 'second-admin')).token;
    const admins = ((await t.http('accounts.list', {}, survivor)).body as User[]).filter(
      (u) => u.role === 'admin' && !u.disabled,
    );
    expect(admins).toHaveLength(1);
  });
});

describe('first-run setup under a race', () => {
  it('creates exactly one first admin when several try at once', async () => {
    const t = await startTestServer();
    try {
      const results = await Promise.all(
        ['first', 'second', 'third', 'fourth'].map((username) =>
          t.http('setup.createFirstAdmin', {
            username,
            displayName: username,
            password: ADMIN_PASSWORD,
          }),
        ),
      );
      const statuses = results.map((result) => result.status).sort();
      expect(statuses).toEqual([200, 409, 409, 409]);
      const winner = results.find((result) => result.status === 200)!.body as { token: string };
      const users = (await t.http('accounts.list', {}, winner.token)).body as User[];
      expect(users).toHaveLength(1);
    } finally {
      await t.close();
    }
  });
});
