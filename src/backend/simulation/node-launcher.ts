import { fileURLToPath } from 'node:url';
import { forkWithNode } from '../process/node-fork';
import type { StoreChannel } from '../store/rpc';

/** Starts the simulator process under plain Node (console mode, tests). */
export function launchSimulatorWithNode(): StoreChannel {
  return forkWithNode(fileURLToPath(new URL('./simulator-process.ts', import.meta.url)));
}
