import type { CallResult } from './api-client';
import type { LiveBatch, MethodName, TopicName } from './contract';

/**
 * What the preload script exposes on `window.linewatch` with contextBridge: the contract's
 * two operations and nothing else (no generic ipcRenderer).
 */
export interface DesktopBridge {
  call(method: MethodName, input: unknown, token: string | null): Promise<CallResult>;
  openLive(token: string, topics: TopicName[], onBatch: (batches: LiveBatch[]) => void): () => void;
  /** 'desktop': lets the renderer show desktop-only actions (print dialog, simulator window). */
  readonly kind: 'desktop';
}

/** IPC channel names, shared by preload and main. */
export const IPC = {
  call: 'linewatch:call',
  liveOpen: 'linewatch:live-open',
  liveClose: 'linewatch:live-close',
  liveBatch: 'linewatch:live-batch',
} as const;
