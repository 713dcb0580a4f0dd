import {
  createServer as createHttpServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Backend } from '../../backend/backend';
import { API_PREFIX, LIVE_PATH } from '../../shared/http-route';
import { createApiRoutes } from './api-routes';
import { createLiveSocket } from './live-socket';
import { AttemptLimiter, createHostCheck, setSecurityHeaders } from './security';
import { createStaticFiles } from './static-files';

const INGEST_ALIAS = '/ingest';

export interface ConsoleServerOptions {
  backend: Backend;
  host: string;
  port: number;
  rendererDir: string;
  tls?: { cert: Buffer; key: Buffer };
  log: (line: string) => void;
  /** Login, setup and unlock attempts per client address per minute. */
  loginAttemptsPerMinute?: number;
  /** Host names besides loopback and the bound host that may reach the server (DNS rebinding). */
  allowedHosts?: string[];
}

export interface ConsoleServer {
  url: string;
  close(): Promise<void>;
}

/** Console mode's HTTP(S) server: the renderer, the REST API and the live WebSocket. */
export async function startConsoleServer(options: ConsoleServerOptions): Promise<ConsoleServer> {
  const limiter = new AttemptLimiter(options.loginAttemptsPerMinute ?? 20);
  const handleApi = createApiRoutes(options.backend, limiter);
  const serveStatic = createStaticFiles(options.rendererDir);
  const live = createLiveSocket(options.backend);
  const hostRefusal = createHostCheck(options.host, options.allowedHosts);

  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    setSecurityHeaders(response);
    const refused = hostRefusal(request.headers.host);
    if (refused) {
      // 421 Misdirected Request: the name the browser used is not one this server serves.
      response
        .writeHead(421, { 'Content-Type': 'application/json' })
        .end(JSON.stringify({ code: 'MISDIRECTED', message: `Refused: ${refused}` }));
      return;
    }
    let url: URL;
    try {
      url = new URL(request.url ?? '/', 'http://localhost');
    } catch {
      response.writeHead(400).end();
      return;
    }
    // The factory protocol names POST /ingest for test stations: the same route as /api/ingest.
    if (url.pathname === INGEST_ALIAS) url = new URL(`${API_PREFIX}/ingest${url.search}`, url);
    if (url.pathname === API_PREFIX || url.pathname.startsWith(`${API_PREFIX}/`)) {
      handleApi(request, response, url).catch((error: unknown) => {
        options.log(`API error on ${request.method} ${url.pathname}: ${String(error)}`);
        if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'application/json' });
        response.end(
          JSON.stringify({ code: 'INTERNAL', message: 'Internal error; it has been logged' }),
        );
      });
      return;
    }
    serveStatic(request, response, url);
  };

  // Node enforces the timeouts below only when it checks its connections, every 30 s by
  // default; checking every second makes the 10 s header limit hold at about 10 s.
  const serverOptions = { connectionsCheckingInterval: 1_000 };
  const server = options.tls
    ? createHttpsServer({ ...options.tls, ...serverOptions }, handle)
    : createHttpServer(serverOptions, handle);
  // Slow clients (slow-loris) are cut off: headers within 10 s, a whole request within 30 s.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = 5_000;
  server.maxHeadersCount = 100;
  server.on('upgrade', (request, socket, head) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const refused = hostRefusal(request.headers.host);
    if (refused) {
      socket.end(
        `HTTP/1.1 421 Misdirected Request\r\nConnection: close\r\n\r\nRefused: ${refused}`,
      );
      return;
    }
    if (path !== LIVE_PATH) {
      socket.destroy();
      return;
    }
    live.handleUpgrade(request, socket, head);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const scheme = options.tls ? 'https' : 'http';
  const hostForUrl = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `${scheme}://${hostForUrl}:${port}`,
    async close() {
      live.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
