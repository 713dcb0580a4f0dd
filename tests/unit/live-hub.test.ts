import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Caller } from '../../src/backend/auth/auth-service';
import { CallerScope } from '../../src/backend/auth/scope';
import { LiveHub } from '../../src/backend/live/live-hub';
import type { EventRecord, User } from '../../src/shared/contract';
import type { LiveServerMessage } from '../../src/shared/live/live-protocol';

const FLUSH_MS = 100;

function caller(machines: string[] = ['M-1'], sessionId = 's-1'): Caller {
  const user: User = {
    id: 7,
    username: 'op',
    displayName: 'Op',
    role: 'operator',
    disabled: false,
    lockedUntil: null,
    lastLoginAt: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    assignments: { lines: [], machines },
  };
  return { user, sessionId, scope: new CallerScope(user, () => 'L-1') };
}

let nextEvent = 1;
function event(machineId: string): EventRecord {
  const id = nextEvent++;
  return {
    id,
    at: '2026-01-01T00:00:00.000Z',
    type: 'test',
    actor: null,
    target: null,
    lineId: 'L-1',
    machineId,
    message: `event ${id} on ${machineId}`,
    details: {},
    hash: '',
  };
}

/** The unit side of the resume rules; the WebSocket side is tests/integration/api/live-resume. */
describe('LiveHub numbering, resume and resync', () => {
  let now = 0;
  let sessionLive = true;
  let hub: LiveHub;
  const inbox = () => {
    const got: LiveServerMessage[] = [];
    return { got, send: (message: LiveServerMessage) => void got.push(message) };
  };
  const flush = () => vi.advanceTimersByTime(FLUSH_MS);
  const seqs = (got: LiveServerMessage[]) =>
    got.flatMap((message) => (message.type === 'batch' ? [message.seq] : []));
  const resyncs = (got: LiveServerMessage[]) => got.filter((message) => message.type === 'resync');

  beforeEach(() => {
    vi.useFakeTimers();
    now = 1_000_000;
    sessionLive = true;
    hub = new LiveHub(() => sessionLive, {
      flushMs: FLUSH_MS,
      now: () => now,
      resumeFrames: 3,
      resumeWindowMs: 60_000,
    });
  });
  afterEach(() => {
    hub.close();
    vi.useRealTimers();
  });

  it("numbers frames and replays exactly the missed ones, in the caller's scope", () => {
    const first = inbox();
    const feed = hub.open(caller(), ['events.appended'], first.send);
    hub.publish('events.appended', event('M-1'));
    flush();
    expect(seqs(first.got)).toEqual([1]);
    feed.detach();
    hub.publish('events.appended', event('M-1'));
    flush();
    hub.publish('events.appended', event('M-2')); // not the operator's
    hub.publish('events.appended', event('M-1'));
    flush();

    const second = inbox();
    hub.open(caller(), ['events.appended'], second.send, { feed: feed.feedId, seq: 1 });
    expect(second.got[0]).toMatchObject({ type: 'subscribed', resumed: true, seq: 1 });
    expect(seqs(second.got)).toEqual([2, 3]);
    const replayed = second.got.flatMap((message) =>
      message.type === 'batch' ? message.batches.flatMap((batch) => batch.items) : [],
    ) as EventRecord[];
    expect(replayed.map((item) => item.machineId)).toEqual(['M-1', 'M-1']);
  });

  it('says resync when more frames were missed than it keeps', () => {
    const feed = hub.open(caller(), ['events.appended'], inbox().send);
    feed.detach();
    for (let i = 0; i < 5; i++) {
      hub.publish('events.appended', event('M-1'));
      flush();
    }
    const back = inbox();
    hub.open(caller(), ['events.appended'], back.send, { feed: feed.feedId, seq: 0 });
    expect(back.got[0]).toMatchObject({ type: 'subscribed', resumed: false });
    expect(resyncs(back.got)).toMatchObject([{ reason: 'gap' }]);
    expect(seqs(back.got)).toEqual([]);
  });

  it('says resync when the feed waited longer than the window', () => {
    const feed = hub.open(caller(), ['events.appended'], inbox().send);
    feed.detach();
    now += 60_001;
    const back = inbox();
    hub.open(caller(), ['events.appended'], back.send, { feed: feed.feedId, seq: 0 });
    expect(resyncs(back.got)).toMatchObject([{ reason: 'unknown-feed' }]);
  });

  it('says resync right after a frame with dropped items, and refuses a resume across it', () => {
    const live = inbox();
    const feed = hub.open(caller(), ['events.appended'], live.send);
    for (let i = 0; i < 501; i++) hub.publish('events.appended', event('M-1'));
    flush();
    expect(live.got.at(-2)).toMatchObject({ type: 'batch', seq: 1 });
    expect(live.got.at(-1)).toMatchObject({ type: 'resync', reason: 'dropped', seq: 1 });
    feed.detach();
    const back = inbox();
    hub.open(caller(), ['events.appended'], back.send, { feed: feed.feedId, seq: 0 });
    expect(resyncs(back.got)).toHaveLength(1);
  });

  it('tells a session that missed items while locked to resync once it is unlocked', () => {
    const live = inbox();
    hub.open(caller(), ['events.appended'], live.send);
    sessionLive = false;
    hub.publish('events.appended', event('M-1'));
    flush();
    expect(live.got.filter((message) => message.type !== 'subscribed')).toEqual([]);
    sessionLive = true;
    flush();
    expect(resyncs(live.got)).toMatchObject([{ reason: 'locked' }]);
  });

  it('does not replay frames filtered for an older scope', () => {
    const feed = hub.open(caller(['M-1']), ['events.appended'], inbox().send);
    feed.detach();
    hub.publish('events.appended', event('M-1'));
    flush();
    const back = inbox();
    hub.open(caller(['M-2']), ['events.appended'], back.send, { feed: feed.feedId, seq: 0 });
    expect(resyncs(back.got)).toMatchObject([{ reason: 'scope-changed' }]);
    expect(seqs(back.got)).toEqual([]);
  });
});
