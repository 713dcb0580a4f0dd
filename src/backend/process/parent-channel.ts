import { basename } from 'node:path';
import { exitOnCrash } from './crash-exit';

/**
 * The side of a background process that talks to the backend: Electron's `parentPort` when it
 * runs as a utilityProcess (the desktop app), the IPC channel of `child_process.fork` under
 * plain Node (console mode, tests). The messages are the same either way.
 */
export interface ParentChannel<In, Out> {
  send(message: Out): void;
  onMessage(listener: (message: In) => void): void;
}

interface ParentPortLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

export function parentChannel<In, Out>(): ParentChannel<In, Out> {
  // Every background process talks through here: a crash ends it, and its supervisor knows.
  exitOnCrash(basename(process.argv[1] ?? 'background process').replace(/\.[cm]?[jt]s$/, ''));
  const electronPort = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
  return {
    send(message) {
      if (electronPort) electronPort.postMessage(message);
      // After the parent is gone (disconnect) there is nobody to tell.
      else if (process.connected) process.send?.(message);
    },
    onMessage(listener) {
      if (electronPort) electronPort.on('message', (event) => listener(event.data as In));
      else process.on('message', (message) => listener(message as In));
    },
  };
}
