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
  // Ctrl+C in a terminal signals the whole process group. The backend stops its processes in
  // order (the simulator's machines say goodbye while the broker runs, the store commits last);
  // a process that died of the same SIGINT would look like a crash and be restarted instead.
  // If the backend itself is gone, the channel's 'disconnect' ends the process anyway.
  process.on('SIGINT', () => undefined);
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
