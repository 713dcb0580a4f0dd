import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventRecord } from '../../../src/shared/contract';
import { startTestServer, type TestServer } from '../../helpers/test-backend';
import { openLive, type LiveFeed } from './live-client';

const FLUSH_MS = 200;
const EVENTS = 300;
const PARALLEL = 30;

describe('live updates are coalesced', () => {
  let t: TestServer;
  let admin: string;
  let feed: LiveFeed;

  beforeAll(async () => {
    t = await startTestServer({ flushMs: FLUSH_MS });
    admin = (await t.setupAdmin()).token;
    for (let m = 0; m < 10; m++) {
      await t.http('plant.saveMachine', { lineId: 'L-1', machineId: `M-${m}` }, admin);
    }
    feed = await openLive(t.url, admin, ['events.appended']);
    expect(feed.reply.type).toBe('subscribed');
  });
  afterAll(async () => {
    feed.close();
    await t.close();
  });

  it(`delivers ${EVENTS} events in a few batches, one per flush interval`, async () => {
    const renames = Array.from({ length: EVENTS }, (_, i) => ({
      lineId: 'L-1',
      machineId: `M-${i % 10}`,
      name: `rename ${i}`,
    }));
    for (let start = 0; start < EVENTS; start += PARALLEL) {
      const results = await Promise.all(
        renames
          .slice(start, start + PARALLEL)
          .map((input) => t.http('plant.saveMachine', input, admin)),
      );
      expect(results.every((result) => result.status === 200)).toBe(true);
    }
    const renamed = () =>
      feed
        .items<EventRecord>('events.appended')
        .filter((event) => event.message.includes('(rename '));
    await feed.until(() => renamed().length >= EVENTS, 10_000);

    expect(new Set(renamed().map((event) => event.id)).size).toBe(EVENTS);
    const messages = feed.batches;
    expect(messages.length).toBeLessThanOrEqual(30);
    expect(messages.flatMap((m) => m.batches).every((batch) => batch.dropped === 0)).toBe(true);

    const gaps = messages.slice(1).map((m, i) => m.receivedAt - messages[i]!.receivedAt);
    const sorted = [...gaps].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    expect(sorted[0]).toBeGreaterThanOrEqual(FLUSH_MS * 0.5);
    expect(median).toBeGreaterThanOrEqual(FLUSH_MS * 0.8);
    expect(median).toBeLessThanOrEqual(FLUSH_MS * 3);
  });
});
