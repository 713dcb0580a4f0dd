import { LIVE_PATH } from '../../../shared/http-route';
import type { Connect } from '../../../shared/live/live-client';

function liveUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${window.location.host}${LIVE_PATH}`;
}

/** Console mode: one link of the live feed is one WebSocket; LiveClient does the rest. */
export const connectWebSocket: Connect = (handlers) => {
  const socket = new WebSocket(liveUrl());
  socket.addEventListener('open', () => handlers.onOpen());
  socket.addEventListener('message', (event: MessageEvent<unknown>) => {
    if (typeof event.data === 'string') handlers.onMessage(safeJson(event.data));
  });
  socket.addEventListener('close', () => handlers.onClose());
  return {
    send: (message) => {
      if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
    },
    close: () => socket.close(),
  };
};

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
