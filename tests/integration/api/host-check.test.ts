import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsoleServer, type ConsoleServer } from '../../../src/console/http/server';
import { startTestServer, type TestServer } from '../../helpers/test-backend';

/** One raw HTTP request with a Host header of our choosing (fetch does not let us set it). */
function send(
  url: string,
  path: string,
  host: string,
  options: { method?: string; body?: string; upgrade?: boolean } = {},
): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        hostname,
        port,
        path,
        method: options.method ?? 'GET',
        headers: {
          Host: host,
          ...(options.body ? { 'Content-Type': 'application/json' } : {}),
          ...(options.upgrade
            ? {
                Connection: 'Upgrade',
                Upgrade: 'websocket',
                'Sec-WebSocket-Version': '13',
                'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
              }
            : {}),
        },
      },
      (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    req.on('upgrade', (response, socket) => {
      socket.destroy();
      resolve({ status: response.statusCode ?? 0, body: '' });
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

// DNS rebinding: a page on attacker.example, its name pointed at 127.0.0.1, must not reach
// setup or login through the user's browser.
describe('console mode answers only to the names it serves', () => {
  let t: TestServer;
  let named: ConsoleServer;
  let port = '';
  const setupBody = JSON.stringify({
    username: 'admin',
    displayName: 'A',
    password: 'admin password 123',
  });

  beforeAll(async () => {
    t = await startTestServer();
    port = new URL(t.url).port;
    named = await startConsoleServer({
      backend: t.backend,
      host: '127.0.0.1',
      port: 0,
      rendererDir: join(t.dataDir, 'no-renderer'),
      log: () => undefined,
      allowedHosts: ['linewatch.plant.local'],
    });
  });
  afterAll(async () => {
    await named?.close();
    await t?.close();
  });

  it('refuses setup, login and the live socket under a foreign name, saying why', async () => {
    const setup = await send(t.url, '/api/setup', `attacker.example:${port}`, {
      method: 'POST',
      body: setupBody,
    });
    expect(setup.status).toBe(421);
    expect(setup.body).toContain('does not answer to the name \\"attacker.example\\"');
    const login = await send(t.url, '/api/auth/login', `attacker.example:${port}`, {
      method: 'POST',
      body: JSON.stringify({ username: 'admin', password: 'x' }),
    });
    expect(login.status).toBe(421);
    expect((await send(t.url, '/', 'attacker.example')).status).toBe(421);
    expect(
      (await send(t.url, '/api/live', `attacker.example:${port}`, { upgrade: true })).status,
    ).toBe(421);
    // The refused setup did nothing.
    expect((await t.http('setup.status', {})).body).toMatchObject({ needsSetup: true });
  });

  it('answers under the loopback names, an IP address and names given with --allowed-host', async () => {
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, 'LOCALHOST']) {
      expect((await send(t.url, '/api/setup', host)).status, host).toBe(200);
    }
    expect((await send(t.url, '/api/setup', '10.1.2.3:8080')).status).toBe(200);
    expect((await send(t.url, '/api/setup', 'linewatch.plant.local')).status).toBe(421);
    expect((await send(named.url, '/api/setup', 'linewatch.plant.local:443')).status).toBe(200);
  });
});
