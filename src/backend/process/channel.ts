/**
 * A two-way message pipe to a background process, whatever spawned it: Node's
 * child_process.fork (console mode, tests) or Electron's utilityProcess (the desktop app).
 * The store, report, simulator and broker processes all speak over one of these.
 */
export interface ProcessChannel {
  postMessage(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  /** Once, when the process has ended: its exit code, or the signal that ended it. */
  onExit(listener: (code: number | null, signal?: NodeJS.Signals | null) => void): void;
  /** SIGTERM asks it to close cleanly; SIGKILL is for one that does not (shutdown deadline). */
  kill(signal?: 'SIGTERM' | 'SIGKILL'): void;
  /** The operating system's process id, when the host knows it (logs, tests). */
  readonly pid?: number;
}

/** How a process ended, in words for an alert, an event or a log line. */
export function describeExit(code: number | null, signal?: NodeJS.Signals | null): string {
  if (signal) return `killed by ${signal}`;
  if (code === null) return 'ended without an exit code';
  return `exit code ${code}`;
}
