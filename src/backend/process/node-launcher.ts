import { fileURLToPath } from 'node:url';
import { forkWithNode } from './node-fork';
import {
  PROCESS_ENTRIES,
  PROCESS_NAMES,
  type BackgroundLauncher,
  type ProcessName,
  type ProcessOutput,
} from './launchers';

/** The entry file of a background process under plain Node. */
export function nodeEntryPath(name: ProcessName): string {
  return fileURLToPath(new URL(`../${PROCESS_ENTRIES[name]}`, import.meta.url));
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
