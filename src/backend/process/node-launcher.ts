import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { forkWithNode } from './node-fork';
import {
  PROCESS_ENTRIES,
  PROCESS_NAMES,
  type BackgroundLauncher,
  type ProcessName,
  type ProcessOutput,
} from './launchers';

/**
 * The entry file of a background process under plain Node: its source beside this file's
 * folder, or, in the server bundle (flat, scripts/build-server.mjs), the file of the same name
 * beside the running bundle (node-fork.ts runs the `.js` of it there).
 */
export function nodeEntryPath(
  name: ProcessName,
  runningFromSource = import.meta.url.endsWith('.ts'),
): string {
  const relative = PROCESS_ENTRIES[name];
  if (runningFromSource) return fileURLToPath(new URL(`../${relative}`, import.meta.url));
  return fileURLToPath(new URL(`./${basename(relative)}`, import.meta.url));
}

/** Background processes under plain Node (console mode, tests, the command line). */
export function createNodeLauncher(output?: ProcessOutput): BackgroundLauncher {
  const launcher = {} as BackgroundLauncher;
  for (const name of PROCESS_NAMES) {
    launcher[name] = () =>
      forkWithNode(
        nodeEntryPath(name),
        undefined,
        output ? (stream, line) => output(name, stream, line) : undefined,
      );
  }
  return launcher;
}

/** Output goes to this process's own stdout and stderr (tests, tools). */
export const nodeLauncher: BackgroundLauncher = createNodeLauncher();
