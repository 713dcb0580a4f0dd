import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody, EventPage, User } from '../../../src/shared/contract';
import { buildHttpRequest } from '../../../src/shared/http-route';
import {
  ADMIN_PASSWORD,
  USER_PASSWORD,
  startTestServer,
  type TestServer,
} from '../../helpers/test-backend';

const WRONG = 'not the password';
const MINUTE = 60_000;

describe('lockout after wrong passwords', () => {
  let t: TestServer;
  const admin = async () => (await t.login('admin', ADMIN_PASSWORD)).token;

  beforeAll(async () => {
    t = await startTestServer();
    const { token } = await t.setupAdmin();
    for (const name of ['victim', 'unlucky', 'typo']) {
      await t.http(
        'accounts.create',
        { username: name, displayName: name, role: 'operator', password: USER_PASSWORD },
        token,
      );
    }
  });
  afterAll(() => t.close());

  const attempt = (username: string, password: string) =>
    t.http('auth.login', { username, password });

  async function eventsAbout(target: string, type: string) {
    const { body } = await t.http('events.list', { type, limit: 500 }, await admin());
    return (body as EventPage).events.filter((event) => event.target === target);
  }

  it('locks on the fifth wrong password, then refuses even the right one', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await attempt('victim', WRONG)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 423]);

    const failed = await eventsAbout('victim', 'auth.login_failed');
    expect(failed).toHaveLength(5);
    expect(failed.every((event) => event.message.includes('wrong password'))).toBe(true);
    const [lockout] = await eventsAbout('victim', 'auth.lockout');
    expect(lockout).toMatchObject({ actor: 'victim', target: 'victim' });
    const lockedUntil = Date.parse(String(lockout!.details.lockedUntil));
    expect(lockedUntil - t.clock.now()).toBeGreaterThan(14 * MINUTE);
    expect(lockedUntil - t.clock.now()).toBeLessThanOrEqual(15 * MINUTE);

    const right = await attempt('victim', USER_PASSWORD);
    expect(right.status).toBe(423);
    expect((right.body as ApiErrorBody).code).toBe('ACCOUNT_LOCKED');
    expect((right.body as ApiErrorBody).message).toMatch(/locked until/);
  });

  it('lets the right password in once 15 minutes have passed', async () => {
    expect((await attempt('victim', USER_PASSWORD)).status).toBe(423);
    t.clock.advance(14 * MINUTE);
    expect((await attempt('victim', USER_PASSWORD)).status).toBe(423);
    t.clock.advance(MINUTE + 1000);
    const after = await attempt('victim', USER_PASSWORD);
    expect(after.status).toBe(200);
    const users = (await t.http('accounts.list', {}, await admin())).body as User[];
    expect(users.find((user) => user.username === 'victim')?.lockedUntil).toBeNull();
  });

  it('lifts the lockout at once when an admin unlocks the account', async () => {
    for (let i = 0; i < 5; i++) await attempt('unlucky', WRONG);
    expect((await attempt('unlucky', USER_PASSWORD)).status).toBe(423);
    const token = await admin();
    const users = (await t.http('accounts.list', {}, token)).body as User[];
    const unlucky = users.find((user) => user.username === 'unlucky')!;

    expect((await t.http('accounts.unlock', { id: unlucky.id }, token)).status).toBe(200);
    expect((await attempt('unlucky', USER_PASSWORD)).status).toBe(200);
  });

  it('starts counting again after a successful login', async () => {
    for (let i = 0; i < 4; i++) expect((await attempt('typo', WRONG)).status).toBe(401);
    expect((await attempt('typo', USER_PASSWORD)).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await attempt('typo', WRONG)).status).toBe(401);
    expect((await attempt('typo', USER_PASSWORD)).status).toBe(200);
  });

  it('checks no more than five wrong passwords when they arrive all at once', async () => {
    const token = await admin();
    await t.http(
      'accounts.create',
      { username: 'burst', displayName: 'Burst', role: 'operator', password: USER_PASSWORD },
      token,
    );
    const guesses = Array.from({ length: 20 }, (_, i) => attempt('burst', `${WRONG} ${i}`));
    const statuses = (await Promise.all(guesses)).map((result) => result.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(4);
    expect(statuses.filter((status) => status === 423)).toHaveLength(16);
    const failed = await eventsAbout('burst', 'auth.login_failed');
    expect(failed.filter((event) => event.message.includes('wrong password'))).toHaveLength(5);
    expect(await eventsAbout('burst', 'auth.lockout')).toHaveLength(1);
    expect((await attempt('burst', USER_PASSWORD)).status).toBe(423);
  });

  it('answers unknown usernames exactly like wrong passwords', async () => {
    const unknown = await attempt('nobody-here', WRONG);
    const wrong = await attempt('typo', WRONG);
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
  });
});

/** A login sent from another loopback address (127.0.0.0/8 is all this machine's). */
function loginFrom(
  url: string,
  address: string,
  username: string,
  password: string,
): Promise<{ status: number; body: ApiErrorBody }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        hostname,
        port,
        path: '/api/auth/login',
        method: 'POST',
        localAddress: address,
        headers: { 'Content-Type': 'application/json' },
      },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as ApiErrorBody }),
        );
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ username, password }));
  });
}

describe('lockout per name and address', () => {
  let t: TestServer;
  let adminToken = '';
  beforeAll(async () => {
    t = await startTestServer();
    adminToken = (await t.setupAdmin()).token;
    for (const name of ['real', 'spread']) {
      await t.http(
        'accounts.create',
        { username: name, displayName: name, role: 'operator', password: USER_PASSWORD },
        adminToken,
      );
    }
  });
  afterAll(() => t.close());

  /** The answer without the lock's end time, which differs by the milliseconds between runs. */
  const shape = (answer: { status: number; body: ApiErrorBody }) => ({
    status: answer.status,
    code: answer.body.code,
    message: answer.body.message.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/, '<time>'),
  });

  it('answers a name that exists exactly like one that does not, locked or not', async () => {
    const real: unknown[] = [];
    const ghost: unknown[] = [];
    for (let i = 0; i < 6; i++) {
      real.push(shape(await loginFrom(t.url, '127.0.0.2', 'real', WRONG)));
      ghost.push(shape(await loginFrom(t.url, '127.0.0.3', 'nobody-at-all', WRONG)));
    }
    expect(real.map((answer) => (answer as { status: number }).status)).toEqual([
      401, 401, 401, 401, 423, 423,
    ]);
    expect(ghost).toEqual(real);
  });

  it('does not let another address lock the only admin out', async () => {
    for (let i = 0; i < 5; i++) await loginFrom(t.url, '127.0.0.4', 'admin', WRONG);
    expect((await loginFrom(t.url, '127.0.0.4', 'admin', ADMIN_PASSWORD)).status).toBe(423);
    expect((await loginFrom(t.url, '127.0.0.1', 'admin', ADMIN_PASSWORD)).status).toBe(200);
    const { body } = await t.http('events.list', { type: 'auth.lockout', limit: 50 }, adminToken);
    const lockout = (body as EventPage).events.find((event) => event.target === 'admin');
    expect(lockout?.message).toContain('from 127.0.0.4');
  });

  it('locks the name everywhere only after 50 failures from many addresses', async () => {
    const statuses: number[] = [];
    for (let host = 10; host < 20; host++) {
      for (let i = 0; i < 5; i++) {
        statuses.push((await loginFrom(t.url, `127.0.0.${host}`, 'spread', WRONG)).status);
        await loginFrom(t.url, `127.0.0.${host}`, 'spread-ghost', WRONG);
      }
    }
    expect(statuses.at(-1)).toBe(423);
    const fresh = await loginFrom(t.url, '127.0.0.30', 'spread', USER_PASSWORD);
    expect(fresh.status).toBe(423);
    expect(shape(await loginFrom(t.url, '127.0.0.30', 'spread-ghost', WRONG))).toEqual(
      shape(fresh),
    );
    const users = (await t.http('accounts.list', {}, adminToken)).body as User[];
    expect(users.find((user) => user.username === 'spread')?.lockedUntil).not.toBeNull();
  });
});

describe('the login rate limiter', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ loginAttemptsPerMinute: 3 });
  });
  afterAll(() => t.close());

  it('answers 429 to the fourth login attempt in a minute, and only to logins', async () => {
    for (let i = 0; i < 3; i++) {
      expect((await t.http('auth.login', { username: `guess${i}`, password: WRONG })).status).toBe(
        401,
      );
    }
    const request = buildHttpRequest('auth.login', { username: 'guess3', password: WRONG });
    const response = await fetch(t.url + request.url, {
      method: request.verb,
      headers: { 'Content-Type': 'application/json' },
      body: request.body,
    });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('60');
    expect(((await response.json()) as ApiErrorBody).code).toBe('RATE_LIMITED');
    // First-run setup counts as a password attempt too; other calls are not limited.
    const setup = await t.http('setup.createFirstAdmin', {
      username: 'admin',
      displayName: 'Admin',
      password: ADMIN_PASSWORD,
    });
    expect(setup.status).toBe(429);
    expect((await t.http('setup.status', {})).body).toMatchObject({ needsSetup: true });
  });
});
