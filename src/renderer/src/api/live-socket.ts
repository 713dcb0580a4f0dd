import { z } from 'zod';
import { ApiErrorBody, topicNames, type LiveBatch, type TopicName } from '../../../shared/contract';
import { LIVE_PATH } from '../../../shared/http-route';

const LiveBatchMessage = z.object({
  type: z.literal('batch'),
  batches: z.array(
    z.object({
      topic: z.enum(topicNames as [TopicName, ...TopicName[]]),
      items: z.array(z.unknown()),
      dropped: z.number(),
    }),
  ),
});
const LiveErrorMessage = z.object({ type: z.literal('error'), error: ApiErrorBody });
const SubscribedMessage = z.object({ type: z.literal('subscribed') });
const ServerMessage = z.discriminatedUnion('type', [
  LiveBatchMessage,
  LiveErrorMessage,
  SubscribedMessage,
]);

const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;

function liveUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${window.location.host}${LIVE_PATH}`;
}

/**
 * Keeps one WebSocket to the live feed open until the returned closer is called. A dropped
 * connection (server restart, network blip) is retried with a doubling delay, so a control
 * room screen recovers on its own without hammering the server.
 */
export function openLiveSocket(
  token: string,
  topics: TopicName[],
  onBatch: (batches: LiveBatch[]) => void,
): () => void {
  let socket: WebSocket | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let retryDelay = FIRST_RETRY_MS;
  let closed = false;

  const connect = (): void => {
    socket = new WebSocket(liveUrl());
    socket.addEventListener('open', () => {
      socket?.send(JSON.stringify({ type: 'subscribe', token, topics }));
    });
    socket.addEventListener('message', (event: MessageEvent<unknown>) => {
      if (typeof event.data !== 'string') return;
      const parsed = ServerMessage.safeParse(safeJson(event.data));
      if (!parsed.success) return;
      if (parsed.data.type === 'error') {
        console.warn('Live feed refused:', parsed.data.error.message);
        return;
      }
      // Accepted: the next drop starts over with a short wait.
      retryDelay = FIRST_RETRY_MS;
      if (parsed.data.type === 'batch') onBatch(parsed.data.batches);
    });
    socket.addEventListener('close', scheduleRetry);
  };

  const scheduleRetry = (): void => {
    socket = null;
    if (closed || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      if (!closed) connect();
    }, retryDelay);
    retryDelay = Math.min(retryDelay * 2, MAX_RETRY_MS);
  };

  connect();
  return () => {
    closed = true;
    if (retryTimer) clearTimeout(retryTimer);
    socket?.close();
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
