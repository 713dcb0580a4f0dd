import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { CallResult } from '../shared/api-client';
import type { LiveBatch, MethodName, TopicName } from '../shared/contract';
import { IPC, type DesktopBridge } from '../shared/desktop-bridge';

/**
 * Feed ids only need to be unique within this page. The random prefix keeps a reloaded page
 * from reusing the id of a feed main has not closed yet.
 */
const pagePrefix = Math.random().toString(36).slice(2, 10);
let nextFeed = 0;

function openLive(
  token: string,
  topics: TopicName[],
  onBatch: (batches: LiveBatch[]) => void,
): () => void {
  const id = `${pagePrefix}-${++nextFeed}`;
  const listener = (_event: IpcRendererEvent, feedId: unknown, batches: unknown): void => {
    if (feedId === id && Array.isArray(batches)) onBatch(batches as LiveBatch[]);
  };
  ipcRenderer.on(IPC.liveBatch, listener);
  ipcRenderer.send(IPC.liveOpen, id, token, topics);
  let open = true;
  return () => {
    if (!open) return;
    open = false;
    ipcRenderer.removeListener(IPC.liveBatch, listener);
    ipcRenderer.send(IPC.liveClose, id);
  };
}

/** Exactly the DesktopBridge: two contract operations, never ipcRenderer itself. */
const bridge: DesktopBridge = {
  call: (method: MethodName, input: unknown, token: string | null): Promise<CallResult> =>
    ipcRenderer.invoke(IPC.call, method, input, token) as Promise<CallResult>,
  openLive,
  kind: 'desktop',
};

contextBridge.exposeInMainWorld('linewatch', bridge);
