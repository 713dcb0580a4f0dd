import { fileURLToPath } from 'node:url';
import { forkWithNode } from '../../process/node-fork';
import type { StoreChannel } from '../../store/rpc';

/** Starts the report process under plain Node (console mode, tests, the command line). */
export function launchReportsWithNode(): StoreChannel {
  return forkWithNode(fileURLToPath(new URL('./report-process.ts', import.meta.url)));
}
