import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Backend } from '../../backend/backend';
import { LIVE_CLOSE_UNAUTHENTICATED } from '../../shared/live/live-protocol';

/** A client that does not say who it is within this time is disconnected. */
const SUBSCRIBE_TIMEOUT_MS = 10_000;

/**
 * The live feed over WebSocket: the client's first message names its token and topics (and
 * the feed it resumes); numbered batches follow, and a renewed token is sent on the same
 * socket. The protocol itself is LiveConnection's, shared with Electron IPC.
 */
export function createLiveSocket(backend: Backend) {
  const server = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });

  server.on('connection', (socket: WebSocket) => {
    const deadline = setTimeout(() => socket.close(4401, 'subscribe first'), SUBSCRIBE_TIMEOUT_MS);
    const connection = backend.openLive({
      send: (message) => {
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
      },
      end: (code) => socket.close(LIVE_CLOSE_UNAUTHENTICATED, code),
    });
    socket.on('message', (data) => {
      void connection.receive(parseJson(String(data))).then(() => {
        if (connection.subscribed) clearTimeout(deadline);
      });
    });
    socket.on('close', () => {
      clearTimeout(deadline);
      connection.closed();
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

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
