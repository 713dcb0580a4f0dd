import type { SimulatorOptions } from '../../src/shared/contract';
import { machineIdOf } from '../../simulator/model/factory-model';
import type { SoakApi } from './api';
import { until } from './kills';
import type { SoakOptions } from './options';

/** Scenarios that make alerts come and go: a coolant loss, drifting machines, breakdowns. */
const SCENARIOS: SimulatorOptions['scenarios'] = ['overheat', 'drift', 'downtime'];
/** Set points are 60-75 °C: a limit of 72 keeps some machines in alarm and others crossing it. */
const TEMPERATURE_HIGH = 72;
/** Alerts the operator acknowledges every 15 s. */
const ACKS_PER_ROUND = 5;

export interface SimulatorRunSeen {
  startedAt: string;
  /** Test results the simulator last reported acknowledged. */
  ackedTest: number;
  killed: boolean;
}

/**
 * The plant's load: the built-in simulator at 200 machines (through the API, as the simulator
 * page starts it), temperature limits so alerts are raised, and an operator who acknowledges
 * one alert now and then. Remembers each simulator run's last counters.
 */
export class SoakLoad {
  readonly runs: SimulatorRunSeen[] = [];
  acknowledged = 0;
  failedCalls = 0;
  private timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly api: SoakApi,
    private readonly options: SoakOptions,
  ) {}

  get machines(): number {
    return this.options.lines * this.options.machinesPerLine;
  }

  /** Starts a simulator run and waits until every machine is connected. */
  async startSimulator(): Promise<void> {
    const status = await this.api.call('simulator.start', {
      lines: this.options.lines,
      machinesPerLine: this.options.machinesPerLine,
      rate: this.options.rate,
      seed: this.options.seed % 2_147_483_647,
      scenarios: SCENARIOS,
    });
    this.runs.push({ startedAt: status.startedAt ?? '', ackedTest: 0, killed: false });
    await until('every simulated machine connected', performance.now() + 120_000, async () => {
      const now = await this.api.call('simulator.status', {});
      return now.counters && now.counters.connected === this.machines ? true : undefined;
    });
  }

  async setLimits(): Promise<void> {
    for (let line = 0; line < this.options.lines; line += 1) {
      for (let machine = 0; machine < this.options.machinesPerLine; machine += 1) {
        await this.api.call('thresholds.save', {
          machineId: machineIdOf(line, machine),
          metric: 'temperature',
          high: TEMPERATURE_HIGH,
          deadband: 1,
          onDelayS: 0,
        });
      }
    }
  }

  /** Polls the simulator's counters and acknowledges alerts every 15 s, until stop(). */
  start(): void {
    this.timers.push(setInterval(() => void this.readCounters(), 2000));
    this.timers.push(setInterval(() => void this.acknowledgeSome(), 15_000));
  }

  stop(): void {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
  }

  markKilled(): void {
    const run = this.runs.at(-1);
    if (run) run.killed = true;
  }

  /** Stops the run cleanly (its last counters are then exact) and records them. */
  async stopSimulator(): Promise<void> {
    await this.api.call('simulator.stop', {});
    await this.readCounters();
  }

  async readCounters(): Promise<void> {
    try {
      const status = await this.api.call('simulator.status', {});
      const run = this.runs.find((seen) => seen.startedAt === status.startedAt);
      if (run && status.counters) run.ackedTest = status.counters.sent.test;
    } catch {
      this.failedCalls += 1;
    }
  }

  /**
   * What a control room does: acknowledges a few alerts, returned ones first (which clears
   * them, so the list stays within what the page loads) and one still active.
   */
  private async acknowledgeSome(): Promise<void> {
    try {
      const { alerts } = await this.api.call('alerts.list', { view: 'active', limit: 500 });
      const returned = alerts.filter((alert) => alert.state === 'returned_unacked');
      const active = alerts.filter((alert) => alert.state === 'active_unacked');
      for (const alert of [...returned.slice(0, ACKS_PER_ROUND - 1), ...active.slice(0, 1)]) {
        await this.api.call('alerts.acknowledge', { id: alert.id, comment: 'soak operator' });
        this.acknowledged += 1;
      }
    } catch {
      // The store restarting (503) or the alert changed meanwhile: the next round tries again.
      this.failedCalls += 1;
    }
  }
}
