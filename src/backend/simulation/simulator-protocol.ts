import type { RunnerStats } from '../../../simulator/runner-stats';
import type { SimulatorScenario } from '../../shared/contract';
import type { BrokerCredentials } from '../../shared/rules/broker-connection';

/** Everything the simulator process needs for one run; plain data, so it survives IPC. */
export interface SimulatorRun extends BrokerCredentials {
  /** The broker Linewatch reads, with the credentials and TLS files Linewatch itself uses. */
  brokerUrl: string;
  topicRoot: string;
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
