import type { ProcessChannel } from '../../process/channel';
import { Supervisor } from '../../process/supervisor';
import type { FromBroker, ToBroker } from './broker-protocol';
import type { EmbeddedBroker } from './embedded-broker';

const HOST = '127.0.0.1';
const EXIT_GRACE_MS = 2000;

interface Listening {
  channel: ProcessChannel;
  exited: Promise<void>;
  url: string;
  port: number;
}

export interface BrokerSupervision {
  supervisor: Supervisor;
  /** A new broker process listens again after the old one ended (`why`). */
  restarted?(why: string): void;
}

/**
 * Runs the embedded broker in a process of its own (see broker-process.ts) under the
 * supervisor: if it dies, a new one starts on the same port (with back-off and jitter while
 * it keeps failing), and the subscriber and machines reconnect to it as they would to any
 * broker that restarted. With its file (`persistenceFile`) the new one carries on with the
 * sessions and queued messages the old one had stored; messages it had not acknowledged are
 * sent again by their publishers.
 */
export async function startBrokerProcess(
  launch: () => ProcessChannel,
  port: number,
  log: (line: string) => void,
  /** The broker's own file; null keeps its sessions and queues in memory. */
  persistenceFile: string | null = null,
  supervision: BrokerSupervision = { supervisor: new Supervisor({ log }) },
): Promise<EmbeddedBroker> {
  const listen = (wantedPort: number) =>
    new Promise<Listening>((resolve, reject) => {
      const channel = launch();
      let listening = false;
      const exited = new Promise<void>((done) =>
        channel.onExit((code) => {
          done();
          if (!listening) reject(new Error(`the broker process ended (${code}) before listening`));
        }),
      );
      channel.onMessage((raw) => {
        const message = raw as FromBroker;
        if (message.kind === 'listening') {
          listening = true;
          resolve({ channel, exited, url: message.url, port: message.port });
        } else reject(new Error(message.message));
      });
      const request: ToBroker = { kind: 'listen', port: wantedPort, host: HOST, persistenceFile };
      channel.postMessage(request);
    });

  let running: Listening | null = null;
  const first = await supervision.supervisor.keep({
    name: 'broker',
    // Every start after the first takes the same port: clients reconnect to the same URL.
    start: () => listen(running?.port ?? port),
    restarted: (next, why) => {
      running = next;
      supervision.restarted?.(why);
    },
  });
  running = first;

  return {
    url: first.url,
    port: first.port,
    async close() {
      supervision.supervisor.release('broker');
      const last = running;
      if (!last) return;
      last.channel.kill('SIGTERM');
      const timer = setTimeout(() => last.channel.kill('SIGKILL'), EXIT_GRACE_MS);
      await last.exited;
      clearTimeout(timer);
    },
  };
}
