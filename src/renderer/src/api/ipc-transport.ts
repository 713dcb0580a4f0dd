import type { Transport } from '../../../shared/api-client';
import type { DesktopBridge } from '../../../shared/desktop-bridge';

/** In the desktop app every call goes through the preload bridge to the main process. */
export function createIpcTransport(bridge: DesktopBridge): Transport {
  return {
    call: (method, input, token) => bridge.call(method, input, token),
    openLive: (token, topics, onBatch) => bridge.openLive(token, topics, onBatch),
  };
}
