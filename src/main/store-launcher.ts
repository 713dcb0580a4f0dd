import { utilityProcess } from 'electron';
import type { BackgroundLauncher } from '../backend/backend';
import type { StoreChannel } from '../backend/store/rpc';
import storeProcessPath from '../backend/store/store-process?modulePath';

/**
 * Runs the store (better-sqlite3) in an Electron utility process, so a slow query never
 * stalls the main process that carries IPC. The backend only sees a StoreChannel; under
 * plain Node the same backend uses child_process instead.
 */
export function utilityProcessLauncher(): BackgroundLauncher {
  return {
    launchStore(): StoreChannel {
      const child = utilityProcess.fork(storeProcessPath, [], { serviceName: 'linewatch-store' });
      return {
        postMessage: (message) => child.postMessage(message),
        onMessage: (listener) => child.on('message', (message: unknown) => listener(message)),
        onExit: (listener) => child.on('exit', (code) => listener(code)),
        kill: () => void child.kill(),
      };
    },
  };
}
