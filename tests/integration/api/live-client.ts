import WebSocket from 'ws';
import type { LiveBatch, TopicName } from '../../../src/shared/contract';
import { LIVE_PATH } from '../../../src/shared/http-route';
import type { LiveClientMessage, LiveServerMessage } from '../../../src/shared/live/live-protocol';

/** One message of the live WebSocket, as the console server sends it. */
export type LiveMessage = LiveServerMessage;

export interface LiveFeed {
  /** The server's answer to the subscription: `subscribed` or `error`. */
  reply: LiveMessage;
  /** Every batch message received since, with its arrival time and number. */
  batches: { receivedAt: number; seq: number; batches: LiveBatch[] }[];
  /** Every message after the reply (batches, resync, renewed, error), in order. */
  messages: LiveMessage[];
  /** The number of the last batch received (or the reply's). */
  lastSeq(): number;
  /** The feed id of the reply. */
  feedId(): string;
  send(message: LiveClientMessage | Record<string, unknown>): void;
  /** Resolves with the close code once the server closed the socket. */
  closed: Promise<number>;
  /** All items of a topic received so far, in order. */
  items<T = unknown>(topic: TopicName): T[];
  /** Resolves once `ready()` holds, checking after each message; rejects after `timeoutMs`. */
  until(ready: () => boolean, timeoutMs?: number): Promise<void>;
  close(): void;
}

/**
 * Opens /api/live like the console client does and subscribes with the token; with `resume`,
 * asks for the frames after `resume.seq` of an earlier feed.
 */
export function openLive(
  baseUrl: string,
  token: string,
  topics: TopicName[],
  resume?: { feed: string; seq: number },
): Promise<LiveFeed> {
  const socket = new WebSocket(baseUrl.replace(/^http/, 'ws') + LIVE_PATH);
  const batches: LiveFeed['batches'] = [];
  const messages: LiveMessage[] = [];
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  const waiters = new Set<() => void>();

  return new Promise((resolve, reject) => {
    let feed: LiveFeed | null = null;
    socket.on('error', reject);
    socket.on('open', () =>
      socket.send(JSON.stringify({ type: 'subscribe', token, topics, resume })),
    );
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as LiveMessage;
      if (!feed) {
        feed = makeFeed(message);
        resolve(feed);
        return;
      }
      messages.push(message);
      if (message.type === 'batch')
        batches.push({ receivedAt: Date.now(), seq: message.seq, batches: message.batches });
      for (const waiter of waiters) waiter();
    });
  });

  function makeFeed(reply: LiveMessage): LiveFeed {
    return {
      reply,
      batches,
      messages,
      lastSeq: () => batches.at(-1)?.seq ?? (reply.type === 'subscribed' ? reply.seq : 0),
      feedId: () => (reply.type === 'subscribed' ? reply.feed : ''),
      send: (message) => socket.send(JSON.stringify(message)),
      closed,
      items<T>(topic: TopicName): T[] {
        return batches.flatMap((message) =>
          message.batches
            .filter((batch) => batch.topic === topic)
            .flatMap((batch) => batch.items as T[]),
        );
      },
      until(ready, timeoutMs = 5000) {
        if (ready()) return Promise.resolve();
        return new Promise((resolve, reject) => {
          const timer = setTimeout(() => {
            waiters.delete(check);
            reject(new Error(`live feed: condition not met within ${timeoutMs} ms`));
          }, timeoutMs);
          const check = () => {
            if (!ready()) return;
            clearTimeout(timer);
            waiters.delete(check);
            resolve();
          };
          waiters.add(check);
        });
      },
      close: () => socket.terminate(),
    };
  }
}

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));
