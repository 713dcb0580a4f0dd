import { Backoff, type BackoffOptions } from './backoff';
import { describeExit, type ProcessChannel } from './channel';
import { PROCESS_TITLES, type ProcessName } from './launchers';

/** What the health report says of a process. */
export type SupervisedState = 'starting' | 'running' | 'restarting' | 'stopped' | 'failed';

export interface ProcessStatus {
  name: ProcessName;
  state: SupervisedState;
  /** Restarts after an unexpected end since Linewatch started. */
  restarts: number;
  /** How its last process ended unexpectedly ("killed by SIGKILL", "exit code 70"), if ever. */
  lastExit: string | null;
}

/** One started process, ready to work, as its owner knows it. */
export interface Started {
  channel: ProcessChannel;
}

export interface KeepAlive<T extends Started> {
  name: ProcessName;
  /** Launches a process and resolves once it is ready; rejects if it cannot start. */
  start(): Promise<T>;
  /** It ended unexpectedly; a restart follows (after a back-off). */
  ended?(why: string): void;
  /** A new process runs after an unexpected end; `why` says how the old one ended. */
  restarted?(next: T, why: string): Promise<void> | void;
}

export interface SupervisorOptions {
  log: (line: string) => void;
  backoff?: Partial<BackoffOptions>;
  /** A process that ran this long without dying starts its back-off afresh. */
  stableMs?: number;
}

const RESTART_BACKOFF: BackoffOptions = { firstMs: 200, maxMs: 30_000, jitter: 0.5 };
const STABLE_MS = 30_000;
/** At shutdown a process gets this long to end after SIGTERM before SIGKILL. */
export const KILL_GRACE_MS = 2_000;

interface Unit {
  status: ProcessStatus;
  channel: ProcessChannel | null;
  exited: Promise<void>;
  timer: NodeJS.Timeout | null;
  /** Counts keep() and release(): a late exit of a process released before is not a crash. */
  generation: number;
}

/**
 * Keeps Linewatch's background processes running. A process that ends unexpectedly is
 * restarted after a back-off with jitter (doubling while it keeps failing, afresh once it has
 * run for a while); its owner is told before and after, so calls in between fail clearly and
 * the restart is alerted. The simulator is only watched: a run is never restarted behind
 * the user's back. At shutdown every process ends, by SIGKILL if it must.
 */
export class Supervisor {
  private readonly units = new Map<ProcessName, Unit>();
  private stopping = false;

  constructor(private readonly options: SupervisorOptions) {}

  /** Starts a process and keeps it running; rejects if the first start fails. */
  async keep<T extends Started>(spec: KeepAlive<T>): Promise<T> {
    const unit = this.unit(spec.name);
    unit.generation += 1;
    const generation = unit.generation;
    unit.status.state = 'starting';
    const first = await spec.start().catch((error: unknown) => {
      unit.status.state = 'failed';
      unit.status.lastExit = error instanceof Error ? error.message : String(error);
      throw error;
    });
    const backoff = new Backoff({ ...RESTART_BACKOFF, ...this.options.backoff });
    this.watch(spec, unit, first, backoff, generation);
    return first;
  }

  /**
   * A process that is watched, not kept (the simulator, the report process which starts with
   * the next report): it runs now. `afterCrash` counts it as a restart.
   */
  running(name: ProcessName, channel: ProcessChannel, afterCrash = false): void {
    const unit = this.unit(name);
    unit.generation += 1;
    if (afterCrash) unit.status.restarts += 1;
    unit.status.state = 'running';
    void this.attach(unit, channel);
  }

  /**
   * The watched process ended: expected (`why` null: stopped), or not (with the reason), after
   * which its owner either starts it again (restarting) or leaves it stopped (failed).
   */
  ended(name: ProcessName, why: string | null, next: 'restarting' | 'failed' = 'failed'): void {
    const unit = this.unit(name);
    unit.channel = null;
    unit.status.state = why ? next : 'stopped';
    if (why) {
      unit.status.lastExit = why;
      this.options.log(`the ${PROCESS_TITLES[name]} ended unexpectedly (${why})`);
    }
  }

  /** The owner stops a process on purpose (close): its end is not a crash. */
  release(name: ProcessName): void {
    const unit = this.units.get(name);
    if (!unit) return;
    unit.generation += 1;
    if (unit.timer) clearTimeout(unit.timer);
    unit.timer = null;
    unit.status.state = 'stopped';
  }

  status(): ProcessStatus[] {
    return [...this.units.values()].map((unit) => ({ ...unit.status }));
  }

  /**
   * Shutdown: no more restarts; every process still running gets SIGTERM, and SIGKILL after
   * the grace, so the whole shutdown has a bound whatever state a process is in.
   */
  async shutdown(graceMs = KILL_GRACE_MS): Promise<void> {
    this.stopping = true;
    const waits: Promise<void>[] = [];
    for (const unit of this.units.values()) {
      if (unit.timer) clearTimeout(unit.timer);
      unit.timer = null;
      const channel = unit.channel;
      if (!channel) continue;
      channel.kill('SIGTERM');
      const timer = setTimeout(() => channel.kill('SIGKILL'), graceMs);
      waits.push(unit.exited.finally(() => clearTimeout(timer)));
      unit.status.state = 'stopped';
    }
    await Promise.all(waits);
  }

  private unit(name: ProcessName): Unit {
    let unit = this.units.get(name);
    if (!unit) {
      unit = {
        status: { name, state: 'stopped', restarts: 0, lastExit: null },
        channel: null,
        exited: Promise.resolve(),
        timer: null,
        generation: 0,
      };
      this.units.set(name, unit);
    }
    return unit;
  }

  private attach(unit: Unit, channel: ProcessChannel): Promise<string> {
    unit.channel = channel;
    let ended!: (why: string) => void;
    const why = new Promise<string>((resolve) => (ended = resolve));
    unit.exited = why.then(() => undefined);
    channel.onExit((code, signal) => {
      if (unit.channel === channel) unit.channel = null;
      ended(describeExit(code, signal ?? null));
    });
    return why;
  }

  private watch<T extends Started>(
    spec: KeepAlive<T>,
    unit: Unit,
    current: T,
    backoff: Backoff,
    generation: number,
    /** False after a restart: it counts as running once its owner has taken it back. */
    runningNow = true,
  ): void {
    if (runningNow) unit.status.state = 'running';
    const startedAt = performance.now();
    void this.attach(unit, current.channel).then((why) => {
      if (this.stopping || unit.generation !== generation) return;
      if (performance.now() - startedAt >= (this.options.stableMs ?? STABLE_MS)) backoff.reset();
      unit.status.state = 'restarting';
      unit.status.lastExit = why;
      this.options.log(`the ${PROCESS_TITLES[spec.name]} ended unexpectedly (${why}); restarting`);
      spec.ended?.(why);
      this.restartLater(spec, unit, backoff, why, generation);
    });
  }

  private restartLater<T extends Started>(
    spec: KeepAlive<T>,
    unit: Unit,
    backoff: Backoff,
    why: string,
    generation: number,
  ): void {
    const delay = backoff.next();
    unit.timer = setTimeout(() => {
      unit.timer = null;
      if (this.stopping || unit.generation !== generation) return;
      spec.start().then(
        async (next) => {
          if (this.stopping || unit.generation !== generation) {
            next.channel.kill('SIGKILL');
            return;
          }
          unit.status.restarts += 1;
          this.watch(spec, unit, next, backoff, generation, false);
          this.options.log(`the ${PROCESS_TITLES[spec.name]} runs again (it had ${why})`);
          try {
            await spec.restarted?.(next, why);
          } catch (error) {
            this.options.log(`after restarting the ${spec.name} process: ${String(error)}`);
          }
          if (unit.channel === next.channel) unit.status.state = 'running';
        },
        (error: unknown) => {
          this.options.log(
            `the ${PROCESS_TITLES[spec.name]} could not start again: ${String(error)}`,
          );
          this.restartLater(spec, unit, backoff, why, generation);
        },
      );
    }, delay);
    unit.timer.unref();
  }
}
