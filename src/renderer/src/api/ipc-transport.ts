import type { Transport } from '../../../shared/api-client';
import type { DesktopBridge } from '../../../shared/desktop-bridge';
import { LiveClient, type Connect } from '../../../shared/live/live-client';

/** In the desktop app every call goes through the preload bridge to the main process. */
export function createIpcTransport(bridge: DesktopBridge): Transport {
  // One link is one IPC channel to main's LiveConnection; it is open at once.
  const connect: Connect = (handlers) => {
    const channel = bridge.openLive(
      (message) => handlers.onMessage(message),
      () => handlers.onClose(),
    );
    queueMicrotask(() => handlers.onOpen());
    return { send: (message) => channel.send(message), close: () => channel.close() };
  };
  return {
    call: (method, input, token) => bridge.call(method, input, token),
    openLive: (token, topics, onEvent) => new LiveClient(connect, token, topics, onEvent),
  };
}
