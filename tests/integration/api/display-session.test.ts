import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody, EventRecord, Session } from '../../../src/shared/contract';
import {
  ADMIN_PASSWORD,
  USER_PASSWORD,
  startTestServer,
  type TestServer,
} from '../../helpers/test-backend';
import { openLive, type LiveFeed } from './live-client';

/** A wall display session under the test clock: never idle-locked, view-only. */
describe('a wall display session', () => {
  let t: TestServer;
  let display: Session;
  let desk: Session;
  let feed: LiveFeed;
  const admin = async () => (await t.login('admin', ADMIN_PASSWORD)).token;

  beforeAll(async () => {
    t = await startTestServer({ flushMs: 50 });
    const { token } = await t.setupAdmin();
    await t.http('settings.update', { idleLockMinutes: 1 }, token);
    await t.http('plant.saveMachine', { lineId: 'L-1', machineId: 'M-1' }, token);
    desk = await t.createUser(token, 'op', 'operator', { lines: [], machines: ['M-1'] });
    const wallAdmin = await admin();
    const started = await t.http('auth.startDisplay', { screen: 'Hall A wall' }, wallAdmin);
    expect(started.status).toBe(200);
    display = started.body as Session;
    expect(display.displayScreen).toBe('Hall A wall');
    // The admin's own session on that screen has ended.
    expect((await t.http('auth.me', {}, wallAdmin)).status).toBe(401);
    feed = await openLive(t.url, display.token, ['events.appended']);
    expect(feed.reply.type).toBe('subscribed');
  });
  afterAll(async () => {
    feed.close();
    await t.close();
  });

  it('is not idle-locked when a desk is, and keeps its live feed', async () => {
    t.clock.advance(10 * 60_000);
    expect((await t.http('plant.list', {}, desk.token)).status).toBe(423);
    const me = await t.http('auth.me', {}, display.token);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ displayScreen: 'Hall A wall', idleLockMinutes: 0 });
    expect((await t.http('machines.overview', {}, display.token)).status).toBe(200);
    await t.http(
      'plant.saveMachine',
      { lineId: 'L-1', machineId: 'M-1', name: 'Seen' },
      await admin(),
    );
    await feed.until(() =>
      feed.items<EventRecord>('events.appended').some((event) => event.message.includes('Seen')),
    );
  });

  it('may only view: acting, editing and its own session controls are refused', async () => {
    for (const [method, input] of [
      ['alerts.acknowledge', { id: 1 }],
      ['machines.command', { machineId: 'M-1', command: 'stop' }],
      ['settings.update', { plantName: 'Taken over' }],
      ['auth.changePassword', { currentPassword: ADMIN_PASSWORD, newPassword: 'a wall took it' }],
      ['auth.lock', {}],
      ['auth.startDisplay', { screen: 'Another' }],
      ['accounts.list', {}],
    ] as const) {
      const { status, body } = await t.http(method, input, display.token);
      expect(status, method).toBe(403);
      expect((body as ApiErrorBody).message, method).toMatch(/display session may only view/);
    }
  });

  it('is refused to anyone but an admin, and logged', async () => {
    const operator = (await t.login('op', USER_PASSWORD)).token;
    const refused = await t.http('auth.startDisplay', { screen: 'Desk wall' }, operator);
    expect(refused.status).toBe(403);
    const bad = await t.http('auth.startDisplay', { screen: '<b>x</b>' }, await admin());
    expect(bad.status).toBe(400);
    expect((bad.body as ApiErrorBody).message).toMatch(/^screen: /);
    const { events } = (await t.http('events.list', { limit: 50 }, await admin())).body as {
      events: EventRecord[];
    };
    expect(
      events.some((event) =>
        event.message.includes('display session for the wall screen "Hall A wall"'),
      ),
    ).toBe(true);
  });
});
