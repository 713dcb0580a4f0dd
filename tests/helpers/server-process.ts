import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { join, resolve } from 'node:path';
import type { TLSSocket } from 'node:tls';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const SERVER_CLI = join(ROOT, 'out', 'server', 'cli.js');

/**
 * Builds out/server (scripts/build-server.mjs) when it is missing or older than its sources,
 * so a test or bench of the built server never runs yesterday's bundle (one builder at a time).
 */
export function ensureServerBundle(): void {
  const check = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      "import { ensureServerBuilt } from './scripts/build-server.mjs'; await ensureServerBuilt();",
    ],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (check.status !== 0 || !existsSync(SERVER_CLI))
    throw new Error(`building out/server failed: ${check.stderr}`);
}

export interface ServerProcess {
  child: ChildProcess;
  /** Everything the server printed so far (stdout and stderr). */
  output(): string;
  /** The URL from the "listening on" line. */
  url: string;
  /** Milliseconds from spawn to the "listening on" line. */
  listeningMs: number;
  /** Sends SIGTERM and resolves with the exit code and how long the exit took. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>;
}

/** Spawns a server command line and resolves once it prints the address it listens on. */
export async function spawnServer(
  args: string[],
  options: { execArgv?: string[]; script?: string; timeoutMs?: number } = {},
): Promise<ServerProcess> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [...(options.execArgv ?? []), options.script ?? SERVER_CLI, ...args],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let text = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );

  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`server did not start within ${options.timeoutMs ?? 30_000} ms:\n${text}`));
    }, options.timeoutMs ?? 30_000);
    const look = () => {
      const match = /listening on (https?:\/\/\S+)/.exec(text);
      if (match) {
        clearTimeout(timer);
        done(match[1]!);
      }
    };
    child.stdout.on('data', look);
    void exited.then(({ code }) => {
      clearTimeout(timer);
      fail(new Error(`server exited with ${code} before listening:\n${text}`));
    });
  });
  const listeningMs = performance.now() - started;

  return {
    child,
    output: () => text,
    url,
    listeningMs,
    async stop() {
      const stopping = performance.now();
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const result = await exited;
      return { ...result, ms: performance.now() - stopping };
    },
  };
}

/** The "SHA-256 fingerprint" the server printed, colon-separated upper-case hex. */
export function printedFingerprint(output: string): string {
  const match = /SHA-256 fingerprint:? ((?:[0-9A-F]{2}:){31}[0-9A-F]{2})/.exec(output);
  if (!match) throw new Error(`no fingerprint printed:\n${output}`);
  return match[1]!;
}

/**
 * GET over HTTPS trusting exactly one certificate: the one whose SHA-256 fingerprint is given
 * (what a station does after pinning). A self-signed certificate fails Node's CA check before
 * `checkServerIdentity` would run, so the CA check is off and the pin is checked on the
 * handshake itself: any other certificate destroys the socket before the request goes out.
 */
export function pinnedGet(
  url: string,
  fingerprint256: string,
): Promise<{ status: number; body: string; fingerprint: string }> {
  return new Promise((done, fail) => {
    let seen = '';
    const request = httpsRequest(url, { rejectUnauthorized: false, agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      response.on('end', () => done({ status: response.statusCode ?? 0, body, fingerprint: seen }));
    });
    request.on('socket', (socket) => {
      (socket as TLSSocket).once('secureConnect', () => {
        seen = (socket as TLSSocket).getPeerCertificate().fingerprint256;
        if (seen !== fingerprint256)
          request.destroy(new Error(`certificate ${seen} is not the pinned ${fingerprint256}`));
      });
    });
    request.on('error', fail);
    request.end();
  });
}
