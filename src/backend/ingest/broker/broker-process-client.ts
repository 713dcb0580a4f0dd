import type { StoreChannel } from '../../store/rpc';
import type { FromBroker, ToBroker } from './broker-protocol';
import type { EmbeddedBroker } from './embedded-broker';

const HOST = '127.0.0.1';
const FIRST_RESTART_MS = 500;
const MAX_RESTART_MS = 30_000;
const EXIT_GRACE_MS = 3000;

interface Running {
  channel: StoreChannel;
  exited: Promise<void>;
}

/**
 * Runs the embedded broker in a process of its own (see broker-process.ts) and keeps it
 * running: if it dies, a new one starts on the same port (after 0.5 s, doubling up to 30 s
 * while it keeps failing), and the subscriber and machines reconnect to it as they would to
 * any broker that restarted. With its file (`persistenceFile`) the new one carries on with the
 * sessions and queued messages the old one had stored; messages it had not acknowledged are
 * sent again by their publishers.
 */
export async function startBrokerProcess(
  launch: () => StoreChannel,
  port: number,
  log: (line: string) => void,
  /** The broker's own file; null keeps its sessions and queues in memory. */
  persistenceFile: string | null = null,
): Promise<EmbeddedBroker> {
  let closing = false;
  let restartMs = FIRST_RESTART_MS;
  let restartTimer: NodeJS.Timeout | null = null;

  const listen = (wantedPort: number, onDeath: () => void) =>
    new Promise<Running & { url: string; port: number }>((resolve, reject) => {
      const channel = launch();
      let listening = false;
      const exited = new Promise<void>((done) =>
        channel.onExit((code) => {
          done();
          if (!listening) reject(new Error(`the broker process ended (${code}) before listening`));
          else if (!closing) {
            log(`the embedded broker's process ended (${code}); starting a new one`);
            onDeath();
          }
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

  const first = await listen(port, () => restart());
  let running: Running = first;

  function restart(): void {
    restartTimer = setTimeout(() => {
      restartTimer = null;
      if (closing) return;
      listen(first.port, () => restart()).then(
        (next) => {
          restartMs = FIRST_RESTART_MS;
          if (closing) next.channel.kill();
          else running = next;
        },
        (error: unknown) => {
          log(`the embedded broker could not start again: ${(error as Error).message}`);
          restartMs = Math.min(restartMs * 2, MAX_RESTART_MS);
          restart();
        },
      );
    }, restartMs);
  }

  return {
    url: first.url,
    port: first.port,
    async close() {
      closing = true;
      if (restartTimer) clearTimeout(restartTimer);
      running.channel.kill();
      await Promise.race([
        running.exited,
        new Promise((resolve) => setTimeout(resolve, EXIT_GRACE_MS)),
      ]);
    },
  };
}
