import type { CallResult } from './api-client';
import type { MethodName } from './contract';

/**
 * What the preload script exposes on `window.linewatch` with contextBridge: the contract's
 * two operations and nothing else (no generic ipcRenderer).
 */
export interface DesktopBridge {
  call(method: MethodName, input: unknown, token: string | null): Promise<CallResult>;
  /**
   * Opens a raw live connection to main: messages of the live protocol
   * (src/shared/live/live-protocol.ts) both ways; the renderer's LiveClient speaks it.
   */
  openLive(onMessage: (message: unknown) => void): LiveChannel;
  /** 'desktop': lets the renderer show desktop-only actions (print dialog, simulator window). */
  readonly kind: 'desktop';
}

/** One live connection over IPC: send a client message, or close it. */
export interface LiveChannel {
  send(message: unknown): void;
  close(): void;
}

/** IPC channel names, shared by preload and main. */
export const IPC = {
  call: 'linewatch:call',
  liveOpen: 'linewatch:live-open',
  liveSend: 'linewatch:live-send',
  liveClose: 'linewatch:live-close',
  liveMessage: 'linewatch:live-message',
} as const;
