import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../helpers/test-backend';

/**
 * A slow-loris client sends its headers a byte at a time to hold a connection forever. The
 * server allows 10 s for the headers (headersTimeout), checked every second.
 */
describe('slow clients', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.close());

  it('disconnects a slow-loris client within about 15 seconds', async () => {
    const { port } = new URL(t.url);
    const started = Date.now();
    const closedAfter = await new Promise<number>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write('GET /api/setup HTTP/1.1\r\nHost: localhost\r\nX-Slow: ');
      });
      const drip = setInterval(() => socket.write('a'), 1000);
      const giveUp = setTimeout(() => {
        clearInterval(drip);
        socket.destroy();
        reject(new Error('the server kept a slow-loris connection open for 25 s'));
      }, 25_000);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        clearInterval(drip);
        clearTimeout(giveUp);
        resolve(Date.now() - started);
      });
      socket.resume();
    });
    expect(closedAfter).toBeGreaterThanOrEqual(9_000);
    expect(closedAfter).toBeLessThanOrEqual(15_000);
  }, 30_000);
});
