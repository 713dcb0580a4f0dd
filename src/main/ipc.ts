import { ipcMain, type IpcMainEvent, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { CallResult } from '../shared/api-client';
import type { MethodName } from '../shared/contract';
import { IPC } from '../shared/desktop-bridge';
import { isFeedId, parseCallArgs } from '../shared/desktop/ipc-args';
import { LiveFeeds } from '../shared/desktop/live-feeds';
import { isAppPage, type AppPages } from '../shared/desktop/trusted-url';

type Log = (line: string) => void;

/**
 * What IPC carries the contract to: the local backend (standalone) or the workstation
 * transport to a Linewatch server (src/backend/remote). The page cannot tell them apart.
 */
export interface ContractDoor {
  call(method: MethodName, input: unknown, token: string | null): Promise<CallResult>;
  /** `end`: the feed's link is over (refused, or the server is gone); the page reconnects. */
  openLive(peer: { send(message: unknown): void; end(reason: string): void }): {
    receive(message: unknown): unknown;
    closed(): void;
  };
}

const MALFORMED: CallResult = {
  ok: false,
  error: { code: 'INVALID_INPUT', message: 'Malformed IPC call' },
};
const FAILED: CallResult = { ok: false, error: { code: 'INTERNAL', message: 'Internal error' } };

/**
 * Carries the contract over IPC: `call` to backend.call, live feeds to backend.openLive.
 * Only the app's own page may use it; a frame showing anything else gets nothing.
 * Returns a disposer that unregisters the channels and closes every feed.
 */
export function registerIpc(backend: ContractDoor, pages: AppPages, log: Log): () => void {
  const feeds = new LiveFeeds();
  const watched = new Set<number>();
  const trusted = (event: IpcMainEvent | IpcMainInvokeEvent): boolean => {
    const url = event.senderFrame?.url ?? '';
    if (isAppPage(url, pages)) return true;
    log(`IPC refused from ${url || 'a detached frame'}`);
    return false;
  };

  // A renderer that reloads or goes away leaves its feeds behind; close them for it.
  const watch = (contents: WebContents): void => {
    if (watched.has(contents.id)) return;
    const owner = contents.id;
    watched.add(owner);
    contents.on('did-start-navigation', (details) => {
      if (details.isMainFrame && !details.isSameDocument) feeds.closeOwner(owner);
    });
    contents.once('destroyed', () => {
      feeds.closeOwner(owner);
      watched.delete(owner);
    });
  };

  ipcMain.handle(IPC.call, async (event, method: unknown, input: unknown, token: unknown) => {
    if (!trusted(event)) throw new Error('Refused: not the Linewatch page');
    const args = parseCallArgs(method, input, token);
    if (!args) return MALFORMED;
    try {
      return await backend.call(args.method, args.input, args.token);
    } catch (error) {
      log(`IPC call ${args.method} failed: ${String(error)}`);
      return FAILED;
    }
  });

  // The live protocol itself (subscribe, resume, token renewal) is LiveConnection's, the same
  // as over WebSocket; main only routes messages between the renderer and it.
  ipcMain.on(IPC.liveOpen, (event, id: unknown) => {
    if (!trusted(event) || !isFeedId(id)) return;
    const contents = event.sender;
    watch(contents);
    const connection = backend.openLive({
      send: (message) => {
        if (!contents.isDestroyed()) contents.send(IPC.liveMessage, id, message);
      },
      end: (reason) => {
        log(`Live feed ended: ${reason}`);
        feeds.close(contents.id, id);
        if (!contents.isDestroyed()) contents.send(IPC.liveClosed, id);
      },
    });
    feeds.open(contents.id, id, connection);
  });

  ipcMain.on(IPC.liveSend, (event, id: unknown, message: unknown) => {
    if (!trusted(event) || !isFeedId(id)) return;
    if (!feeds.deliver(event.sender.id, id, message)) log('Live message for an unknown feed');
  });

  ipcMain.on(IPC.liveClose, (event, id: unknown) => {
    if (isFeedId(id)) feeds.close(event.sender.id, id);
  });

  return () => {
    ipcMain.removeHandler(IPC.call);
    ipcMain.removeAllListeners(IPC.liveOpen);
    ipcMain.removeAllListeners(IPC.liveSend);
    ipcMain.removeAllListeners(IPC.liveClose);
    feeds.closeAll();
  };
}
