import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

export const MOSQUITTO_BINARY = process.env.LINEWATCH_MOSQUITTO ?? '/usr/sbin/mosquitto';

export interface MosquittoOptions {
  /** Seconds between saves of the in-memory database (SIGTERM always saves). */
  autosaveIntervalS?: number;
  /** Keep sessions and queued messages on disk across restarts (default true). */
  persistence?: boolean;
}

/**
 * Debian's mosquitto on a free loopback port, configured so that it never drops a QoS 1
 * message: no cap on queued or in-flight messages (0 = unlimited, see mosquitto.conf(5)),
 * and a persistence file so a restart keeps the queues of persistent sessions.
 */
export interface Mosquitto {
  readonly port: number;
  readonly url: string;
  readonly dir: string;
  readonly running: boolean;
  /** The last lines mosquitto logged, for failure messages. */
  log(): string;
  /** Starts it again on the same port with the same persistence file. */
  start(): Promise<void>;
  /** SIGTERM: mosquitto saves its database and exits. */
  stop(): Promise<void>;
  /** SIGKILL: no save. */
  kill(): Promise<void>;
  /** Stops it and removes its folder. */
  dispose(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export function mosquittoConfig(port: number, dir: string, options: MosquittoOptions = {}): string {
  const lines = [
    `listener ${port} 127.0.0.1`,
    'allow_anonymous true',
    // 0 means "no maximum" for both: nothing is dropped however far the subscriber lags.
    'max_queued_messages 0',
    'max_queued_bytes 0',
    'max_inflight_messages 0',
    'max_inflight_bytes 0',
    `persistence ${options.persistence === false ? 'false' : 'true'}`,
    `persistence_location ${dir}/`,
    `autosave_interval ${options.autosaveIntervalS ?? 2}`,
    'autosave_on_changes false',
    'set_tcp_nodelay true',
    'log_dest stderr',
    'log_type error',
    'log_type warning',
    'log_type notice',
    'log_type information',
  ];
  // As root, mosquitto switches to the user "mosquitto", who may not write the temp folder.
  if (process.getuid?.() === 0) lines.push(`user ${userInfo().username}`);
  return `${lines.join('\n')}\n`;
}

export async function startMosquitto(options: MosquittoOptions = {}): Promise<Mosquitto> {
  const dir = mkdtempSync(join(tmpdir(), 'linewatch-mosquitto-'));
  const port = await freePort();
  const configPath = join(dir, 'mosquitto.conf');
  writeFileSync(configPath, mosquittoConfig(port, dir, options));
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  let logText = '';

  const launch = async (): Promise<void> => {
    const started = spawn(MOSQUITTO_BINARY, ['-c', configPath], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => {
      logText = (logText + chunk.toString('utf8')).slice(-20_000);
    };
    started.stdout?.on('data', keep);
    started.stderr?.on('data', keep);
    child = started;
    exited = new Promise((resolve) => started.once('exit', () => resolve()));
    let gone = false;
    void exited.then(() => {
      gone = true;
      if (child === started) child = null;
    });
    await waitForPort(port, 10_000, () => (gone ? `mosquitto exited:\n${logText}` : null));
  };

  const signal = async (name: NodeJS.Signals): Promise<void> => {
    const current = child;
    if (!current) return;
    current.kill(name);
    await exited;
  };

  await launch();
  return {
    port,
    url: `mqtt://127.0.0.1:${port}`,
    dir,
    get running() {
      return child !== null;
    },
    log: () => logText,
    start: async () => {
      if (child) throw new Error('mosquitto is already running');
      await launch();
    },
    stop: () => signal('SIGTERM'),
    kill: () => signal('SIGKILL'),
    dispose: async () => {
      await signal('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Resolves once something accepts TCP connections on the port; `failed` aborts early. */
export async function waitForPort(
  port: number,
  timeoutMs: number,
  failed: () => string | null = () => null,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const problem = failed();
    if (problem) throw new Error(problem);
    if (await accepts(port)) return;
    if (Date.now() > deadline)
      throw new Error(`nothing listens on port ${port} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
