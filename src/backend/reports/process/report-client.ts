import type { StoreChannel } from '../../store/rpc';
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

/**
 * Talks to the report process. It is started on the first report and restarted if it dies;
 * a report that was being built when it died fails with a clear error instead of hanging.
 */
export class ReportProcessClient implements ReportBuilder {
  private channel: Promise<StoreChannel> | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly launch: () => StoreChannel,
    private readonly databasePath: string,
  ) {}

  private start(): Promise<StoreChannel> {
    if (this.channel) return this.channel;
    const channel = this.launch();
    this.channel = new Promise<StoreChannel>((resolve, reject) => {
      channel.onMessage((raw) => {
        const message = raw as FromReports;
        if (message.kind === 'ready') resolve(channel);
        else if (message.kind === 'fatal') reject(new Error(`Reports: ${message.message}`));
        else this.settle(message);
      });
      channel.onExit((code) => {
        this.channel = null;
        reject(new Error(`The report process ended (${code})`));
        for (const [id, pending] of this.pending) {
          this.pending.delete(id);
          pending.reject(new Error(`The report process ended (${code}) while building`));
        }
      });
      const open: ToReports = { kind: 'open', databasePath: this.databasePath };
      channel.postMessage(open);
    });
    this.channel.catch(() => (this.channel = null));
    return this.channel;
  }

  private settle(message: Exclude<FromReports, { kind: 'ready' | 'fatal' }>): void {
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    if (message.kind === 'built') pending.resolve({ built: message.built, csv: message.csv });
    else pending.reject(new Error(message.message));
  }

  /** Starts the process ahead of the first report, which would otherwise wait for its boot. */
  warm(): void {
    if (!this.closed) this.start().catch(() => undefined);
  }

  async build(
    job: ReportJob,
    csv: boolean,
  ): Promise<{ built: BuiltReport; csv: CsvFile[] | null }> {
    if (this.closed) throw new Error('The report process is closed');
    const channel = await this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      const request: ToReports = { kind: 'build', id, job, csv };
      channel.postMessage(request);
    });
  }

  close(): void {
    this.closed = true;
    void this.channel?.then((channel) => channel.kill()).catch(() => undefined);
    this.channel = null;
  }
}
