import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fork } from 'node:child_process';
import type { FromBroker, ToBroker } from '../../src/backend/ingest/broker/broker-protocol';
import { BrokerSubscriber } from '../../src/backend/ingest/broker/broker-subscriber';
import type { IngestSummary, RawMessage } from '../../src/backend/store/ingest-messages';
import { connectPublisher, publishBurst } from '../../tests/integration/ingest/support/publisher';
import { waitFor } from '../../tests/helpers/wait';
import { cpuMs as processCpuMs } from './plant-watch';
import { formatRate } from './stats';

const ENTRY = join(process.cwd(), 'src/backend/ingest/broker/broker-process.ts');

export interface DrainFigures {
  backlog: number;
  /** Messages per second from the release to the last one committed. */
  drainRate: number;
  /** The broker process's CPU (user + system) per drained message, in µs. */
  brokerCpuUsPerMessage: number;
  duplicates: number;
}

/**
 * How the backlog builds: `away`, Linewatch's session is kept while its subscriber is stopped
 * (every message waits in the broker's queue, delivered when it connects again); `held`, the
 * subscriber stays connected with its commits held (it reads up to its limit of 20,000 and
 * then stops reading, the rest waits at the broker), as when the store falls behind.
 */
export type DrainMode = 'away' | 'held';

/**
 * A backlog at the embedded broker, drained: Linewatch's own subscriber (BrokerSubscriber,
 * acks after the commit), with a counting sink in place of the store so that the broker is
 * the narrow part, and the broker's process as the backend starts it (broker.sqlite,
 * synchronous=FULL). A publisher's `backlog` QoS 1 messages pile up; then the subscriber is
 * let go, and the time until every message is committed gives the drain rate. The broker's CPU
 * per message is read from /proc: the shared cores' load does not skew it as it skews the
 * wall time.
 */
export async function runBrokerDrain(
  backlog: number,
  mode: DrainMode,
  options: { log?: (line: string) => void; brokerExecArgv?: string[] } = {},
): Promise<DrainFigures> {
  const log = options.log ?? console.log;
  const dir = mkdtempSync(join(tmpdir(), 'linewatch-bench-drain-'));
  // As forkWithNode starts it, with room for --cpu-prof on the broker.
  const brokerChild = fork(ENTRY, [], {
    execArgv: ['--import', 'tsx', ...(options.brokerExecArgv ?? [])],
    serialization: 'advanced',
  });
  const exited = new Promise<void>((resolve) => brokerChild.once('exit', () => resolve()));
  let subscriber: BrokerSubscriber | null = null;
  try {
    const url = await new Promise<string>((resolve, reject) => {
      brokerChild.on('message', (raw) => {
        const message = raw as FromBroker;
        if (message.kind === 'listening') resolve(message.url);
        else reject(new Error(message.message));
      });
      const listen: ToBroker = {
        kind: 'listen',
        port: 0,
        host: '127.0.0.1',
        persistenceFile: join(dir, 'broker.sqlite'),
      };
      brokerChild.send(listen);
    });

    let held = false;
    // Every commit waiting while held (the subscriber keeps two batches at the store at once).
    const waitingCommits: (() => void)[] = [];
    const seen = new Set<string>();
    let probes = 0;
    let duplicates = 0;
    const commit = async (messages: RawMessage[]): Promise<IngestSummary> => {
      while (held) await new Promise<void>((resolve) => waitingCommits.push(resolve));
      for (const message of messages) {
        if (message.topic.endsWith('/probe/test')) {
          probes += 1;
          continue;
        }
        const key = Buffer.from(message.payload).toString('latin1');
        if (seen.has(key)) duplicates += 1;
        else seen.add(key);
      }
      return summaryOf(messages.length);
    };
    const connect = async (): Promise<BrokerSubscriber> => {
      const started = new BrokerSubscriber(
        { url, topicRoot: 'factory' },
        'linewatch-bench-drain',
        commit,
        {
          state: (state, detail) => {
            if (state !== 'connected' && state !== 'connecting' && state !== 'stopped')
              log(`  subscriber ${state}: ${detail} (${seen.size} committed)`);
          },
          committed: () => undefined,
          commitFailed: () => undefined,
        },
        Date.now,
      );
      subscriber = started;
      started.start();
      await waitFor('the subscriber to connect', () => (started.isConnected() ? true : undefined));
      return started;
    };

    let current = await connect();
    const publisher = await connectPublisher(url, 'linewatch-bench-drain-pub');
    try {
      // The subscription follows the connection: a probe committed says it is in place.
      await waitFor('the subscription', async () => {
        await publisher.publishAsync('factory/L1/probe/test', 'probe', { qos: 1 });
        return probes > 0 ? true : undefined;
      });
      if (mode === 'away') await current.stop();
      else held = true;
      const burst = await publishBurst(publisher, 'DRAIN', backlog, { window: 1000 });
      log(
        `  ${mode === 'away' ? 'Linewatch away' : 'commits held'}: a backlog of ${backlog} ` +
          `QoS 1 msgs, acknowledged to the publisher at ` +
          `${formatRate(backlog, burst.finishedAt - burst.startedAt)}` +
          (mode === 'held' ? ` (${current.waiting} read by the subscriber)` : ''),
      );
    } finally {
      await publisher.endAsync(true);
    }

    const cpuBefore = processCpuMs(brokerChild.pid!);
    const releasedAt = performance.now();
    if (mode === 'away') {
      current = await connect();
    } else {
      held = false;
      for (const release of waitingCommits.splice(0)) release();
    }
    const drained = current;
    await waitFor(
      `all ${backlog} messages to be committed`,
      () => (seen.size >= backlog && drained.waiting === 0 ? true : undefined),
      { timeoutMs: 600_000, everyMs: 10 },
    );
    const ms = performance.now() - releasedAt;
    const cpuMs = processCpuMs(brokerChild.pid!) - cpuBefore;
    const figures: DrainFigures = {
      backlog,
      drainRate: (backlog * 1000) / ms,
      brokerCpuUsPerMessage: (cpuMs * 1000) / backlog,
      duplicates,
    };
    log(
      `embedded broker, the backlog drained (${mode === 'away' ? 'Linewatch back' : 'commits let go'}, ` +
        `broker.sqlite, synchronous=FULL): ${formatRate(backlog, ms)}, broker CPU ` +
        `${figures.brokerCpuUsPerMessage.toFixed(1)} µs/msg, ${duplicates} duplicates ` +
        `(load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores)`,
    );
    return figures;
  } finally {
    await (subscriber as BrokerSubscriber | null)?.stop();
    brokerChild.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  }
}

function summaryOf(count: number): IngestSummary {
  return {
    received: count,
    stored: count,
    duplicates: 0,
    deadLettered: 0,
    ignored: 0,
    newMachines: [],
    results: [],
    machines: [],
    refusals: [],
  };
}
