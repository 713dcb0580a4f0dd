// The desktop workstation keeps the server's token in its main process (issue 13): the page
// gets opaque handles from login, first admin and refresh, and main swaps them for the real
// token on every call and live message. Under plain Node against the real built server (TLS).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ensureServerBundle,
  printedFingerprint,
  spawnServer,
  type ServerProcess,
} from '../../helpers/server-process';
import {
  createRemoteBackend,
  type RemoteBackend,
} from '../../../src/backend/remote/remote-backend';
import { SessionHandles } from '../../../src/backend/remote/session-handles';
import { topicsFor } from '../../../src/shared/api-client';
import { LiveClient, type Connect } from '../../../src/shared/live/live-client';
import type { LiveEvent } from '../../../src/shared/live/live-protocol';
import type { Session } from '../../../src/shared/contract';
import { waitFor } from '../../helpers/wait';

/** The link the renderer's LiveClient gets over IPC, relayed by main. */
function relay(backend: RemoteBackend): Connect {
  return (handlers) => {
    const link = backend.openLive({
      send: (message) => handlers.onMessage(message),
      closed: () => handlers.onClose(),
    });
    queueMicrotask(() => handlers.onOpen());
    return { send: (message) => link.receive(message), close: () => link.closed() };
  };
}

describe('the token stays in main: the page holds handles', () => {
  let dataDir: string;
  let server: ServerProcess;
  let direct: RemoteBackend;
  let page: RemoteBackend;
  let feed: LiveClient | null = null;

  beforeAll(async () => {
    ensureServerBundle();
    dataDir = mkdtempSync(join(tmpdir(), 'linewatch-handles-'));
    server = await spawnServer([
      ...['--data-dir', dataDir, '--tls', 'on', '--port', '0'],
      ...['--embedded-broker-port', '0'],
    ]);
    const remote = {
      url: server.url,
      fingerprint: printedFingerprint(server.output()),
      station: 'CR-1',
      timeoutMs: 5_000,
    };
    // What a script would have if it took the page's "token" to the server itself.
    direct = createRemoteBackend(remote);
    // What the page talks to: the transport behind main's handles.
    page = new SessionHandles().guard(createRemoteBackend(remote));
  }, 120_000);

  afterAll(async () => {
    feed?.close();
    page?.close();
    direct?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('hands out handles that work through main and mean nothing to the server', async () => {
    const setup = await page.call(
      'setup.createFirstAdmin',
      { username: 'admin', displayName: 'Admin', password: 'admin password 123' },
      null,
    );
    expect(setup.ok, JSON.stringify(setup)).toBe(true);
    const handle = (setup as { value: Session }).value.token;
    // A JWT has three dot-separated parts; a handle is one opaque word.
    expect(handle).toMatch(/^lw-handle-[\w-]{32}$/);

    const listed = await page.call('accounts.list', {}, handle);
    expect(listed.ok, JSON.stringify(listed)).toBe(true);
    const stolen = await direct.call('accounts.list', {}, handle);
    expect(stolen).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });

    // A renewal is a new handle; the live feed subscribes and renews with handles too.
    const events: LiveEvent[] = [];
    feed = new LiveClient(relay(page), handle, topicsFor('admin'), (event) => events.push(event));
    await waitFor('the feed to subscribe', () =>
      events.some((event) => event.kind === 'connected') ? true : undefined,
    );
    const refreshed = await page.call('auth.refresh', {}, handle);
    expect(refreshed.ok, JSON.stringify(refreshed)).toBe(true);
    const renewed = (refreshed as { value: { token: string } }).value.token;
    expect(renewed).toMatch(/^lw-handle-/);
    expect(renewed).not.toBe(handle);
    feed.renew(renewed);
    const created = await page.call(
      'accounts.create',
      {
        username: 'olga',
        displayName: 'Olga',
        role: 'operator',
        password: 'olga password 123',
        assignments: { lines: [], machines: [] },
      },
      renewed,
    );
    expect(created.ok, JSON.stringify(created)).toBe(true);
    await waitFor('the new account on the live feed', () =>
      events.some(
        (event) =>
          event.kind === 'batches' &&
          event.batches.some((batch) => batch.topic === 'accounts.changed'),
      )
        ? true
        : undefined,
    );
    expect(events.filter((event) => event.kind === 'refused')).toEqual([]);

    // Logging out ends the session at the server and the handle in main.
    expect((await page.call('auth.logout', {}, renewed)).ok).toBe(true);
    expect(await page.call('auth.me', {}, renewed)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
  });
});
