import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend, type Backend } from '../../src/backend/backend';
import { nodeLauncher } from '../../src/backend/process/node-launcher';
import type { StationRateLimits } from '../../src/backend/station-keys/rate-limit';
import { ChromiumPdfPrinter } from '../../src/backend/reports/pdf/chromium-pdf-printer';
import { startConsoleServer, type ConsoleServer } from '../../src/console/http/server';
import type { MethodName, Role, Session } from '../../src/shared/contract';
import { buildHttpRequest } from '../../src/shared/http-route';

/** A controllable clock for idle-lock and expiry tests; real time otherwise. */
export class TestClock {
  private offsetMs = 0;
  now = (): number => Date.now() + this.offsetMs;
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

export interface TestServer {
  backend: Backend;
  server: ConsoleServer;
  url: string;
  dataDir: string;
  clock: TestClock;
  /** Calls a contract method over HTTP exactly as the renderer would. */
  http(
    method: MethodName,
    input: unknown,
    token?: string | null,
  ): Promise<{ status: number; body: unknown }>;
  /** Creates the first admin (password ADMIN_PASSWORD) and returns their session. */
  setupAdmin(): Promise<Session>;
  /** Creates a user as the given admin and logs them in. */
  createUser(
    adminToken: string,
    username: string,
    role: Role,
    assignments?: { lines: string[]; machines: string[] },
  ): Promise<Session>;
  login(username: string, password?: string): Promise<Session>;
  close(): Promise<void>;
}

export const ADMIN_PASSWORD = 'admin password 123';
export const USER_PASSWORD = 'user password 123';

/**
 * A real console-mode server on a free port with a fresh data folder: real store process,
 * real SQLite file, real HTTP. bcrypt runs at a low cost to keep the suite quick.
 */
export async function startTestServer(
  options: {
    flushMs?: number;
    loginAttemptsPerMinute?: number;
    /** Reuse an existing data folder (a restart); the caller keeps it and deletes it. */
    dataDir?: string;
    /** Start ingest with an embedded broker on a free port. */
    ingest?: boolean;
    /** With ingest: read this broker instead of an embedded one. */
    brokerUrl?: string;
    /** How fast one station key may post (the defaults otherwise). */
    stationRateLimits?: StationRateLimits;
    /** With ingest: run the Sparkplug B host application too, under this host id. */
    sparkplugHostId?: string;
    /** With ingest: read only these lines (a server started with `--lines`). */
    lines?: string[];
    /** A file whose number caps the database's pages: a full disk (store/page-limit-file.ts). */
    storePageLimitFile?: string;
  } = {},
): Promise<TestServer> {
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'linewatch-test-'));
  const clock = new TestClock();
  const backend = await createBackend({
    dataDir,
    launcher: nodeLauncher,
    pdfPrinter: new ChromiumPdfPrinter(),
    bcryptCost: 4,
    flushMs: options.flushMs,
    now: clock.now,
    log: () => undefined,
    stationRateLimits: options.stationRateLimits,
    storePageLimitFile: options.storePageLimitFile,
    // With ingest, an embedded broker on a free port; its URL is in 'ingest.status'.
    ingest: options.ingest
      ? {
          broker: {
            url: options.brokerUrl ?? '',
            topicRoot: 'factory',
            ...(options.sparkplugHostId
              ? {
                  sparkplug: {
                    enabled: true,
                    topicRoot: 'spBv1.0',
                    hostId: options.sparkplugHostId,
                  },
                }
              : {}),
          },
          embeddedPort: 0,
          ...(options.lines ? { lines: options.lines } : {}),
        }
      : null,
  });
  const server = await startConsoleServer({
    backend,
    host: '127.0.0.1',
    port: 0,
    rendererDir: join(dataDir, 'no-renderer'),
    log: () => undefined,
    loginAttemptsPerMinute: options.loginAttemptsPerMinute ?? 100_000,
  });

  const http: TestServer['http'] = async (method, input, token = null) => {
    const request = buildHttpRequest(method, input);
    const response = await fetch(server.url + request.url, {
      method: request.verb,
      headers: {
        ...(request.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      body: request.body,
    });
    return { status: response.status, body: await response.json() };
  };

  const expectOk = async (method: MethodName, input: unknown, token?: string | null) => {
    const { status, body } = await http(method, input, token);
    if (status !== 200) throw new Error(`${method} answered ${status}: ${JSON.stringify(body)}`);
    return body;
  };

  const login: TestServer['login'] = async (username, password = USER_PASSWORD) =>
    (await expectOk('auth.login', { username, password })) as Session;

  return {
    backend,
    server,
    url: server.url,
    dataDir,
    clock,
    http,
    login,
    async setupAdmin() {
      return (await expectOk('setup.createFirstAdmin', {
        username: 'admin',
        displayName: 'First Admin',
        password: ADMIN_PASSWORD,
      })) as Session;
    },
    async createUser(adminToken, username, role, assignments = { lines: [], machines: [] }) {
      await expectOk(
        'accounts.create',
        { username, displayName: username, role, password: USER_PASSWORD, assignments },
        adminToken,
      );
      return login(username);
    },
    async close() {
      await server.close();
      await backend.close();
      if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
