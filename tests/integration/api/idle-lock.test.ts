import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ApiErrorBody,
  EventPage,
  EventRecord,
  Session,
  TokenRenewal,
} from '../../../src/shared/contract';
import {
  ADMIN_PASSWORD,
  USER_PASSWORD,
  startTestServer,
  type TestServer,
} from '../../helpers/test-backend';
import { openLive, sleep, type LiveFeed } from './live-client';

const FLUSH_MS = 50;

describe('the idle lock', () => {
  let t: TestServer;
  let user: Session;
  let feed: LiveFeed;
  /** The admin's own session idles too when the clock jumps, so they log in when needed. */
  const admin = async () => (await t.login('admin', ADMIN_PASSWORD)).token;
  const touchMachine = async (name: string) => {
    const { status } = await t.http(
      'plant.saveMachine',
      { lineId: 'L-1', machineId: 'M-1', name },
      await admin(),
    );
    expect(status).toBe(200);
  };
  const namesSeen = () => feed.items<EventRecord>('events.appended').map((event) => event.message);

  beforeAll(async () => {
    t = await startTestServer({ flushMs: FLUSH_MS });
    const { token } = await t.setupAdmin();
    await t.http('settings.update', { idleLockMinutes: 1 }, token);
    await t.http('plant.saveMachine', { lineId: 'L-1', machineId: 'M-1' }, token);
    user = await t.createUser(token, 'op', 'operator', { lines: [], machines: ['M-1'] });
    expect(user.idleLockMinutes).toBe(1);
    feed = await openLive(t.url, user.token, ['events.appended']);
    expect(feed.reply.type).toBe('subscribed');
  });
  afterAll(async () => {
    feed.close();
    await t.close();
  });

  it('feeds the live view while the session is active', async () => {
    await touchMachine('before the lock');
    await feed.until(() => namesSeen().some((message) => message.includes('before the lock')));
  });

  it('locks every call after a minute without activity', async () => {
    t.clock.advance(61_000);
    for (const [method, input] of [
      ['auth.me', {}],
      ['plant.list', {}],
      ['events.list', { limit: 5 }],
      ['settings.get', {}],
    ] as const) {
      const { status, body } = await t.http(method, input, user.token);
      expect(status, method).toBe(423);
      expect((body as ApiErrorBody).code, method).toBe('SESSION_LOCKED');
    }
  });

  it('sends the locked session nothing live', async () => {
    const before = feed.batches.length;
    await touchMachine('while locked');
    await sleep(FLUSH_MS * 6);
    expect(feed.batches.length).toBe(before);
    expect(namesSeen().some((message) => message.includes('while locked'))).toBe(false);
    const another = await openLive(t.url, user.token, ['events.appended']);
    another.close();
    expect(another.reply).toMatchObject({ type: 'error', error: { code: 'SESSION_LOCKED' } });
  });

  it('still renews the token while locked, without unlocking', async () => {
    const { status, body } = await t.http('auth.refresh', {}, user.token);
    expect(status).toBe(200);
    const renewed = body as TokenRenewal;
    expect(renewed.token).not.toBe(user.token);
    expect((await t.http('auth.me', {}, renewed.token)).status).toBe(423);
  });

  it('unlocks with the right password only, with a fresh working token', async () => {
    const wrong = await t.http('auth.unlock', { password: 'not my password' }, user.token);
    expect(wrong.status).toBe(400);
    expect((await t.http('auth.me', {}, user.token)).status).toBe(423);

    const right = await t.http('auth.unlock', { password: USER_PASSWORD }, user.token);
    expect(right.status).toBe(200);
    const { token } = right.body as TokenRenewal;
    expect(token).not.toBe(user.token);
    const me = await t.http('auth.me', {}, token);
    expect(me.status).toBe(200);
    expect((me.body as { user: { username: string } }).user.username).toBe('op');
  });

  it('feeds the live view again after the unlock', async () => {
    await touchMachine('after the unlock');
    await feed.until(() => namesSeen().some((message) => message.includes('after the unlock')));
    expect(namesSeen().some((message) => message.includes('while locked'))).toBe(false);
  });

  it('counts wrong passwords at the lock screen toward the lockout', async () => {
    const token = await admin();
    const other = await t.createUser(token, 'op2', 'operator', { lines: [], machines: ['M-1'] });
    t.clock.advance(61_000);
    expect((await t.http('auth.me', {}, other.token)).status).toBe(423);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await t.http('auth.unlock', { password: `wrong ${i}` }, other.token)).status);
    }
    expect(statuses).toEqual([400, 400, 400, 400, 423]);
    // The session is ended and the account locked: neither unlock nor login gets in.
    expect((await t.http('auth.unlock', { password: USER_PASSWORD }, other.token)).status).toBe(
      401,
    );
    expect((await t.http('auth.login', { username: 'op2', password: USER_PASSWORD })).status).toBe(
      423,
    );
  });

  it('records the lock and the unlock in the event log', async () => {
    const token = await admin();
    for (const type of ['auth.idle_locked', 'auth.unlocked']) {
      const { body } = await t.http('events.list', { type, actor: 'op' }, token);
      const events = (body as EventPage).events;
      expect(events, type).toHaveLength(1);
      expect(events[0]).toMatchObject({ type, actor: 'op', target: 'op' });
    }
  });
});
