import WebSocket from 'ws';
import type { ApiErrorBody, LiveBatch, TopicName } from '../../../src/shared/contract';
import { LIVE_PATH } from '../../../src/shared/http-route';

/** One message of the live WebSocket, as the console server sends it. */
export type LiveMessage =
  | { type: 'subscribed'; topics: TopicName[] }
  | { type: 'batch'; batches: LiveBatch[] }
  | { type: 'error'; error: ApiErrorBody };

export interface LiveFeed {
  /** The server's answer to the subscription: `subscribed` or `error`. */
  reply: LiveMessage;
  /** Every batch message received since, with its arrival time. */
  batches: { receivedAt: number; batches: LiveBatch[] }[];
  /** All items of a topic received so far, in order. */
  items<T = unknown>(topic: TopicName): T[];
  /** Resolves once `ready()` holds, checking after each message; rejects after `timeoutMs`. */
  until(ready: () => boolean, timeoutMs?: number): Promise<void>;
  close(): void;
}

/** Opens /api/live like the console client does and subscribes with the token. */
export function openLive(baseUrl: string, token: string, topics: TopicName[]): Promise<LiveFeed> {
  const socket = new WebSocket(baseUrl.replace(/^http/, 'ws') + LIVE_PATH);
  const batches: LiveFeed['batches'] = [];
  const waiters = new Set<() => void>();

  return new Promise((resolve, reject) => {
    let feed: LiveFeed | null = null;
    socket.on('error', reject);
    socket.on('open', () => socket.send(JSON.stringify({ type: 'subscribe', token, topics })));
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as LiveMessage;
      if (!feed) {
        feed = makeFeed(message);
        resolve(feed);
        return;
      }
      if (message.type === 'batch')
        batches.push({ receivedAt: Date.now(), batches: message.batches });
      for (const waiter of waiters) waiter();
    });
  });

  function makeFeed(reply: LiveMessage): LiveFeed {
    return {
      reply,
      batches,
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
