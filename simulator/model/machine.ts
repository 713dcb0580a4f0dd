import type { ReceivedCommand, TestResultPayload } from '../../src/backend/ingest/protocol';
import { makeMalformedMessage } from './bad-data';
import type { MachineConfig, MachineSnapshot } from './machine-config';
import { MachineMessages } from './machine-messages';
import { MALFORMED_KINDS, type MalformedKind, type OutgoingMessage } from './outgoing-message';
import { type Prng, createPrng, deriveSeed } from './prng';
import { NORMAL_DEFECT_RATE, measureStep } from './measurement';
import type { TestStepSpec } from './products';
import {
  BAD_DATA,
  DOWNTIME,
  FLOOD,
  OVERHEAT,
  driftFraction,
  isFloodActive,
  isOverheating,
} from './scenarios';
import { AMBIENT_CELSIUS, THERMAL_TIME_CONSTANT_MS, approachTemperature } from './thermal';

type RunningState = MachineSnapshot['state'];

/** A stop the machine did not choose: a fault or planned maintenance, ending by itself. */
interface Outage {
  state: 'down' | 'maintenance';
  reason: string;
  untilMs: number;
}

export const MAX_UNITS_PER_MINUTE = 600;

/**
 * One machine on a virtual clock. `advanceTo` replays every event (telemetry tick, finished
 * unit, fault, recovery) up to a time, in order, so the output depends only on the seed and
 * the times commands arrive, not on how often the model is stepped.
 */
export class SimulatedMachine {
  private readonly messages: MachineMessages;
  /** Separate streams per purpose, so enabling bad-data does not change the good data. */
  private readonly noise: Prng;
  private readonly faults: Prng;
  private readonly badData: Prng;
  private readonly setpointCelsius: number;
  private readonly floodAffected: boolean;

  private clockMs: number;
  private commandedRunning = true;
  private outage: Outage | null = null;
  private publishedState: RunningState | null = null;
  private unitsProduced = 0;
  private nextSerial: number;
  private testSequence = 0;
  private unitsPerMinute: number;
  private temperatureCelsius: number;
  private thermalClockMs: number;
  private nextTelemetryAtMs: number;
  private nextUnitAtMs = Infinity;
  private nextFaultAtMs = Infinity;
  private lastGoodResult: TestResultPayload | null = null;

  constructor(private readonly config: MachineConfig) {
    this.messages = new MachineMessages(config);
    this.noise = createPrng(deriveSeed(config.seed, config.lineId, config.machineId, 'noise'));
    this.faults = createPrng(deriveSeed(config.seed, config.lineId, config.machineId, 'faults'));
    this.badData = createPrng(deriveSeed(config.seed, config.lineId, config.machineId, 'bad'));
    const setup = createPrng(deriveSeed(config.seed, config.lineId, config.machineId, 'setup'));
    this.setpointCelsius = setup.between(60, 75);
    this.floodAffected = setup.chance(FLOOD.shareOfMachines);
    // The run joins a shift already under way: machines are warm.
    this.temperatureCelsius = this.setpointCelsius;
    this.clockMs = config.startMs;
    this.thermalClockMs = config.startMs;
    this.nextSerial = config.serialStart;
    this.unitsPerMinute = config.unitsPerMinute;
    this.nextTelemetryAtMs = config.firstTelemetryAtMs;
  }

  get lineId(): string {
    return this.config.lineId;
  }

  get machineId(): string {
    return this.config.machineId;
  }

  snapshot(): MachineSnapshot {
    return {
      lineId: this.config.lineId,
      machineId: this.config.machineId,
      state: this.currentState(),
      reason: this.outage?.reason ?? null,
      unitsProduced: this.unitsProduced,
      unitsPerMinute: this.unitsPerMinute,
      temperatureCelsius: this.temperatureCelsius,
    };
  }

  /** The state message as of now, for the runner to republish after a reconnect. */
  stateMessage(atMs: number): OutgoingMessage {
    return this.messages.state(this.timeNotBefore(atMs), this.currentState(), this.stateReason());
  }

  /** The goodbye a machine says when the simulator stops (a clean disconnect fires no will). */
  offlineMessage(atMs: number, reason: string): OutgoingMessage {
    return this.messages.state(this.timeNotBefore(atMs), 'offline', reason);
  }

  /** Whole milliseconds (epoch timestamps must be integers), never before the machine's clock. */
  private timeNotBefore(atMs: number): number {
    return Math.max(Math.floor(atMs), this.clockMs);
  }

  /** Replays all events up to `nowMs` and returns what the machine published meanwhile. */
  advanceTo(untilMs: number): OutgoingMessage[] {
    const nowMs = Math.floor(untilMs); // event times stay whole milliseconds
    const out: OutgoingMessage[] = [];
    if (this.publishedState === null) this.publishStateIfChanged(this.config.startMs, out);
    for (;;) {
      const outageEndsAtMs = this.outage?.untilMs ?? Infinity;
      const atMs = Math.min(
        outageEndsAtMs,
        this.nextFaultAtMs,
        this.nextUnitAtMs,
        this.nextTelemetryAtMs,
      );
      if (atMs > nowMs) break;
      this.updateTemperature(atMs);
      if (atMs === outageEndsAtMs) this.endOutage(atMs, out);
      else if (atMs === this.nextFaultAtMs) this.startOutage(atMs, out);
      else if (atMs === this.nextUnitAtMs) this.finishUnit(atMs, out);
      else this.sendTelemetry(atMs, out);
    }
    this.clockMs = Math.max(this.clockMs, nowMs);
    return out;
  }

  /** Obeys a command at the machine's current time; returns the state change, if any, and the answer. */
  obey(command: ReceivedCommand): OutgoingMessage[] {
    const atMs = this.clockMs;
    this.updateTemperature(atMs);
    const out: OutgoingMessage[] = [];
    const { ok, message } = this.applyCommand(command, atMs);
    this.publishStateIfChanged(atMs, out);
    out.push(this.messages.commandAck(atMs, { command_id: command.command_id, ok, message }));
    return out;
  }

  /** The answer to a command that could not be read at all, when its id could still be found. */
  refuse(commandId: string, message: string): OutgoingMessage {
    return this.messages.commandAck(this.clockMs, { command_id: commandId, ok: false, message });
  }

  private applyCommand(command: ReceivedCommand, atMs: number): { ok: boolean; message: string } {
    switch (command.command) {
      case 'start':
        if (this.outage !== null) {
          return {
            ok: false,
            message: `cannot start: machine is ${this.outage.state} (${this.outage.reason})`,
          };
        }
        if (this.commandedRunning) return { ok: true, message: 'already running' };
        this.commandedRunning = true;
        return { ok: true, message: 'started' };
      case 'stop':
        if (!this.commandedRunning) return { ok: true, message: 'already stopped' };
        this.commandedRunning = false;
        return { ok: true, message: 'stopped' };
      case 'reset': {
        // A reset clears a fault and zeroes the counter; the contract reads the drop as a reset.
        const clearedFault = this.outage !== null;
        this.outage = null;
        this.unitsProduced = 0;
        return {
          ok: true,
          message: clearedFault ? 'reset: fault cleared, counter at 0' : 'reset: counter at 0',
        };
      }
      case 'set_rate': {
        const rate = command.args?.['units_per_minute'];
        if (
          typeof rate !== 'number' ||
          !Number.isFinite(rate) ||
          rate <= 0 ||
          rate > MAX_UNITS_PER_MINUTE
        ) {
          return {
            ok: false,
            message: `set_rate needs args.units_per_minute above 0 and at most ${MAX_UNITS_PER_MINUTE}`,
          };
        }
        this.unitsPerMinute = rate;
        if (this.currentState() === 'running') this.nextUnitAtMs = atMs + this.cycleMs();
        return { ok: true, message: `rate set to ${rate} units/min` };
      }
      default:
        return { ok: false, message: `unknown command ${JSON.stringify(command.command)}` };
    }
  }

  private currentState(): RunningState {
    if (this.outage !== null) return this.outage.state;
    return this.commandedRunning ? 'running' : 'idle';
  }

  private stateReason(): string | null {
    if (this.outage !== null) return this.outage.reason;
    return this.commandedRunning ? null : 'stopped by command';
  }

  /** Publishes the state when it changed, and starts or cancels what only a running machine does. */
  private publishStateIfChanged(atMs: number, out: OutgoingMessage[]): void {
    const state = this.currentState();
    if (state === this.publishedState) return;
    const wasRunning = this.publishedState === 'running';
    this.publishedState = state;
    this.emit(this.messages.state(atMs, state, this.stateReason()), out);
    if (state === 'running' && !wasRunning) {
      this.nextUnitAtMs =
        atMs +
        Math.round(this.cycleMs() * (this.unitsProduced === 0 ? this.noise.between(0.2, 1) : 1));
      this.nextFaultAtMs = this.config.scenarios.has('downtime')
        ? atMs + Math.round(this.faults.exponential(DOWNTIME.meanTimeBetweenMs))
        : Infinity;
    } else if (state !== 'running') {
      this.nextUnitAtMs = Infinity; // the unit in progress is abandoned
      this.nextFaultAtMs = Infinity;
    }
  }

  private startOutage(atMs: number, out: OutgoingMessage[]): void {
    const planned = this.faults.chance(DOWNTIME.maintenanceShare);
    const [shortest, longest] = planned ? DOWNTIME.maintenanceForMs : DOWNTIME.downForMs;
    this.outage = {
      state: planned ? 'maintenance' : 'down',
      reason: planned ? 'planned_maintenance' : this.faults.pick(DOWNTIME.reasons),
      untilMs: atMs + Math.round(this.faults.between(shortest, longest)),
    };
    this.publishStateIfChanged(atMs, out);
  }

  private endOutage(atMs: number, out: OutgoingMessage[]): void {
    this.outage = null;
    this.publishStateIfChanged(atMs, out);
  }

  private finishUnit(atMs: number, out: OutgoingMessage[]): void {
    this.unitsProduced += 1;
    const serial = this.nextSerial;
    this.nextSerial += 1;
    for (const step of this.config.product.steps) {
      this.testSequence += 1;
      const result: TestResultPayload = {
        barcode: `SN-${this.config.lineId}-${this.config.machineId}-${serial}`,
        machine_id: this.config.machineId,
        product_id: this.config.product.productId,
        test_step: step.name,
        measured_value: this.measure(step, atMs),
        unit: step.unit,
        operator: this.config.operator,
        message_id: `${this.config.runId}-${this.config.machineId}-${this.testSequence}`,
        timestamp: this.messages.timestamp(atMs),
      };
      this.lastGoodResult = result;
      this.emit(this.messages.testResult(atMs, result), out);
    }
    this.nextUnitAtMs = atMs + this.cycleMs();
  }

  private measure(step: TestStepSpec, atMs: number): number {
    const elapsedMs = atMs - this.config.startMs;
    return measureStep(step, this.noise, {
      driftFraction: this.config.scenarios.has('drift')
        ? driftFraction(this.config.position, elapsedMs)
        : 0,
      defectRate: this.isFlooding(elapsedMs) ? FLOOD.defectRate : NORMAL_DEFECT_RATE,
    });
  }

  private sendTelemetry(atMs: number, out: OutgoingMessage[]): void {
    const running = this.currentState() === 'running';
    const shaking = this.isFlooding(atMs - this.config.startMs) ? FLOOD.vibrationFactor : 1;
    this.emit(
      this.messages.telemetry(atMs, {
        timestamp: this.messages.timestamp(atMs),
        temperature: round(this.temperatureCelsius + this.noise.normal(0, 0.3), 1),
        units_produced: this.unitsProduced,
        vibration: round(
          Math.abs(running ? this.noise.normal(2, 0.15) * shaking : this.noise.normal(0.1, 0.02)),
          2,
        ),
        power_kw: round(
          running ? 2 + this.unitsPerMinute * 0.03 + this.noise.normal(0, 0.1) : 0.3,
          2,
        ),
      }),
      out,
    );
    this.nextTelemetryAtMs = atMs + this.config.telemetryIntervalMs;
  }

  /** Moves the temperature to `atMs` toward the target the machine has had since the last update. */
  private updateTemperature(atMs: number): void {
    const elapsedMs = atMs - this.config.startMs;
    let targetCelsius = AMBIENT_CELSIUS;
    if (this.currentState() === 'running') {
      targetCelsius = this.setpointCelsius;
      if (this.config.scenarios.has('overheat') && isOverheating(this.config.position, elapsedMs)) {
        targetCelsius = OVERHEAT.targetCelsius;
      }
      if (this.isFlooding(elapsedMs)) targetCelsius += FLOOD.temperatureRiseCelsius;
    }
    this.temperatureCelsius = approachTemperature(
      this.temperatureCelsius,
      targetCelsius,
      atMs - this.thermalClockMs,
      THERMAL_TIME_CONSTANT_MS,
    );
    this.thermalClockMs = Math.max(this.thermalClockMs, atMs);
  }

  private isFlooding(elapsedMs: number): boolean {
    return (
      this.config.scenarios.has('flood') &&
      this.floodAffected &&
      this.currentState() === 'running' &&
      isFloodActive(elapsedMs)
    );
  }

  /** Whole milliseconds: epoch timestamps must be integers, and so must every event time. */
  private cycleMs(): number {
    return Math.max(1, Math.round((60_000 / this.unitsPerMinute) * this.noise.between(0.9, 1.1)));
  }

  /** Adds a message, and in the bad-data scenario now and then a broken one after it. */
  private emit(message: OutgoingMessage, out: OutgoingMessage[]): void {
    out.push(message);
    if (!this.config.scenarios.has('bad-data') || !this.badData.chance(BAD_DATA.share)) return;
    const kind: MalformedKind = this.badData.chance(BAD_DATA.oversizeShare)
      ? 'oversize'
      : this.badData.pick(MALFORMED_KINDS.filter((candidate) => candidate !== 'oversize'));
    const template = this.lastGoodResult ?? this.placeholderResult(message.atMs);
    out.push(makeMalformedMessage(kind, this.messages, message.atMs, template));
  }

  /** Before the first unit, broken messages borrow a plausible result. */
  private placeholderResult(atMs: number): TestResultPayload {
    const step = this.config.product.steps[0];
    return {
      barcode: `SN-${this.config.lineId}-${this.config.machineId}-${this.nextSerial}`,
      machine_id: this.config.machineId,
      product_id: this.config.product.productId,
      test_step: step?.name ?? 'unknown',
      measured_value: step?.nominal ?? 0,
      timestamp: this.messages.timestamp(atMs),
    };
  }
}

function round(value: number, decimals: number): number {
  return Number(value.toFixed(decimals));
}
