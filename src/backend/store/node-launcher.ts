import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { StoreChannel } from './rpc';

/**
 * Starts the store process under plain Node (console mode, tests). Running from TypeScript
 * source, the child loads tsx; the desktop app uses Electron's utilityProcess instead.
 */
export function launchStoreWithNode(): StoreChannel {
  const entry = fileURLToPath(new URL('./store-process.ts', import.meta.url));
  const child = fork(entry, [], {
    execArgv: ['--import', 'tsx'],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return {
    postMessage: (message) => child.send(message as never),
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.on('exit', (code) => listener(code)),
    kill: () => child.kill(),
  };
}
