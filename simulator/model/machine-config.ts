import type { ProductSpec } from './products';
import type { MachinePosition, ScenarioName } from './scenarios';

/** Everything fixed about one simulated machine when the run starts. */
export interface MachineConfig {
  lineId: string;
  machineId: string;
  position: MachinePosition;
  product: ProductSpec;
  topicRoot: string;
  startMs: number;
  seed: number;
  scenarios: ReadonlySet<ScenarioName>;
  unitsPerMinute: number;
  telemetryIntervalMs: number;
  /** First telemetry sample, staggered so machines do not all publish in the same instant. */
  firstTelemetryAtMs: number;
  /** Prefix of message_id, unique per run so a re-run is not taken for duplicates. */
  runId: string;
  /** Serial number of the machine's first unit (barcode SN-<line>-<machine>-<n>). */
  serialStart: number;
  /** Real factories mix vendors: some machines write ISO times, some epoch milliseconds. */
  timestampStyle: 'iso' | 'epoch';
  operator: string;
}

/** What tests and the UI may read about a machine; the model's internals stay private. */
export interface MachineSnapshot {
  lineId: string;
  machineId: string;
  state: 'running' | 'idle' | 'down' | 'maintenance';
  reason: string | null;
  unitsProduced: number;
  unitsPerMinute: number;
  temperatureCelsius: number;
}
