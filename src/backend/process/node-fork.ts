import { fork, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { ProcessChannel } from './channel';

/**
 * Starts a background process entry (a TypeScript file) under plain Node: console mode, tests
 * and the command line. The child loads tsx; the desktop app uses Electron's utilityProcess
 * on the built entries instead (src/main/background-launcher.ts).
 */
export function forkWithNode(
  entryPath: string,
  /** Sees the child process itself (tests kill it outright to play a crash). */
  onChild?: (child: ChildProcess) => void,
  /** Receives its output line by line; without it the output goes to this process's own. */
  output?: (stream: 'stdout' | 'stderr', line: string) => void,
): ProcessChannel {
  const child = fork(entryPath, [], {
    execArgv: ['--import', 'tsx'],
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
