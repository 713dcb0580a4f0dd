import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { z } from 'zod';
import type { Backend } from '../../backend/backend';
import { topicNames, type TopicName } from '../../shared/contract';

const Subscribe = z.object({
  type: z.literal('subscribe'),
  token: z.string().max(4096),
  topics: z.array(z.enum(topicNames as [TopicName, ...TopicName[]])).min(1),
});

/** A client that does not say who it is within this time is disconnected. */
const SUBSCRIBE_TIMEOUT_MS = 10_000;

/**
 * The live feed over WebSocket: the client's first message names its token and topics; the
 * backend's coalesced batches follow. Re-subscribing (a renewed token) replaces the feed.
 */
export function createLiveSocket(backend: Backend) {
  const server = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });

  server.on('connection', (socket: WebSocket) => {
    let close: (() => void) | null = null;
    const deadline = setTimeout(() => socket.close(4401, 'subscribe first'), SUBSCRIBE_TIMEOUT_MS);
    const sendError = (code: string, message: string) =>
      socket.send(JSON.stringify({ type: 'error', error: { code, message } }));

    const subscribe = async (data: unknown): Promise<void> => {
      let parsed: z.infer<typeof Subscribe>;
      try {
        parsed = Subscribe.parse(JSON.parse(String(data)));
      } catch {
        sendError('INVALID_INPUT', 'Send {"type":"subscribe","token":"…","topics":["…"]}');
        return;
      }
      const opened = await backend.openLive(parsed.token, parsed.topics, (batches) => {
        if (socket.readyState === socket.OPEN)
          socket.send(JSON.stringify({ type: 'batch', batches }));
      });
      if ('error' in opened) {
        sendError(opened.error.code, opened.error.message);
        socket.close(4401, opened.error.code);
        return;
      }
      clearTimeout(deadline);
      close?.();
      close = opened.close;
      socket.send(JSON.stringify({ type: 'subscribed', topics: parsed.topics }));
    };
    socket.on('message', (data) => void subscribe(data));
    socket.on('close', () => {
      clearTimeout(deadline);
      close?.();
    });
    socket.on('error', () => socket.terminate());
  });

  return {
    handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
      server.handleUpgrade(request, socket, head, (ws) => server.emit('connection', ws, request));
    },
    close(): void {
      for (const client of server.clients) client.terminate();
      server.close();
    },
  };
}
