import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../../src/shared/contract';
import { startTestServer, type TestServer } from '../../helpers/test-backend';

describe('online backup', () => {
  let t: TestServer;
  let admin: Session;
  beforeAll(async () => {
    t = await startTestServer();
    admin = await t.setupAdmin();
    await t.createUser(admin.token, 'eng', 'engineer', { lines: ['L-1'], machines: [] });
  });
  afterAll(() => t.close());

  it('writes a complete, readable copy while the app runs, and logs it', async () => {
    const { status, body } = await t.http('backup.create', {}, admin.token);
    expect(status).toBe(200);
    const { file, bytes } = body as { file: string; bytes: number };
    expect(file.startsWith(t.dataDir)).toBe(true);
    expect(existsSync(file)).toBe(true);
    expect(bytes).toBeGreaterThan(0);
    const copy = new Database(file, { readonly: true });
    try {
      expect(copy.pragma('quick_check', { simple: true })).toBe('ok');
      const users = copy.prepare('SELECT username FROM users ORDER BY username').pluck().all();
      expect(users).toEqual(['admin', 'eng']);
    } finally {
      copy.close();
    }
    const events = (await t.http('events.list', { type: 'store.backup' }, admin.token)).body as {
      events: { actor: string }[];
    };
    expect(events.events[0]!.actor).toBe('admin');
  });

  it('is for admins only', async () => {
    const engineer = await t.login('eng');
    expect((await t.http('backup.create', {}, engineer.token)).status).toBe(403);
  });
});
