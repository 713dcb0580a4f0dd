import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { StoreChannel } from '../store/rpc';

/** Starts the simulator process under plain Node (console mode, tests). */
export function launchSimulatorWithNode(): StoreChannel {
  const entry = fileURLToPath(new URL('./simulator-process.ts', import.meta.url));
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
