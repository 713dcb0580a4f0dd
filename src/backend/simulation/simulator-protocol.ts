import type { RunnerStats } from '../../../simulator/runner-stats';
import type { SimulatorScenario } from '../../shared/contract';

/** Everything the simulator process needs for one run; plain data, so it survives IPC. */
export interface SimulatorRun {
  brokerUrl: string;
  topicRoot: string;
  /** The broker's credentials and TLS files, as Linewatch itself uses them. */
  username?: string;
  password?: string;
  caFile?: string;
  certFile?: string;
  keyFile?: string;
  lines: number;
  machinesPerLine: number;
  rate: number;
  seed: number;
  scenarios: SimulatorScenario[];
  /** Per run, so a second run's messages are not taken for duplicates or retests. */
  runId: string;
  serialStart: number;
}

/** Messages between the backend and the simulator process (child_process or utilityProcess). */
export type ToSimulator = { kind: 'start'; run: SimulatorRun } | { kind: 'stop' };

export type FromSimulator =
  | { kind: 'started' }
  | { kind: 'fatal'; message: string }
  | { kind: 'stats'; stats: RunnerStats }
  | { kind: 'log'; line: string };
