import { DEFAULT_TOPIC_ROOT, isValidTopicRoot } from '../../src/backend/ingest/protocol';
import { SimulatedMachine } from './machine';
import type { MachineSnapshot } from './machine-config';
import type { OutgoingMessage } from './outgoing-message';
import { PRODUCTS } from './products';
import { readCommand } from './read-command';
import type { ScenarioName } from './scenarios';

export interface FactoryModelOptions {
  seed: number;
  lines: number;
  machinesPerLine: number;
  /**
   * Messages per second per running machine, roughly: a fifth telemetry, the rest test results
   * (which sets the starting units per minute; `set_rate` changes it later).
   */
  messagesPerSecond: number;
  /**
   * Each machine's telemetry period, when it is not to follow from `messagesPerSecond` (a fifth
   * of it): `messagesPerSecond` then sets the test results alone (four fifths of it).
   */
  telemetryEveryMs?: number;
  /** Virtual time of the first step. */
  startMs: number;
  scenarios?: readonly ScenarioName[];
  topicRoot?: string;
  /** Prefix of every message_id; give each real run its own so re-runs are not taken for duplicates. */
  runId?: string;
  /** First serial number in barcodes; give each real run its own so units are not taken for retests. */
  serialStart?: number;
}

export interface MachineAddress {
  lineId: string;
  machineId: string;
}

const TELEMETRY_SHARE = 0.2;

export const lineIdOf = (lineIndex: number): string => `LINE-${lineIndex + 1}`;
export const machineIdOf = (lineIndex: number, machineIndex: number): string =>
  `MACH-${lineIndex + 1}-${String(machineIndex + 1).padStart(2, '0')}`;

/**
 * The whole simulated factory, pure: no clock, no network. `step(nowMs)` returns what every
 * machine published up to `nowMs`, in time order; the same options give the same messages.
 */
export class FactoryModel {
  readonly machines: readonly MachineAddress[];
  private readonly byKey = new Map<string, SimulatedMachine>();

  constructor(options: FactoryModelOptions) {
    checkOptions(options);
    const scenarios = new Set(options.scenarios ?? []);
    const total = options.lines * options.machinesPerLine;
    const telemetryIntervalMs = clamp(
      options.telemetryEveryMs ?? Math.round(1000 / (options.messagesPerSecond * TELEMETRY_SHARE)),
      100,
      60_000,
    );
    const addresses: MachineAddress[] = [];
    for (let lineIndex = 0; lineIndex < options.lines; lineIndex += 1) {
      for (let machineIndex = 0; machineIndex < options.machinesPerLine; machineIndex += 1) {
        // Each station tests one product family: alternate them along the line.
        const product = PRODUCTS[machineIndex % PRODUCTS.length];
        if (product === undefined) throw new Error('no products defined');
        const order = lineIndex * options.machinesPerLine + machineIndex;
        const machine = new SimulatedMachine({
          lineId: lineIdOf(lineIndex),
          machineId: machineIdOf(lineIndex, machineIndex),
          position: { lineIndex, machineIndex, machinesPerLine: options.machinesPerLine },
          product,
          topicRoot: options.topicRoot ?? DEFAULT_TOPIC_ROOT,
          startMs: options.startMs,
          seed: options.seed,
          scenarios,
          unitsPerMinute:
            (options.messagesPerSecond * (1 - TELEMETRY_SHARE) * 60) / product.steps.length,
          telemetryIntervalMs,
          firstTelemetryAtMs: options.startMs + Math.round((telemetryIntervalMs * order) / total),
          runId: options.runId ?? `sim${options.seed}`,
          serialStart: options.serialStart ?? 1,
          timestampStyle: machineIndex % 3 === 2 ? 'epoch' : 'iso',
          operator: `operator-${lineIndex + 1}`,
        });
        this.byKey.set(keyOf(machine.lineId, machine.machineId), machine);
        addresses.push({ lineId: machine.lineId, machineId: machine.machineId });
      }
    }
    this.machines = addresses;
  }

  /** Everything published up to `nowMs`, ordered by time (ties keep machine order). */
  step(nowMs: number): OutgoingMessage[] {
    const out: OutgoingMessage[] = [];
    for (const machine of this.byKey.values()) out.push(...machine.advanceTo(nowMs));
    return out.sort((a, b) => a.atMs - b.atMs);
  }

  /**
   * A command payload arriving for a machine at `atMs`. Returns what the machine publishes:
   * its events up to then, a state change if the command caused one, and the answer. A payload
   * without a usable command_id gets no answer (there is nothing to answer to).
   */
  applyCommand(
    lineId: string,
    machineId: string,
    payloadText: string,
    atMs: number,
  ): OutgoingMessage[] {
    const machine = this.machine(lineId, machineId);
    const out = machine.advanceTo(atMs);
    const reading = readCommand(payloadText);
    if (reading.ok) out.push(...machine.obey(reading.command));
    else if (reading.commandId !== null)
      out.push(machine.refuse(reading.commandId, reading.reason));
    return out;
  }

  /** The current state message of a machine, to republish after a reconnect. */
  stateMessage(lineId: string, machineId: string, atMs: number): OutgoingMessage {
    return this.machine(lineId, machineId).stateMessage(atMs);
  }

  offlineMessage(lineId: string, machineId: string, atMs: number, reason: string): OutgoingMessage {
    return this.machine(lineId, machineId).offlineMessage(atMs, reason);
  }

  snapshot(lineId: string, machineId: string): MachineSnapshot {
    return this.machine(lineId, machineId).snapshot();
  }

  private machine(lineId: string, machineId: string): SimulatedMachine {
    const machine = this.byKey.get(keyOf(lineId, machineId));
    if (machine === undefined) throw new Error(`no simulated machine ${lineId}/${machineId}`);
    return machine;
  }
}

function keyOf(lineId: string, machineId: string): string {
  return `${lineId}/${machineId}`;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function checkOptions(options: FactoryModelOptions): void {
  const problems: string[] = [];
  if (!Number.isSafeInteger(options.seed)) problems.push('seed must be a whole number');
  if (!Number.isInteger(options.lines) || options.lines < 1 || options.lines > 99) {
    problems.push('lines must be 1 to 99');
  }
  if (
    !Number.isInteger(options.machinesPerLine) ||
    options.machinesPerLine < 1 ||
    options.machinesPerLine > 99
  ) {
    problems.push('machines per line must be 1 to 99');
  }
  if (!(options.messagesPerSecond > 0 && options.messagesPerSecond <= 1000)) {
    problems.push('rate must be above 0 and at most 1000 messages per second per machine');
  }
  if (
    options.telemetryEveryMs !== undefined &&
    !(
      Number.isInteger(options.telemetryEveryMs) &&
      options.telemetryEveryMs >= 100 &&
      options.telemetryEveryMs <= 60_000
    )
  ) {
    problems.push('telemetry period must be whole milliseconds from 100 to 60000');
  }
  if (!Number.isSafeInteger(options.startMs))
    problems.push('start time must be whole milliseconds');
  if (options.topicRoot !== undefined && !isValidTopicRoot(options.topicRoot)) {
    problems.push('topic root must be MQTT topic levels without wildcards');
  }
  if (options.runId !== undefined && !/^[A-Za-z0-9_-]{1,40}$/.test(options.runId)) {
    problems.push('run id must be 1 to 40 characters of A-Z a-z 0-9 _ -');
  }
  if (
    options.serialStart !== undefined &&
    !(Number.isSafeInteger(options.serialStart) && options.serialStart >= 0)
  ) {
    problems.push('serial start must be a whole number >= 0');
  }
  if (problems.length > 0) throw new Error(`invalid simulator options: ${problems.join('; ')}`);
}
