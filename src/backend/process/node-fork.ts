import { fork, type ChildProcess } from 'node:child_process';
import type { StoreChannel } from '../store/rpc';

/**
 * Starts a background process entry (a TypeScript file) under plain Node: console mode, tests
 * and the command line. The child loads tsx; the desktop app uses Electron's utilityProcess
 * on the built entries instead (src/main/background-launcher.ts).
 */
export function forkWithNode(
  entryPath: string,
  /** Sees the child process itself (tests kill it outright to play a crash). */
  onChild?: (child: ChildProcess) => void,
): StoreChannel {
  const child = fork(entryPath, [], {
    execArgv: ['--import', 'tsx'],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  onChild?.(child);
  return {
    postMessage: (message) => child.send(message as never),
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.on('exit', (code) => listener(code)),
    kill: () => child.kill(),
  };
}
