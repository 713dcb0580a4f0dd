import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPage, EventRecord, Plant, Session } from '../../../src/shared/contract';
import { startTestServer, type TestServer } from '../../helpers/test-backend';
import { waitFor } from '../../helpers/wait';
import { openLive } from './live-client';

const FLUSH_MS = 50;

describe('scope: engineers see their lines, operators their machines', () => {
  let t: TestServer;
  let admin: string;
  let engineer: Session;
  let operator: Session;

  const save = async (lineId: string, machineId: string, name: string) => {
    const { status } = await t.http('plant.saveMachine', { lineId, machineId, name }, admin);
    expect(status).toBe(200);
  };
  const events = async (token: string, query: Record<string, unknown> = {}) =>
    ((await t.http('events.list', { limit: 500, ...query }, token)).body as EventPage).events;

  beforeAll(async () => {
    t = await startTestServer({ flushMs: FLUSH_MS });
    admin = (await t.setupAdmin()).token;
    await save('L-1', 'M-1', 'Press 1');
    await save('L-1', 'M-2', 'Press 2');
    await save('L-2', 'M-3', 'Oven 3');
    engineer = await t.createUser(admin, 'eng', 'engineer', { lines: ['L-1'], machines: [] });
    operator = await t.createUser(admin, 'op', 'operator', { lines: [], machines: ['M-1'] });
  });
  afterAll(() => t.close());

  it('lists only the plant each role may see', async () => {
    const plantOf = async (token: string) => (await t.http('plant.list', {}, token)).body as Plant;
    const ids = (plant: Plant) => ({
      lines: plant.lines.map((line) => line.id),
      machines: plant.machines.map((machine) => machine.id),
    });
    expect(ids(await plantOf(operator.token))).toEqual({ lines: ['L-1'], machines: ['M-1'] });
    expect(ids(await plantOf(engineer.token))).toEqual({
      lines: ['L-1'],
      machines: ['M-1', 'M-2'],
    });
    expect(ids(await plantOf(admin))).toEqual({
      lines: ['L-1', 'L-2'],
      machines: ['M-1', 'M-2', 'M-3'],
    });
  });

  it('hides events about other machines and lines', async () => {
    await save('L-2', 'M-3', 'Oven 3 renamed');
    await save('L-1', 'M-1', 'Press 1 renamed');
    await save('L-1', 'M-2', 'Press 2 renamed');
    const machinesIn = (list: EventRecord[]) => new Set(list.map((event) => event.machineId));

    const asAdmin = machinesIn(await events(admin, { type: 'plant.machine_saved' }));
    expect(asAdmin).toEqual(new Set(['M-1', 'M-2', 'M-3']));
    const asEngineer = machinesIn(await events(engineer.token, { type: 'plant.machine_saved' }));
    expect(asEngineer).toEqual(new Set(['M-1', 'M-2']));
    const asOperator = machinesIn(await events(operator.token, { type: 'plant.machine_saved' }));
    expect(asOperator).toEqual(new Set(['M-1']));

    // Asking by name for a machine outside the scope does not help either.
    expect(await events(operator.token, { machineId: 'M-3' })).toEqual([]);
    expect(await events(engineer.token, { lineId: 'L-2' })).toEqual([]);
    expect(await events(operator.token, { text: 'Oven' })).toEqual([]);
  });

  it("shows the operator their own logins but not the admin's", async () => {
    const logins = await events(operator.token, { type: 'auth.login' });
    expect(logins.length).toBeGreaterThan(0);
    expect(new Set(logins.map((event) => event.actor))).toEqual(new Set(['op']));
    const adminLogins = await events(admin, { type: 'auth.login', actor: 'admin' });
    expect(adminLogins.length).toBeGreaterThan(0);
    // What the operator sees of the admin is only what the admin did to machine M-1.
    const byAdmin = await events(operator.token, { actor: 'admin' });
    expect(byAdmin.length).toBeGreaterThan(0);
    expect(byAdmin.every((event) => event.machineId === 'M-1')).toBe(true);
    // Plant-wide admin events (settings) stay hidden from both.
    await t.http('settings.update', { plantName: 'Scope plant' }, admin);
    expect(await events(operator.token, { type: 'settings.changed' })).toEqual([]);
    expect(await events(engineer.token, { type: 'settings.changed' })).toEqual([]);
  });

  it('sends the operator only live events about their machine', async () => {
    const feed = await openLive(t.url, operator.token, ['events.appended']);
    try {
      expect(feed.reply.type).toBe('subscribed');
      await save('L-2', 'M-3', 'Oven 3 live');
      await save('L-1', 'M-2', 'Press 2 live');
      await t.http('settings.update', { plantName: 'Live plant' }, admin);
      await save('L-1', 'M-1', 'Press 1 live');
      const received = () => feed.items<EventRecord>('events.appended');
      // The feed keeps the log's order: once the last event is here, any earlier one that
      // was going to be sent has been.
      await feed.until(() => received().some((event) => event.message.includes('Press 1 live')));
      expect(received().map((event) => event.machineId)).toEqual(['M-1']);
    } finally {
      feed.close();
    }
  });

  it('follows a change of assignments in a feed that is already open', async () => {
    const feed = await openLive(t.url, operator.token, ['events.appended']);
    try {
      const moved = await t.http(
        'accounts.setAssignments',
        { id: operator.user.id, assignments: { lines: [], machines: ['M-3'] } },
        admin,
      );
      expect(moved.status).toBe(200);
      const received = () => feed.items<EventRecord>('events.appended');
      // The hub learns of the change through the store's notice: an event of M-3 received
      // says the new assignment is in force.
      let probes = 0;
      await waitFor('the new assignment to reach the feed', async () => {
        if (received().length > 0) return true;
        probes += 1;
        await save('L-2', 'M-3', `Oven 3 probe ${probes}`);
        return undefined;
      });
      await save('L-1', 'M-1', 'Press 1 after the move');
      await save('L-2', 'M-3', 'Oven 3 after the move');
      await feed.until(() => received().some((event) => event.message.includes('after the move')));
      expect(new Set(received().map((event) => event.machineId))).toEqual(new Set(['M-3']));
    } finally {
      feed.close();
      await t.http(
        'accounts.setAssignments',
        { id: operator.user.id, assignments: { lines: [], machines: ['M-1'] } },
        admin,
      );
    }
  });

  it('refuses the operator a feed of account changes', async () => {
    const feed = await openLive(t.url, operator.token, ['events.appended', 'accounts.changed']);
    try {
      expect(feed.reply).toMatchObject({ type: 'error', error: { code: 'FORBIDDEN' } });
    } finally {
      feed.close();
    }
    const adminFeed = await openLive(t.url, admin, ['accounts.changed']);
    adminFeed.close();
    expect(adminFeed.reply.type).toBe('subscribed');
  });
});
