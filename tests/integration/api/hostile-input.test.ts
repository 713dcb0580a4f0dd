import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SignJWT, UnsecuredJWT, decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../src/backend/backend';
import type {
  ApiErrorBody,
  EventPage,
  Session,
  Settings,
  User,
} from '../../../src/shared/contract';
import { startTestServer, type TestServer } from '../../helpers/test-backend';

const FRAGMENTS = [
  "'; DROP TABLE users; --",
  '" OR 1=1 --',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
];

describe('hostile input over HTTP', () => {
  let t: TestServer;
  let admin: Session;

  beforeAll(async () => {
    t = await startTestServer();
    admin = await t.setupAdmin();
  });
  afterAll(() => t.close());

  /** A raw request, for bodies and headers the contract helper would never send. */
  const raw = (path: string, init: RequestInit = {}) => fetch(t.url + path, init);
  const auth = () => ({ Authorization: `Bearer ${admin.token}` });

  describe('tokens', () => {
    it('refuses a call without a token', async () => {
      const { status, body } = await t.http('auth.me', {});
      expect(status).toBe(401);
      expect((body as ApiErrorBody).code).toBe('UNAUTHENTICATED');
    });

    it('refuses a token signed with another key, even with real claims', async () => {
      const claims = decodeJwt(admin.token);
      const forged = await new SignJWT({ sid: claims.sid })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(String(claims.sub))
        .setIssuer('linewatch')
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(new TextEncoder().encode('an attacker key of thirty-two bytes!'));
      expect((await t.http('auth.me', {}, forged)).status).toBe(401);
      expect((await t.http('accounts.list', {}, forged)).status).toBe(401);
    });

    it('refuses an unsigned (alg none) token and garbage', async () => {
      const claims = decodeJwt(admin.token);
      const unsigned = new UnsecuredJWT({ sid: claims.sid })
        .setSubject(String(claims.sub))
        .setIssuer('linewatch')
        .setExpirationTime('10m')
        .encode();
      expect((await t.http('auth.me', {}, unsigned)).status).toBe(401);
      expect((await t.http('auth.me', {}, 'not.a.token')).status).toBe(401);
      const weird = await raw('/api/auth/me', { headers: { Authorization: 'Bearer a b"c' } });
      expect(weird.status).toBe(401);
    });

    it('refuses a token after its 15 minutes', async () => {
      const session = await t.login('admin', 'admin password 123');
      expect((await t.http('auth.me', {}, session.token)).status).toBe(200);
      t.clock.advance(16 * 60_000);
      const me = await t.http('auth.me', {}, session.token);
      expect(me.status).toBe(401);
      expect((me.body as ApiErrorBody).message).toMatch(/expired/);
      expect((await t.http('auth.refresh', {}, session.token)).status).toBe(401);
      admin = await t.login('admin', 'admin password 123');
    });
  });

  describe('bodies and routes', () => {
    it('answers malformed JSON with 400', async () => {
      const response = await raw('/api/auth/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{"username": "admin", "password": ',
      });
      expect(response.status).toBe(400);
      expect(((await response.json()) as ApiErrorBody).code).toBe('INVALID_INPUT');
    });

    it('answers JSON that is not an object with 400', async () => {
      for (const body of ['[1,2,3]', 'null', '"admin"', '42']) {
        const response = await raw('/api/settings', {
          method: 'PATCH',
          headers: { 'Content-Type': 'application/json', ...auth() },
          body,
        });
        expect(response.status, body).toBe(400);
      }
    });

    it('answers a body that is not JSON with 415', async () => {
      const response = await raw('/api/auth/login', {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain' },
        body: 'username=admin',
      });
      expect(response.status).toBe(415);
    });

    it('answers a body over 1 MiB with 413, declared or streamed', async () => {
      const big = JSON.stringify({ plantName: 'x'.repeat(1024 * 1024 + 10) });
      const declared = await raw('/api/settings', {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json', ...auth() },
        body: big,
      });
      expect(declared.status).toBe(413);

      const streamed = await new Promise<number>((resolve, reject) => {
        const request = httpRequest(
          `${t.url}/api/settings`,
          { method: 'PATCH', headers: { 'Content-Type': 'application/json', ...auth() } },
          (response) => {
            response.resume();
            resolve(response.statusCode ?? 0);
          },
        );
        request.on('error', reject);
        const chunk = 'x'.repeat(64 * 1024);
        for (let i = 0; i < 20; i++) request.write(chunk);
        request.end();
      });
      expect(streamed).toBe(413);
      const settings = (await t.http('settings.get', {}, admin.token)).body as Settings;
      expect(settings.plantName.length).toBeLessThan(1000);
    });

    it('ignores unknown fields, __proto__ included, and lets the path win over the body', async () => {
      const response = await raw('/api/settings', {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json', ...auth() },
        body: '{"plantName":"Proto plant","__proto__":{"polluted":true},"isAdmin":true}',
      });
      expect(response.status).toBe(200);
      expect(await response.json()).not.toHaveProperty('isAdmin');
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();

      const other = await t.http(
        'accounts.create',
        {
          username: 'path-wins',
          displayName: 'Path',
          role: 'operator',
          password: 'long enough password',
        },
        admin.token,
      );
      const patched = await raw(`/api/accounts/${(other.body as User).id}`, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json', ...auth() },
        body: JSON.stringify({ id: admin.user.id, role: 'operator' }),
      });
      expect(patched.status).toBe(200);
      expect(((await patched.json()) as User).username).toBe('path-wins');
      expect(((await t.http('auth.me', {}, admin.token)).body as { user: User }).user.role).toBe(
        'admin',
      );
    });

    it('answers an unknown route with 404 and a wrong verb with 405', async () => {
      expect((await raw('/api/no-such-thing')).status).toBe(404);
      expect((await raw('/api/accounts/1/nothing', { method: 'POST' })).status).toBe(404);
      expect((await raw('/api/setup', { method: 'DELETE' })).status).toBe(405);
      expect((await raw('/api/accounts', { method: 'PUT', headers: auth() })).status).toBe(405);
    });
  });

  describe('injection fragments', () => {
    it('stores fragments in a display name verbatim, and refuses them in a username', async () => {
      for (const [i, fragment] of FRAGMENTS.entries()) {
        const created = await t.http(
          'accounts.create',
          {
            username: `hostile-${i}`,
            displayName: fragment,
            role: 'operator',
            password: 'long enough password',
          },
          admin.token,
        );
        expect(created.status).toBe(200);
        expect((created.body as User).displayName).toBe(fragment);
        const refused = await t.http(
          'accounts.create',
          {
            username: fragment,
            displayName: 'x',
            role: 'operator',
            password: 'long enough password',
          },
          admin.token,
        );
        expect(refused.status).toBe(400);
        expect((refused.body as ApiErrorBody).issues?.[0]?.path).toBe('username');
      }
      const users = (await t.http('accounts.list', {}, admin.token)).body as User[];
      const names = users
        .filter((u) => u.username.startsWith('hostile-'))
        .map((u) => u.displayName);
      expect(names.sort()).toEqual([...FRAGMENTS].sort());
    });

    it('stores fragments in the plant name verbatim and finds them by text', async () => {
      for (const fragment of FRAGMENTS) {
        const response = await raw('/api/settings', {
          method: 'PATCH',
          headers: { 'Content-Type': 'application/json', ...auth() },
          body: JSON.stringify({ plantName: fragment }),
        });
        expect(response.headers.get('content-type')).toMatch(/^application\/json/);
        expect(((await response.json()) as Settings).plantName).toBe(fragment);
        expect(((await t.http('settings.get', {}, admin.token)).body as Settings).plantName).toBe(
          fragment,
        );
      }
      const found = await t.http('events.list', { text: 'DROP TABLE users; --' }, admin.token);
      const events = (found.body as EventPage).events;
      expect(events.length).toBeGreaterThan(0);
      expect(
        events.every((event) => JSON.stringify(event.details).includes('DROP TABLE users')),
      ).toBe(true);
    });

    it('treats fragments in event filters as plain text', async () => {
      for (const fragment of [...FRAGMENTS, '%', '_']) {
        for (const filter of ['text', 'type', 'actor'] as const) {
          const { status, body } = await t.http('events.list', { [filter]: fragment }, admin.token);
          expect(status, `${filter}=${fragment}`).toBe(200);
          for (const event of (body as EventPage).events) {
            if (filter === 'type') expect(event.type.startsWith(fragment)).toBe(true);
            if (filter === 'actor') expect(event.actor?.toLowerCase()).toBe(fragment.toLowerCase());
            if (filter === 'text') {
              const haystack = event.message + (event.target ?? '') + JSON.stringify(event.details);
              expect(haystack.toLowerCase()).toContain(fragment.toLowerCase());
            }
          }
        }
      }
      // A LIKE wildcard matches only itself: nothing here holds a literal percent sign.
      expect(
        ((await t.http('events.list', { text: '%' }, admin.token)).body as EventPage).events,
      ).toEqual([]);
    });

    it('still has its tables afterwards', async () => {
      const db = new Database(join(t.dataDir, DATABASE_FILE), { readonly: true });
      try {
        const tables = db
          .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
          .pluck()
          .all();
        expect(tables).toEqual(expect.arrayContaining(['users', 'events', 'settings', 'sessions']));
        expect(db.prepare('SELECT count(*) FROM users').pluck().get()).toBeGreaterThanOrEqual(5);
      } finally {
        db.close();
      }
      expect((await t.http('accounts.list', {}, admin.token)).status).toBe(200);
    });
  });

  it('sends the security headers on every API answer', async () => {
    const answers = await Promise.all([
      raw('/api/setup'),
      raw('/api/auth/me'),
      raw('/api/no-such-thing'),
      raw('/api/openapi.json'),
      raw('/api/docs'),
    ]);
    for (const response of answers) {
      expect(response.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
      expect(response.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      await response.arrayBuffer();
    }
  });
});
