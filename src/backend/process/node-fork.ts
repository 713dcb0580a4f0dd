import { fork, type ChildProcess } from 'node:child_process';
import type { StoreChannel } from '../store/rpc';

/**
 * How a background entry runs under plain Node. The launchers name the TypeScript source
 * beside themselves (`…/store-process.ts`). From source (tsx, Vitest, the benches) that file
 * runs with tsx. From the server bundle (out/server/*.js, scripts/build-server.mjs) the
 * launcher's `import.meta.url` is the bundle's, so the name points into out/server/, where the
 * built `.js` of the same name runs under plain Node: nothing is compiled at run time.
 */
export function nodeEntry(
  entryPath: string,
  runningFromSource = import.meta.url.endsWith('.ts'),
): { path: string; execArgv: string[] } {
  if (runningFromSource) return { path: entryPath, execArgv: ['--import', 'tsx'] };
  return { path: entryPath.replace(/\.ts$/, '.js'), execArgv: [] };
}

/**
 * Starts a background process entry under plain Node: the server (console mode), tests and the
 * command line (see nodeEntry). The desktop app uses Electron's utilityProcess
 * on the built entries instead (src/main/background-launcher.ts).
 */
export function forkWithNode(
  entryPath: string,
  /** Sees the child process itself (tests kill it outright to play a crash). */
  onChild?: (child: ChildProcess) => void,
): StoreChannel {
  const entry = nodeEntry(entryPath);
  const child = fork(entry.path, [], {
    execArgv: entry.execArgv,
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
