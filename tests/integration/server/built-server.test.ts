// The server as an operator runs it: the built bundle (out/server/cli.js) under plain Node,
// its own TLS certificate, and a clean stop on SIGTERM (what systemd and WinSW send).
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ensureServerBundle,
  pinnedGet,
  printedFingerprint,
  spawnServer,
  type ServerProcess,
} from '../../helpers/server-process';
import { buildHttpRequest } from '../../../src/shared/http-route';
import type { MethodName, Session } from '../../../src/shared/contract';
import { childrenOf, commandOf } from '../ingest/support/console-process';
import { waitFor } from '../../helpers/wait';

const dataDirs: string[] = [];
const running: ServerProcess[] = [];

function freshDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'linewatch-server-'));
  dataDirs.push(dir);
  return dir;
}

async function start(args: string[]): Promise<ServerProcess> {
  const server = await spawnServer(['--port', '0', '--embedded-broker-port', '0', ...args]);
  running.push(server);
  return server;
}

beforeAll(() => ensureServerBundle(), 120_000);

afterEach(async () => {
  for (const server of running.splice(0)) await server.stop();
});

afterAll(() => {
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

describe('the built server', () => {
  it('runs its background processes as built JavaScript without tsx, and exits 0 within 5 s of SIGTERM', async () => {
    const server = await start(['--data-dir', freshDataDir()]);
    const setup = await fetch(`${server.url}/api/setup`);
    expect(setup.status).toBe(200);
    expect(await setup.json()).toMatchObject({ needsSetup: true });

    const pid = server.child.pid!;
    const commands = childrenOf(pid).map(commandOf);
    expect(commands.some((command) => command.includes('out/server/store-process.js'))).toBe(true);
    expect(commands.some((command) => command.includes('out/server/broker-process.js'))).toBe(true);
    expect([commandOf(pid), ...commands].filter((command) => /tsx|\.ts\b/.test(command))).toEqual(
      [],
    );

    const stopped = await server.stop();
    expect(stopped, server.output()).toMatchObject({ code: 0, signal: null });
    expect(stopped.ms).toBeLessThan(5_000);
  });

  it('runs the simulator and prints a PDF report from the bundle (packages it locates at run time are found)', async () => {
    const server = await start(['--data-dir', freshDataDir()]);
    const call = async (method: MethodName, input: unknown, token?: string) => {
      const request = buildHttpRequest(method, input);
      return fetch(server.url + request.url, {
        method: request.verb,
        headers: {
          ...(request.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
        },
        body: request.body,
      });
    };
    const setup = await call('setup.createFirstAdmin', {
      username: 'admin',
      displayName: 'Admin',
      password: 'admin password 123',
    });
    expect(setup.status).toBe(200);
    const { token } = (await setup.json()) as Session;

    const from = new Date(Date.now() - 3_600_000).toISOString();
    const simulator = { lines: 1, machinesPerLine: 2, rate: 2, seed: 42, scenarios: [] };
    expect((await call('simulator.start', simulator, token)).status).toBe(200);
    await waitFor(
      'simulated results to come back through ingest',
      async () => {
        const status = (await (await call('ingest.status', {}, token)).json()) as {
          counters: { stored: number };
        };
        return status.counters.stored > 0 ? true : undefined;
      },
      { timeoutMs: 60_000, everyMs: 250 },
    );
    expect((await call('simulator.stop', {}, token)).status).toBe(200);

    const to = new Date(Date.now() + 60_000).toISOString();
    const pdf = await call('reports.build', { type: 'shift', from, to, format: 'pdf' }, token);
    expect(pdf.status, await pdf.clone().text()).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });

  it('makes its own certificate on the first start, serves HTTPS with it, and reuses it on the next start', async () => {
    const dataDir = freshDataDir();
    const first = await start(['--data-dir', dataDir, '--tls', 'on']);
    expect(first.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const fingerprint = printedFingerprint(first.output());
    expect(first.output()).toContain('made on this first start');

    const certFile = join(dataDir, 'tls', 'server.crt');
    const keyFile = join(dataDir, 'tls', 'server.key');
    expect(new X509Certificate(readFileSync(certFile)).fingerprint256).toBe(fingerprint);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);

    const pinned = await pinnedGet(`${first.url}/api/setup`, fingerprint);
    expect(pinned).toMatchObject({ status: 200, fingerprint });
    // A station that pinned another certificate refuses this one.
    const otherPin = fingerprint.replace(/^[0-9A-F]{2}/, (byte) => (byte === '00' ? '01' : '00'));
    await expect(pinnedGet(`${first.url}/api/setup`, otherPin)).rejects.toThrow(
      /is not the pinned/,
    );
    expect((await first.stop()).code).toBe(0);

    const second = await start(['--data-dir', dataDir, '--tls', 'on']);
    expect(printedFingerprint(second.output())).toBe(fingerprint);
    expect(second.output()).not.toContain('made on this first start');
    expect(await pinnedGet(`${second.url}/api/setup`, fingerprint)).toMatchObject({
      status: 200,
    });
  });

  it('refuses to start when the certificate is there without its key, instead of making a new one', async () => {
    const dataDir = freshDataDir();
    const first = await start(['--data-dir', dataDir, '--tls', 'on']);
    expect((await first.stop()).code).toBe(0);
    rmSync(join(dataDir, 'tls', 'server.key'));
    await expect(start(['--data-dir', dataDir, '--tls', 'on'])).rejects.toThrow(
      /server\.key is missing/,
    );
  });
});
