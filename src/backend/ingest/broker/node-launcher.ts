import { fileURLToPath } from 'node:url';
import { forkWithNode } from '../../process/node-fork';
import type { StoreChannel } from '../../store/rpc';

/** Starts the embedded broker's process under plain Node (console mode, tests). */
export function launchBrokerWithNode(): StoreChannel {
  return forkWithNode(fileURLToPath(new URL('./broker-process.ts', import.meta.url)));
}
