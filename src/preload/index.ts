import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { CallResult } from '../shared/api-client';
import type { MethodName } from '../shared/contract';
import { IPC, type DesktopBridge, type LiveChannel } from '../shared/desktop-bridge';
import type {
  WorkstationInfo,
  WorkstationProbeResult,
  WorkstationSaveResult,
} from '../shared/desktop/workstation';

/**
 * Feed ids only need to be unique within this page. The random prefix keeps a reloaded page
 * from reusing the id of a feed main has not closed yet.
 */
const pagePrefix = Math.random().toString(36).slice(2, 10);
let nextFeed = 0;

/** A raw message channel to main's LiveConnection; the protocol is the renderer's business. */
function openLive(onMessage: (message: unknown) => void, onClose?: () => void): LiveChannel {
  const id = `${pagePrefix}-${++nextFeed}`;
  const listener = (_event: IpcRendererEvent, feedId: unknown, message: unknown): void => {
    if (feedId === id) onMessage(message);
  };
  const closedListener = (_event: IpcRendererEvent, feedId: unknown): void => {
    if (feedId !== id || !open) return;
    stop();
    onClose?.();
  };
  const stop = (): void => {
    open = false;
    ipcRenderer.removeListener(IPC.liveMessage, listener);
    ipcRenderer.removeListener(IPC.liveClosed, closedListener);
  };
  ipcRenderer.on(IPC.liveMessage, listener);
  ipcRenderer.on(IPC.liveClosed, closedListener);
  ipcRenderer.send(IPC.liveOpen, id);
  let open = true;
  return {
    send: (message: unknown) => {
      if (open) ipcRenderer.send(IPC.liveSend, id, message);
    },
    close: () => {
      if (!open) return;
      stop();
      ipcRenderer.send(IPC.liveClose, id);
    },
  };
}

/** Exactly the DesktopBridge: two contract operations, never ipcRenderer itself. */
const bridge: DesktopBridge = {
  call: (method: MethodName, input: unknown, token: string | null): Promise<CallResult> =>
    ipcRenderer.invoke(IPC.call, method, input, token) as Promise<CallResult>,
  openLive,
  workstation: {
    info: () => ipcRenderer.invoke(IPC.workstationInfo) as Promise<WorkstationInfo>,
    probe: (url: string) =>
      ipcRenderer.invoke(IPC.workstationProbe, url) as Promise<WorkstationProbeResult>,
    save: (config: unknown, token: string | null) =>
      ipcRenderer.invoke(IPC.workstationSave, config, token) as Promise<WorkstationSaveResult>,
  },
  kind: 'desktop',
};

contextBridge.exposeInMainWorld('linewatch', bridge);
