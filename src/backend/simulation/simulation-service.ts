import type { SimulatorOptions, SimulatorStatus } from '../../shared/contract';
import { credentialsOf, type BrokerConnection } from '../../shared/rules/broker-connection';
import { ApiFailure } from '../api/api-failure';
import { describeExit, type ProcessChannel } from '../process/channel';
import type { Supervisor } from '../process/supervisor';
import type { StoreClient } from '../store/store-client';
import { type RateSample, toCounters, totalSent } from './simulator-counters';
import type { FromSimulator, SimulatorRun, ToSimulator } from './simulator-protocol';
import { lineIdOf, machineIdOf } from '../../../simulator/model/factory-model';

export interface SimulationDeps {
  /** Starts a fresh simulator process (child_process under Node, utilityProcess in Electron). */
  launch: () => ProcessChannel;
  /** The broker ingest reads now, as the simulator must reach it; null when Linewatch reads none (API tests). */
  broker: () => BrokerConnection | null;
  store: Pick<StoreClient, 'appendEvent' | 'registerSimulatedMachines'>;
  now: () => number;
  log: (line: string) => void;
  /** Watches the run's process; a run is never restarted, its unexpected end is alerted. */
  supervisor?: Supervisor;
  /** The process ended unexpectedly mid-run (`why`: exit code or signal): alert it. */
  failed?(why: string): Promise<void>;
}

/** A cold start loads tsx (under Node) and opens one MQTT connection per machine lazily. */
const START_TIMEOUT_MS = 20_000;
/** The send rate is averaged over this long: test results come in bursts of a unit's steps. */
const RATE_WINDOW_MS = 5_000;
/** The process gets this long to say goodbye on every machine's state topic before it is killed. */
const STOP_TIMEOUT_MS = 8_000;

interface ActiveRun {
  channel: ProcessChannel;
  /** Settles once the process said it runs (or failed to). */
  started: Promise<void>;
  /** Settles once the process ended and the stop is in the event log. */
  ended: Promise<void>;
  stopRequested: boolean;
  /** Who stopped it; null while nobody did (an end then is unexpected). */
  stoppedBy: string | null;
  /** Reports of the last RATE_WINDOW_MS, oldest first. */
  samples: RateSample[];
}

type RunRecord = Omit<SimulatorStatus, 'running'>;

const NO_RUN: RunRecord = {
  options: null,
  brokerUrl: null,
  startedAt: null,
  startedBy: null,
  stoppedAt: null,
  endedBecause: null,
  counters: null,
};

/**
 * The built-in simulator: at most one run at a time, in its own process, publishing to the
 * broker Linewatch reads, so its machines come back through ingest like real ones. Keeps the
 * last run's options and counters after it ends, for the page to show.
 */
export class SimulationService {
  private active: ActiveRun | null = null;
  private record: RunRecord = NO_RUN;
  private closed = false;

  constructor(private readonly deps: SimulationDeps) {}

  status(): SimulatorStatus {
    return { running: this.active !== null, ...structuredClone(this.record) };
  }

  async start(options: SimulatorOptions, actor: string): Promise<SimulatorStatus> {
    if (this.closed) throw new ApiFailure('CONFLICT', 'Linewatch is shutting down');
    if (this.active) {
      throw new ApiFailure(
        'CONFLICT',
        `The simulator already runs (started by ${this.record.startedBy ?? '?'} at ${this.record.startedAt ?? '?'}); stop it first.`,
      );
    }
    const broker = this.deps.broker();
    if (!broker?.url) {
      throw new ApiFailure(
        'CONFLICT',
        'Linewatch reads no broker, so the simulator would publish to nowhere. Start ingest or configure a broker first.',
      );
    }
    const startedAtMs = this.deps.now();
    await this.deps.store.registerSimulatedMachines(
      simulatedMachines(options),
      { username: actor },
      startedAtMs,
    );
    const run: SimulatorRun = {
      ...credentialsOf(broker),
      brokerUrl: broker.url,
      topicRoot: broker.topicRoot,
      ...options,
      // A run of its own, so its messages are neither duplicates nor retests of an earlier run.
      runId: `sim${startedAtMs.toString(36)}`,
      serialStart: Math.floor(startedAtMs / 100),
    };
    const channel = this.deps.launch();
    this.deps.supervisor?.running('simulator', channel);
    let why = '';
    const exited = new Promise<number | null>((resolve) =>
      channel.onExit((code, signal) => {
        why = describeExit(code, signal);
        resolve(code);
      }),
    );
    const active: ActiveRun = {
      channel,
      started: this.whenStarted(channel, exited, run),
      ended: Promise.resolve(),
      stopRequested: false,
      stoppedBy: null,
      samples: [{ sent: 0, atMs: performance.now() }],
    };
    active.ended = exited.then((code) => this.finishRun(active, code, why));
    channel.onMessage((raw) => this.receive(active, raw as FromSimulator));
    this.active = active;
    this.record = {
      ...NO_RUN,
      options,
      brokerUrl: broker.url,
      startedAt: new Date(startedAtMs).toISOString(),
      startedBy: actor,
    };

    try {
      await active.started;
    } catch (error) {
      this.active = null;
      channel.kill();
      const reason = error instanceof Error ? error.message : String(error);
      this.record = {
        ...this.record,
        stoppedAt: new Date(this.deps.now()).toISOString(),
        endedBecause: `could not start: ${reason}`,
      };
      throw new ApiFailure('INTERNAL', `The simulator could not start: ${reason}`);
    }
    await this.deps.store.appendEvent({
      type: 'simulator.started',
      actor,
      target: 'simulator',
      message: `${actor} started the simulator: ${describe(options)}, publishing to ${broker.url}`,
      details: { ...options, brokerUrl: broker.url, runId: run.runId },
    });
    return this.status();
  }

  /** Stops the run (if any) and waits until its process has ended. Idempotent. */
  async stop(actor: string | null): Promise<SimulatorStatus> {
    const active = this.active;
    if (!active) return this.status();
    await active.started.catch(() => undefined);
    if (this.active !== active) return this.status();
    if (!active.stopRequested) {
      active.stopRequested = true;
      active.stoppedBy = actor;
      post(active.channel, { kind: 'stop' });
      // A process that does not end by itself (a hung broker connection) is killed.
      const killTimer = setTimeout(() => active.channel.kill(), STOP_TIMEOUT_MS);
      void active.ended.finally(() => clearTimeout(killTimer));
    }
    await active.ended;
    return this.status();
  }

  /** At shutdown: stop the run before the broker and the store go away. */
  async close(): Promise<void> {
    this.closed = true;
    await this.stop(null).catch((error: unknown) =>
      this.deps.log(`simulator stop failed: ${String(error)}`),
    );
  }

  private whenStarted(
    channel: ProcessChannel,
    exited: Promise<number | null>,
    run: SimulatorRun,
  ): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const settle = (error: Error | null): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (error) reject(error);
        else resolve();
      };
      const timer = setTimeout(
        () => settle(new Error(`no answer within ${START_TIMEOUT_MS / 1000} s`)),
        START_TIMEOUT_MS,
      );
      channel.onMessage((raw) => {
        const message = raw as FromSimulator;
        if (message.kind === 'started') settle(null);
        if (message.kind === 'fatal') settle(new Error(message.message));
      });
      void exited.then((code) => settle(new Error(`its process ended (code ${code})`)));
      post(channel, { kind: 'start', run });
    });
  }

  private receive(active: ActiveRun, message: FromSimulator): void {
    if (this.active !== active) return;
    if (message.kind === 'log') this.deps.log(`simulator: ${message.line}`);
    if (message.kind !== 'stats') return;
    // A rate over elapsed time: the monotonic clock, not the injected "now".
    const sample = { sent: totalSent(message.stats), atMs: performance.now() };
    const recent = active.samples.filter((old) => sample.atMs - old.atMs <= RATE_WINDOW_MS);
    const since = recent[0] ?? active.samples.at(-1) ?? sample;
    active.samples = [...recent, sample];
    this.record = {
      ...this.record,
      counters: toCounters(message.stats, since, sample, new Date(this.deps.now()).toISOString()),
    };
  }

  private async finishRun(active: ActiveRun, code: number | null, why: string): Promise<void> {
    this.deps.supervisor?.ended('simulator', active.stopRequested ? null : why);
    if (this.active !== active) return;
    this.active = null;
    const endedBecause = active.stopRequested
      ? active.stoppedBy
        ? `stopped by ${active.stoppedBy}`
        : 'stopped when Linewatch shut down'
      : `failed: its process ended unexpectedly (${why})`;
    // The status says why at once, in the same step that says it is no longer running.
    const counters = this.record.counters ? { ...this.record.counters, perSecond: 0 } : null;
    this.record = {
      ...this.record,
      stoppedAt: new Date(this.deps.now()).toISOString(),
      endedBecause,
      counters: counters ? { ...counters, connected: 0 } : null,
    };
    if (!active.stopRequested) {
      await this.deps
        .failed?.(why)
        .catch((error: unknown) =>
          this.deps.log(`could not alert the simulator's end: ${String(error)}`),
        );
    }
    const sent = counters ? Object.values(counters.sent).reduce((sum, n) => sum + n, 0) : 0;
    await this.deps.store
      .appendEvent({
        type: 'simulator.stopped',
        actor: active.stoppedBy,
        target: 'simulator',
        message: `The simulator ${endedBecause}, after sending ${sent} messages`,
        details: { sent: counters?.sent ?? null, badData: counters?.badData ?? 0, code },
      })
      .catch((error: unknown) =>
        this.deps.log(`could not record the simulator's stop: ${String(error)}`),
      );
  }
}

/** A message to a process that already ended is dropped: its exit is handled elsewhere. */
function post(channel: ProcessChannel, message: ToSimulator): void {
  try {
    channel.postMessage(message);
  } catch {
    // ERR_IPC_CHANNEL_CLOSED: the exit listener settles the run.
  }
}

function describe(options: SimulatorOptions): string {
  const scenarios = options.scenarios.length ? options.scenarios.join(', ') : 'none';
  return `${options.lines} line(s) x ${options.machinesPerLine} machine(s) at ${options.rate} msg/s each, seed ${options.seed}, scenarios ${scenarios}`;
}

/** The machines a run sends as (the simulator's own naming), to register them as simulated. */
function simulatedMachines(options: SimulatorOptions): { lineId: string; machineId: string }[] {
  return Array.from({ length: options.lines }, (_, line) =>
    Array.from({ length: options.machinesPerLine }, (_, machine) => ({
      lineId: lineIdOf(line),
      machineId: machineIdOf(line, machine),
    })),
  ).flat();
}
