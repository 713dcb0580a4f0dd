import { fileURLToPath } from 'node:url';
import { forkWithNode } from '../process/node-fork';
import type { StoreChannel } from './rpc';

/** Starts the store process under plain Node (console mode, tests). */
export function launchStoreWithNode(): StoreChannel {
  return forkWithNode(fileURLToPath(new URL('./store-process.ts', import.meta.url)));
}
