import type { CallResult } from './api-client';
import type { MethodName } from './contract';
import type {
  WorkstationInfo,
  WorkstationProbeResult,
  WorkstationSaveResult,
} from './desktop/workstation';

/**
 * What the preload script exposes on `window.linewatch` with contextBridge: the contract's
 * two operations and nothing else (no generic ipcRenderer).
 */
export interface DesktopBridge {
  /**
   * One contract call. `token` is what login answered: on a workstation an opaque handle that
   * main swaps for the server's token (src/backend/remote/session-handles.ts), so the server's
   * bearer token never reaches the page.
   */
  call(method: MethodName, input: unknown, token: string | null): Promise<CallResult>;
  /**
   * Opens a raw live connection to main: messages of the live protocol
   * (src/shared/live/live-protocol.ts) both ways; the renderer's LiveClient speaks it.
   */
  openLive(onMessage: (message: unknown) => void, onClose?: () => void): LiveChannel;
  /** What this desktop is (standalone or a station of a server); set at first start. */
  readonly workstation: WorkstationBridge;
  /** 'desktop': lets the renderer show desktop-only actions (print dialog, simulator window). */
  readonly kind: 'desktop';
}

/** The desktop's own setting; the server's token never crosses it (main checks the admin). */
export interface WorkstationBridge {
  info(): Promise<WorkstationInfo>;
  /** Trust on first use: the fingerprint the server at `url` shows, to compare and pin. */
  probe(url: string): Promise<WorkstationProbeResult>;
  /** Saves the choice and restarts Linewatch; after the first start, an admin's session only. */
  save(config: unknown, token: string | null): Promise<WorkstationSaveResult>;
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
  /** Main to page: the feed's link ended (a workstation lost its server); LiveClient reconnects. */
  liveClosed: 'linewatch:live-closed',
  workstationInfo: 'linewatch:workstation-info',
  workstationProbe: 'linewatch:workstation-probe',
  workstationSave: 'linewatch:workstation-save',
} as const;
