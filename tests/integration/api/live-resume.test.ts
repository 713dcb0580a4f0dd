import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventRecord, Session, TokenRenewal } from '../../../src/shared/contract';
import { DEFAULT_RESUME_WINDOW_MS } from '../../../src/backend/live/live-hub';
import { startTestServer, type TestServer } from '../../helpers/test-backend';
import { openLive, type LiveFeed } from './live-client';

const FLUSH_MS = 50;

/**
 * The live feed without holes, at the WebSocket: numbered frames, a token renewed on the open
 * socket, a resume that replays what a dropped client missed (its own scope only), and a
 * resync when the gap cannot be filled.
 */
describe('live feed: numbering, token renewal, resume and resync', () => {
  let t: TestServer;
  let admin: Session;
  const feeds: LiveFeed[] = [];
  const open = async (...args: Parameters<typeof openLive>) => {
    const feed = await openLive(...args);
    feeds.push(feed);
    return feed;
  };
  const rename = async (machineId: string, name: string) => {
    const { status } = await t.http(
      'plant.saveMachine',
      { lineId: 'L-1', machineId, name },
      admin.token,
    );
    expect(status).toBe(200);
  };
  const names = (feed: LiveFeed) =>
    feed.items<EventRecord>('events.appended').map((event) => event.message);
  const seqs = (feed: LiveFeed) => feed.batches.map((batch) => batch.seq);

  beforeAll(async () => {
    t = await startTestServer({ flushMs: FLUSH_MS });
    admin = await t.setupAdmin();
    for (const machineId of ['M-1', 'M-2']) {
      await t.http('plant.saveMachine', { lineId: 'L-1', machineId }, admin.token);
    }
  });
  afterAll(async () => {
    for (const feed of feeds) feed.close();
    await t.close();
  });

  it('renews the token on the open socket, three times, and misses nothing meanwhile', async () => {
    const feed = await open(t.url, admin.token, ['events.appended']);
    expect(feed.reply).toMatchObject({ type: 'subscribed', seq: 0, resumed: false });
    let token = admin.token;
    for (let round = 1; round <= 3; round++) {
      await rename('M-1', `renewal round ${round}`);
      const renewal = (await t.http('auth.refresh', {}, token)).body as TokenRenewal;
      token = renewal.token;
      feed.send({ type: 'token', token });
      await feed.until(
        () => feed.messages.filter((message) => message.type === 'renewed').length === round,
      );
    }
    await rename('M-1', 'renewal done');
    await feed.until(() => names(feed).some((name) => name.includes('renewal done')));
    for (let round = 1; round <= 3; round++) {
      expect(names(feed).filter((name) => name.includes(`renewal round ${round}`))).toHaveLength(1);
    }
    // One socket throughout, numbered 1, 2, 3 … without a hole.
    expect(seqs(feed)).toEqual(seqs(feed).map((_, index) => index + 1));
  });

  it("refuses a bad renewal or another user's token, and closes the socket", async () => {
    const bad = await open(t.url, admin.token, ['events.appended']);
    bad.send({ type: 'token', token: 'not-a-token' });
    expect(await bad.closed).toBe(4401);
    expect(bad.messages.at(-1)).toMatchObject({
      type: 'error',
      error: { code: 'UNAUTHENTICATED' },
    });

    const other = await t.createUser(admin.token, 'renewal-op', 'operator', {
      lines: [],
      machines: ['M-1'],
    });
    const stolen = await open(t.url, admin.token, ['events.appended']);
    stolen.send({ type: 'token', token: other.token });
    expect(await stolen.closed).toBe(4401);
    expect(stolen.messages.at(-1)).toMatchObject({ type: 'error', error: { code: 'FORBIDDEN' } });
  });

  it('resumes a dropped socket: what was published meanwhile comes once, in order', async () => {
    const first = await open(t.url, admin.token, ['events.appended']);
    await rename('M-1', 'before the drop');
    await first.until(() => names(first).some((name) => name.includes('before the drop')));
    const seen = first.lastSeq();
    first.close();
    await rename('M-1', 'while away 1');
    await rename('M-2', 'while away 2');

    const second = await open(t.url, admin.token, ['events.appended'], {
      feed: first.feedId(),
      seq: seen,
    });
    expect(second.reply).toMatchObject({ type: 'subscribed', feed: first.feedId(), resumed: true });
    await rename('M-1', 'after the resume');
    await second.until(() => names(second).some((name) => name.includes('after the resume')));
    const all = [...names(first), ...names(second)];
    for (const text of ['before the drop', 'while away 1', 'while away 2', 'after the resume']) {
      expect(
        all.filter((name) => name.includes(text)),
        text,
      ).toHaveLength(1);
    }
    expect(seqs(second)).toEqual(seqs(second).map((_, index) => seen + index + 1));
    expect(second.messages.some((message) => message.type === 'resync')).toBe(false);
  });

  it("replays only the subscriber's own scope, and never another user's feed", async () => {
    const op = await t.login('renewal-op');
    const mine = await open(t.url, op.token, ['events.appended']);
    const seen = mine.lastSeq();
    mine.close();
    await rename('M-2', 'not for the operator');
    await rename('M-1', 'for the operator');

    const back = await open(t.url, op.token, ['events.appended'], {
      feed: mine.feedId(),
      seq: seen,
    });
    expect(back.reply).toMatchObject({ resumed: true });
    await back.until(() => names(back).some((name) => name.includes('for the operator')));
    expect(names(back).some((name) => name.includes('not for the operator'))).toBe(false);
    back.close();

    // The admin's feed id in the operator's hands gives a fresh feed and a resync, nothing else.
    const adminFeed = await open(t.url, admin.token, ['events.appended']);
    await rename('M-2', 'admin only');
    await adminFeed.until(() => names(adminFeed).some((name) => name.includes('admin only')));
    adminFeed.close();
    const thief = await open(t.url, op.token, ['events.appended'], {
      feed: adminFeed.feedId(),
      seq: 0,
    });
    expect(thief.reply).toMatchObject({ type: 'subscribed', resumed: false });
    await thief.until(() => thief.messages.some((message) => message.type === 'resync'));
    expect(thief.messages.find((message) => message.type === 'resync')).toMatchObject({
      reason: 'unknown-feed',
    });
    expect(thief.batches).toEqual([]);
  });

  it('says resync when the gap is older than the resume window', async () => {
    const feed = await open(t.url, admin.token, ['events.appended']);
    await rename('M-1', 'before the long break');
    await feed.until(() => names(feed).some((name) => name.includes('before the long break')));
    feed.close();
    await rename('M-1', 'during the long break');
    t.clock.advance(DEFAULT_RESUME_WINDOW_MS + 1_000);

    const back = await open(t.url, admin.token, ['events.appended'], {
      feed: feed.feedId(),
      seq: feed.lastSeq(),
    });
    expect(back.reply).toMatchObject({ type: 'subscribed', resumed: false });
    await back.until(() => back.messages.some((message) => message.type === 'resync'));
    expect(names(back).some((name) => name.includes('during the long break'))).toBe(false);
  });
});

describe('live feed across a server restart', () => {
  it('answers a resume with resync, since the new server cannot know the gap', async () => {
    const first = await startTestServer({ flushMs: FLUSH_MS });
    const dataDir = first.dataDir;
    let second: TestServer | null = null;
    try {
      const admin = await first.setupAdmin();
      const feed = await openLive(first.url, admin.token, ['events.appended']);
      await first.http('plant.saveMachine', { lineId: 'L-1', machineId: 'M-1' }, admin.token);
      await feed.until(() => feed.batches.length > 0);
      feed.close();
      await first.server.close();
      await first.backend.close();

      second = await startTestServer({ flushMs: FLUSH_MS, dataDir });
      const back = await openLive(second.url, admin.token, ['events.appended'], {
        feed: feed.feedId(),
        seq: feed.lastSeq(),
      });
      expect(back.reply).toMatchObject({ type: 'subscribed', resumed: false });
      await back.until(() => back.messages.some((message) => message.type === 'resync'));
      back.close();
    } finally {
      await second?.close();
      await first.close().catch(() => undefined);
    }
  });
});
