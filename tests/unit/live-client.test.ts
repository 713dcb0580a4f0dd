import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LiveClient, type LinkHandlers } from '../../src/shared/live/live-client';
import type {
  LiveClientMessage,
  LiveEvent,
  LiveServerMessage,
} from '../../src/shared/live/live-protocol';

/** A fake link per connect, driven by the test: the client side of the live protocol. */
function harness() {
  const links: { handlers: LinkHandlers; sent: LiveClientMessage[]; closed: boolean }[] = [];
  const events: LiveEvent[] = [];
  const client = new LiveClient(
    (handlers) => {
      const link = { handlers, sent: [] as LiveClientMessage[], closed: false };
      links.push(link);
      return { send: (message) => void link.sent.push(message), close: () => (link.closed = true) };
    },
    'token-1',
    ['alerts.changed'],
    (event) => events.push(event),
  );
  const last = () => links.at(-1)!;
  const serve = (message: LiveServerMessage) => last().handlers.onMessage(message);
  const batch = (seq: number): LiveServerMessage => ({
    type: 'batch',
    seq,
    batches: [{ topic: 'alerts.changed', items: [seq], dropped: 0 }],
  });
  return { client, links, events, last, serve, batch };
}

describe('LiveClient', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('renews the token on the open link instead of reconnecting', () => {
    const h = harness();
    h.last().handlers.onOpen();
    expect(h.last().sent[0]).toMatchObject({ type: 'subscribe', token: 'token-1' });
    h.serve({ type: 'subscribed', feed: 'f-1', seq: 0, resumed: false, topics: [] });
    h.client.renew('token-2');
    expect(h.links).toHaveLength(1);
    expect(h.last().sent.at(-1)).toEqual({ type: 'token', token: 'token-2' });
  });

  it('resumes after a drop from the last frame it saw, with the newest token', () => {
    const h = harness();
    h.last().handlers.onOpen();
    h.serve({ type: 'subscribed', feed: 'f-1', seq: 0, resumed: false, topics: [] });
    h.serve(h.batch(1));
    h.serve(h.batch(2));
    h.last().handlers.onClose();
    expect(h.events.filter((event) => event.kind === 'lost')).toHaveLength(1);
    h.client.renew('token-2'); // while away: used at the next subscribe
    vi.advanceTimersByTime(1_000);
    expect(h.links).toHaveLength(2);
    h.last().handlers.onOpen();
    expect(h.last().sent[0]).toEqual({
      type: 'subscribe',
      token: 'token-2',
      topics: ['alerts.changed'],
      resume: { feed: 'f-1', seq: 2 },
    });
  });

  it('turns a jump in the numbering or a server resync into one resync event each', () => {
    const h = harness();
    h.last().handlers.onOpen();
    h.serve({ type: 'subscribed', feed: 'f-1', seq: 0, resumed: false, topics: [] });
    h.serve(h.batch(1));
    h.serve(h.batch(1)); // a replay overlap: ignored
    h.serve(h.batch(3)); // frame 2 never came
    h.serve({ type: 'resync', feed: 'f-1', seq: 3, reason: 'dropped' });
    const kinds = h.events.map((event) => event.kind);
    expect(kinds).toEqual(['connected', 'batches', 'resync', 'batches', 'resync']);
  });

  it('stops retrying a refused token until a new one comes', () => {
    const h = harness();
    h.last().handlers.onOpen();
    h.serve({ type: 'error', error: { code: 'UNAUTHENTICATED', message: 'expired' } });
    h.last().handlers.onClose();
    vi.advanceTimersByTime(60_000);
    expect(h.links).toHaveLength(1);
    // A refused token is a session matter: the backend is reachable, nothing is "lost".
    expect(h.events.some((event) => event.kind === 'lost')).toBe(false);
    h.client.renew('token-2');
    vi.advanceTimersByTime(1_000);
    expect(h.links).toHaveLength(2);
  });
});
