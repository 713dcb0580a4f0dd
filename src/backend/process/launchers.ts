import type { ProcessChannel } from './channel';

/** Linewatch's background processes, each supervised (see supervisor.ts). */
export const PROCESS_NAMES = ['store', 'reports', 'broker', 'simulator'] as const;
export type ProcessName = (typeof PROCESS_NAMES)[number];

/** What each process is, in words for alerts, events and the health report. */
export const PROCESS_TITLES: Record<ProcessName, string> = {
  store: 'store process (the database writer)',
  reports: 'report process',
  broker: "embedded broker's process",
  simulator: 'simulator process',
};

/**
 * How the host starts each background process: child_process.fork under Node
 * (node-launcher.ts), utilityProcess in the desktop app (src/main/background-launcher.ts).
 * Each call starts a fresh process.
 */
export type BackgroundLauncher = Record<ProcessName, () => ProcessChannel>;

/** The entry file of each process, relative to src/backend (both launchers use it). */
export const PROCESS_ENTRIES: Record<ProcessName, string> = {
  store: 'store/store-process.ts',
  reports: 'reports/process/report-process.ts',
  broker: 'ingest/broker/broker-process.ts',
  simulator: 'simulation/simulator-process.ts',
};

/** Where a process's stdout and stderr go, line by line (the log file, in the app). */
export type ProcessOutput = (name: ProcessName, stream: 'stdout' | 'stderr', line: string) => void;
