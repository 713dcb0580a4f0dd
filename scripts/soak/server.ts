import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
/** A first run builds the renderer and the server bundle (scripts/console.mjs) first. */
const START_TIMEOUT_MS = 10 * 60_000;
const STOP_TIMEOUT_MS = 10_000;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export interface SoakServer {
  pid: number;
  url: string;
  brokerUrl: string;
  /** The last lines it printed, for a failure message. */
  tail(): string;
  /** SIGTERM, then SIGKILL to its whole process group if it has not ended in 10 s. */
  stop(): Promise<{ code: number | null; seconds: number }>;
}

/**
 * `npm run server` as an operator runs it (the built out/server, through scripts/console.mjs,
 * which builds it first when stale), on free ports, in a process group of its own so nothing
 * it started outlives the soak.
 */
export async function startServer(dataDir: string): Promise<SoakServer> {
  const [port, brokerPort] = [await freePort(), await freePort()];
  const child: ChildProcess = spawn(
    process.execPath,
    [
      join(ROOT, 'scripts', 'console.mjs'),
      '--port',
      String(port),
      '--data-dir',
      dataDir,
      '--embedded-broker-port',
      String(brokerPort),
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: { ...process.env } },
  );
  let text = '';
  const keep = (chunk: Buffer) => {
    text = (text + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const pid = child.pid;
  if (pid === undefined) throw new Error('the server did not start');
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no "listening" within 10 min:\n${text}`)),
      START_TIMEOUT_MS,
    );
    const look = () => {
      const match = /Linewatch console listening on (https?:\/\/\S+)/.exec(text);
      if (!match?.[1]) return;
      clearTimeout(timer);
      resolve(match[1].replace(/\/$/, ''));
    };
    child.stdout?.on('data', look);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}) before listening:\n${text}`));
    });
  });
  return {
    pid,
    url,
    brokerUrl: `mqtt://127.0.0.1:${brokerPort}`,
    tail: () => text.split('\n').slice(-40).join('\n'),
    async stop() {
      const started = performance.now();
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => killGroup(pid), STOP_TIMEOUT_MS);
      const code = await exited;
      clearTimeout(timer);
      // Whatever of its group is left (nothing, after a clean stop).
      killGroup(pid);
      return { code, seconds: (performance.now() - started) / 1000 };
    },
  };
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // The group is gone already.
  }
}
