import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { StoreChannel } from '../../store/rpc';

/** Starts the report process under plain Node (console mode, tests, the command line). */
export function launchReportsWithNode(): StoreChannel {
  const entry = fileURLToPath(new URL('./report-process.ts', import.meta.url));
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
