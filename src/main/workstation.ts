import { join } from 'node:path';
import { app, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { createRemoteBackend, type RemoteBackend } from '../backend/remote/remote-backend';
import { presentedFingerprint } from '../backend/remote/pinned-agent';
import { SessionHandles } from '../backend/remote/session-handles';
import { saveWorkstationConfig } from '../backend/remote/workstation-config';
import type { MethodOutput } from '../shared/contract';
import { IPC } from '../shared/desktop-bridge';
import { isAppPage, type AppPages } from '../shared/desktop/trusted-url';
import {
  WorkstationConfig,
  type WorkstationInfo,
  type WorkstationSaveResult,
} from '../shared/desktop/workstation';
import type { ContractDoor } from './ipc';

/** The desktop's choice lives beside its logs, never in the plant database. */
export const workstationFile = (): string => join(app.getPath('userData'), 'workstation.json');

/**
 * The workstation transport behind the same door as the local backend. The server's tokens
 * stay here in main: the page holds opaque handles that mean nothing outside this process
 * (SessionHandles), so a script in the page could not carry a session to the server itself.
 */
export function remoteDoor(config: Extract<WorkstationConfig, { mode: 'remote' }>): {
  door: ContractDoor;
  remote: RemoteBackend;
} {
  const remote = new SessionHandles().guard(createRemoteBackend(config));
  const door: ContractDoor = {
    call: (method, input, token) => remote.call(method, input, token),
    openLive: (peer) => remote.openLive({ send: peer.send, closed: peer.end }),
  };
  return { door, remote };
}

/**
 * The page's three questions about the desktop itself: what it is, which certificate a server
 * shows, and "save this and restart". After the first start only an admin of the current
 * backend (the plant's or the server's) may change it; main asks the backend, not the page.
 */
export function registerWorkstationIpc(
  current: WorkstationConfig | null,
  door: () => ContractDoor | null,
  pages: AppPages,
  log: (line: string) => void,
): () => void {
  const trusted = (event: IpcMainInvokeEvent): boolean =>
    isAppPage(event.senderFrame?.url ?? '', pages);

  ipcMain.handle(IPC.workstationInfo, (event): WorkstationInfo => {
    if (!trusted(event)) throw new Error('Refused: not the Linewatch page');
    return current ? { firstStart: false, ...current } : { firstStart: true };
  });

  ipcMain.handle(IPC.workstationProbe, async (event, url: unknown) => {
    if (!trusted(event)) throw new Error('Refused: not the Linewatch page');
    if (typeof url !== 'string' || !url.startsWith('https://'))
      return { ok: false, message: 'The server address starts with https://' };
    try {
      return { ok: true, fingerprint: await presentedFingerprint(url) };
    } catch (error) {
      return { ok: false, message: (error as Error).message };
    }
  });

  ipcMain.handle(
    IPC.workstationSave,
    async (event, config: unknown, token: unknown): Promise<WorkstationSaveResult> => {
      if (!trusted(event)) throw new Error('Refused: not the Linewatch page');
      const parsed = WorkstationConfig.safeParse(config);
      if (!parsed.success)
        return { ok: false, message: parsed.error.issues.map((i) => i.message).join('; ') };
      if (current) {
        const backend = door();
        const me =
          backend && typeof token === 'string' ? await backend.call('auth.me', {}, token) : null;
        const role = me?.ok ? (me.value as MethodOutput<'auth.me'>).user.role : undefined;
        if (role !== 'admin') return { ok: false, message: 'Only an admin may change this.' };
      }
      saveWorkstationConfig(workstationFile(), parsed.data);
      log(`Workstation setting saved (${parsed.data.mode}); restarting`);
      app.relaunch();
      app.quit();
      return { ok: true };
    },
  );

  return () => {
    ipcMain.removeHandler(IPC.workstationInfo);
    ipcMain.removeHandler(IPC.workstationProbe);
    ipcMain.removeHandler(IPC.workstationSave);
  };
}
