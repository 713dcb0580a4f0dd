import { fork, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { ProcessChannel } from './channel';

/**
 * How a background entry runs under plain Node. The launchers name the TypeScript source
 * beside themselves (`…/store-process.ts`). From source (tsx, Vitest, the benches) that file
 * runs with tsx. From the server bundle (out/server/*.js, scripts/build-server.mjs) the
 * launcher's `import.meta.url` is the bundle's, so the name points into out/server/, where the
 * built `.js` of the same name runs under plain Node: nothing is compiled at run time.
 */
/** True when this code runs as TypeScript source (tsx, Vitest), false in a built bundle. */
export const RUNNING_FROM_SOURCE = import.meta.url.endsWith('.ts');

export function nodeEntry(
  entryPath: string,
  runningFromSource = RUNNING_FROM_SOURCE,
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
  /** Receives its output line by line; without it the output goes to this process's own. */
  output?: (stream: 'stdout' | 'stderr', line: string) => void,
  /** How to run it; a bench passes the built entry's (out/server) from source. */
  entry = nodeEntry(entryPath),
): ProcessChannel {
  const child = fork(entry.path, [], {
    execArgv: entry.execArgv,
    serialization: 'advanced',
    stdio: ['ignore', output ? 'pipe' : 'inherit', output ? 'pipe' : 'inherit', 'ipc'],
  });
  if (output) {
    forwardLines(child.stdout, (line) => output('stdout', line));
    forwardLines(child.stderr, (line) => output('stderr', line));
  }
  // Spawn and IPC errors show as the exit that follows; unhandled, they would crash the parent.
  child.on('error', () => undefined);
  onChild?.(child);
  return {
    pid: child.pid,
    postMessage: (message) => {
      // A message to a process that already ended (or is ending: EPIPE) is dropped; its exit
      // listener fails whatever waited for an answer.
      if (child.connected) child.send(message as never, undefined, undefined, () => undefined);
    },
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.once('exit', (code, signal) => listener(code, signal)),
    kill: (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
  };
}

export function forwardLines(
  stream: NodeJS.ReadableStream | null,
  sink: (line: string) => void,
): void {
  if (!stream) return;
  createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
    if (line.trim()) sink(line);
  });
}
