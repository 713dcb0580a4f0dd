// The desktop workstation's transport (src/backend/remote), as Electron's main process uses it,
// run under plain Node against the real built server over TLS: contract calls over HTTPS, the
// live feed over WSS through the renderer's own LiveClient, certificate pinning, and a server
// that goes away and comes back.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
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
import { topicsFor } from '../../../src/shared/api-client';
import { LiveClient, type Connect } from '../../../src/shared/live/live-client';
import type { LiveEvent } from '../../../src/shared/live/live-protocol';
import type { Session } from '../../../src/shared/contract';
import { waitFor } from '../../helpers/wait';

const dataDirs: string[] = [];
const running: ServerProcess[] = [];
const remotes: RemoteBackend[] = [];
const feeds: LiveClient[] = [];

async function startServer(dataDir: string, port = 0): Promise<ServerProcess> {
  const server = await spawnServer([
    ...['--data-dir', dataDir, '--tls', 'on', '--port', String(port)],
    ...['--embedded-broker-port', '0'],
  ]);
  running.push(server);
  return server;
}

function remote(url: string, fingerprint: string): RemoteBackend {
  const backend = createRemoteBackend({ url, fingerprint, station: 'CR-1', timeoutMs: 5_000 });
  remotes.push(backend);
  return backend;
}

/** The link the renderer's LiveClient would get over IPC, relayed by main to the server. */
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

beforeAll(() => ensureServerBundle(), 120_000);

afterEach(async () => {
  for (const feed of feeds.splice(0)) feed.close();
  for (const backend of remotes.splice(0)) backend.close();
  for (const server of running.splice(0)) await server.stop();
});

afterAll(() => {
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

function freshDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'linewatch-remote-'));
  dataDirs.push(dir);
  return dir;
}

describe('the workstation transport', () => {
  it('carries calls and the live feed to a pinned server, and follows it away and back', async () => {
    const dataDir = freshDataDir();
    const server = await startServer(dataDir);
    const fingerprint = printedFingerprint(server.output());
    const port = new URL(server.url).port;
    const backend = remote(server.url, fingerprint);

    const setup = await backend.call(
      'setup.createFirstAdmin',
      { username: 'admin', displayName: 'Admin', password: 'admin password 123' },
      null,
    );
    expect(setup.ok, JSON.stringify(setup)).toBe(true);
    const { token } = (setup as { value: Session }).value;
    const refused = await backend.call('accounts.list', {}, null);
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });

    const events: LiveEvent[] = [];
    const kinds = () => events.map((event) => event.kind).filter((kind) => kind !== 'batches');
    const changedUsers = () =>
      events.flatMap((event) =>
        event.kind === 'batches'
          ? event.batches.filter((batch) => batch.topic === 'accounts.changed')
          : [],
      ).length;
    feeds.push(new LiveClient(relay(backend), token, topicsFor('admin'), (e) => events.push(e)));
    await waitFor('the feed to subscribe', () =>
      kinds().includes('connected') ? true : undefined,
    );

    const created = await backend.call(
      'accounts.create',
      {
        username: 'olga',
        displayName: 'Olga',
        role: 'operator',
        password: 'olga password 123',
        assignments: { lines: [], machines: [] },
      },
      token,
    );
    expect(created.ok, JSON.stringify(created)).toBe(true);
    await waitFor('the new account on the live feed', () =>
      changedUsers() > 0 ? true : undefined,
    );

    // The station's name goes with every call: the login is recorded "at CR-1".
    const login = await backend.call(
      'auth.login',
      { username: 'olga', password: 'olga password 123' },
      null,
    );
    expect(login.ok, JSON.stringify(login)).toBe(true);
    const log = await backend.call('events.list', { limit: 20 }, token);
    const texts = log.ok ? (log.value as { events: { message: string }[] }).events : [];
    expect(texts.map((event) => event.message)).toContain('olga logged in at CR-1');

    // A station name outside the rule is refused by name, not recorded as given.
    const badStation = createRemoteBackend({ url: server.url, fingerprint, station: 'CR/2 <b>' });
    remotes.push(badStation);
    const refusedName = await badStation.call('setup.status', {}, null);
    expect(refusedName).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(refusedName.ok ? '' : refusedName.error.message).toContain('X-Linewatch-Station');

    // The server goes away: calls say so plainly, the feed reports the link lost.
    await server.stop();
    const away = await backend.call('accounts.list', {}, token);
    expect(away).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(away.ok ? '' : away.error.message).toMatch(/unreachable/);
    await waitFor('the feed to report lost', () => (kinds().includes('lost') ? true : undefined));

    // ... and comes back on the same address: calls work and the feed reconnects by itself.
    await startServer(dataDir, Number(port));
    const back = await waitFor('calls to work again', async () => {
      const result = await backend.call('accounts.list', {}, token);
      return result.ok ? result : undefined;
    });
    expect(back.ok && (back.value as { username: string }[]).map((u) => u.username)).toContain(
      'olga',
    );
    await waitFor(
      'the feed to reconnect',
      () => (kinds().lastIndexOf('connected') > kinds().indexOf('lost') ? true : undefined),
      { timeoutMs: 40_000 },
    );
  }, 120_000);

  it('refuses a server whose certificate is not the pinned one, naming both fingerprints', async () => {
    const server = await startServer(freshDataDir());
    const actual = printedFingerprint(server.output());
    const pinned = Array.from({ length: 32 }, () => 'AB').join(':');
    const backend = remote(server.url, pinned);

    const result = await backend.call('setup.status', {}, null);
    expect(result).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    const message = result.ok ? '' : result.error.message;
    expect(message).toContain(pinned);
    expect(message).toContain(actual);
    expect(message).toMatch(/certificate changed/);

    const reason = await new Promise<string>((done) => {
      const link = backend.openLive({ send: () => undefined, closed: done });
      link.receive({ type: 'subscribe', token: 'x', topics: [] });
    });
    expect(reason).toContain(actual);
  }, 60_000);
});
