import { describeExit, type ProcessChannel } from '../../process/channel';
import { Backoff } from '../../process/backoff';
import type { Supervisor } from '../../process/supervisor';
import type { BuiltReport, CsvFile, ReportJob } from '../report-job';
import type { FromReports, ToReports } from './report-protocol';

export interface ReportBuilder {
  build(job: ReportJob, csv: boolean): Promise<{ built: BuiltReport; csv: CsvFile[] | null }>;
  close(): void;
}

interface Pending {
  resolve: (value: { built: BuiltReport; csv: CsvFile[] | null }) => void;
  reject: (error: Error) => void;
}

/** The report process stops after this long without a report (it starts again on the next). */
export const REPORT_IDLE_STOP_MS = 10 * 60_000;

export interface ReportSupervision {
  supervisor: Supervisor;
  /** The process ended unexpectedly (`why`); a new one starts with the next report. */
  ended?(why: string): void;
}

/**
 * Talks to the report process. It is started on the first report (or warmed) and, if it dies,
 * started again with the next one; a report that was being built when it died fails with a
 * clear error instead of hanging. The supervisor sees its state, and stops it at shutdown.
 * After `idleStopMs` without a report it is stopped (its memory back to the system; a report
 * costs a boot of about a second then) and is not counted as a crash.
 */
export class ReportProcessClient implements ReportBuilder {
  /** The running process, and its answer to `open` (ready, or why not). */
  private channel: { process: ProcessChannel; ready: Promise<void> } | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;
  private crashed = false;
  private readonly restarts = new Backoff({ firstMs: 500, maxMs: 30_000 });
  private restartTimer: NodeJS.Timeout | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  /** Stops the running process on purpose (idle): its exit is then no crash. */
  private retire: (() => void) | null = null;

  constructor(
    private readonly launch: () => ProcessChannel,
    private readonly databasePath: string,
    private readonly supervision?: ReportSupervision,
    private readonly idleStopMs = REPORT_IDLE_STOP_MS,
  ) {}

  private start(): { process: ProcessChannel; ready: Promise<void> } {
    if (this.channel) return this.channel;
    const channel = this.launch();
    let retired = false;
    this.retire = () => {
      retired = true;
      this.supervision?.supervisor.release('reports');
      channel.kill('SIGTERM');
    };
    const afterCrash = this.crashed;
    this.crashed = false;
    this.supervision?.supervisor.running('reports', channel, afterCrash);
    const ready = new Promise<void>((resolve, reject) => {
      channel.onMessage((raw) => {
        const message = raw as FromReports;
        if (message.kind === 'ready') {
          resolve();
          this.armIdleStop();
          if (afterCrash) setTimeout(() => this.restarts.reset(), 30_000).unref();
        } else if (message.kind === 'fatal') {
          const error = new Error(`Reports: ${message.message}`);
          reject(error);
          // The jobs sent behind `open` fail with its reason (the process answers them with
          // "the database is not open" after this).
          for (const [id, pending] of this.pending) {
            this.pending.delete(id);
            pending.reject(error);
          }
        } else this.settle(message);
      });
      channel.onExit((code, signal) => {
        // A process stopped when idle may end after the next report started a new one.
        if (!retired) this.channel = null;
        if (!this.closed && !retired) {
          const why = describeExit(code, signal);
          this.crashed = true;
          this.supervision?.supervisor.ended('reports', why, 'restarting');
          this.supervision?.ended?.(why);
          // Ready again before the next report asks (which would start it anyway).
          if (this.supervision) {
            this.restartTimer = setTimeout(() => this.warm(), this.restarts.next());
            this.restartTimer.unref();
          }
        }
        reject(new Error(`The report process ended (${code})`));
        for (const [id, pending] of this.pending) {
          this.pending.delete(id);
          pending.reject(new Error(`The report process ended (${code}) while building`));
        }
      });
      const open: ToReports = { kind: 'open', databasePath: this.databasePath };
      channel.postMessage(open);
    });
    const started = { process: channel, ready };
    this.channel = started;
    ready.catch(() => {
      if (this.channel === started) this.channel = null;
    });
    return started;
  }

  private settle(message: Exclude<FromReports, { kind: 'ready' | 'fatal' }>): void {
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    this.armIdleStop();
    if (message.kind === 'built') pending.resolve({ built: message.built, csv: message.csv });
    else pending.reject(new Error(message.message));
  }

  /** (Re)starts the idle countdown once no report is being built. */
  private armIdleStop(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    if (this.closed || this.pending.size > 0) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.pending.size > 0 || !this.channel || !this.retire) return;
      this.retire();
      this.retire = null;
      this.channel = null;
    }, this.idleStopMs);
    this.idleTimer.unref();
  }

  private disarmIdleStop(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  /** Starts the process ahead of the first report, which would otherwise wait for its boot. */
  warm(): void {
    if (!this.closed) this.start().ready.catch(() => undefined);
  }

  async build(
    job: ReportJob,
    csv: boolean,
  ): Promise<{ built: BuiltReport; csv: CsvFile[] | null }> {
    if (this.closed) throw new Error('The report process is closed');
    this.disarmIdleStop();
    // Sent at once, behind `open`, not once the process says it is ready: it reads its messages
    // in order, and the main process may be busy when "ready" comes (on the first PDF it loads
    // playwright-core then, half a second), which would hold the job back that long.
    const { process: channel } = this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      const request: ToReports = { kind: 'build', id, job, csv };
      channel.postMessage(request);
    });
  }

  close(): void {
    this.closed = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.disarmIdleStop();
    this.supervision?.supervisor.release('reports');
    this.channel?.process.kill();
    this.channel = null;
  }
}
