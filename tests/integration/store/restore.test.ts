import Database from 'better-sqlite3';
import { closeSync, copyFileSync, openSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupFile, Session, User } from '../../../src/shared/contract';
import { ADMIN_PASSWORD, startTestServer, type TestServer } from '../../helpers/test-backend';

describe('restoring a backup', () => {
  let t: TestServer;
  let admin: Session;
  let backupName: string;

  const usernames = async (token: string): Promise<string[]> => {
    const { body } = await t.http('accounts.list', {}, token);
    return (body as User[]).map((user) => user.username).sort();
  };
  const backups = async (token: string): Promise<BackupFile[]> =>
    ((await t.http('backup.list', {}, token)).body as { backups: BackupFile[] }).backups;

  beforeAll(async () => {
    t = await startTestServer();
    admin = await t.setupAdmin();
    await t.createUser(admin.token, 'eng', 'engineer', { lines: ['L-1'], machines: [] });
    const created = await t.http('backup.create', {}, admin.token);
    backupName = basename((created.body as { file: string }).file);
  });
  afterAll(() => t.close());

  it('lists the backups with size and time', async () => {
    const list = await backups(admin.token);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ fileName: backupName });
    expect(list[0]!.bytes).toBeGreaterThan(0);
    // The file's own time, as the file system keeps it (not the process clock, which a test
    // run under faketime moves while file times stay real).
    const file = statSync(join(t.dataDir, 'backups', backupName));
    expect(Date.parse(list[0]!.modifiedAt)).toBe(Math.trunc(file.mtimeMs));
  });

  it('is for admins only', async () => {
    const engineer = await t.login('eng');
    expect((await t.http('backup.list', {}, engineer.token)).status).toBe(403);
    const restore = { fileName: backupName, confirm: 'RESTORE' };
    expect((await t.http('backup.restore', restore, engineer.token)).status).toBe(403);
  });

  it('wants the typed confirmation and a name from the list, never a path', async () => {
    const refused = async (input: unknown) =>
      (await t.http('backup.restore', input, admin.token)).status;
    expect(await refused({ fileName: backupName })).toBe(400);
    expect(await refused({ fileName: backupName, confirm: 'restore' })).toBe(400);
    expect(await refused({ fileName: '../linewatch.sqlite', confirm: 'RESTORE' })).toBe(400);
    expect(await refused({ fileName: `/etc/${backupName}`, confirm: 'RESTORE' })).toBe(400);
    expect(await refused({ fileName: 'nothing-here.sqlite', confirm: 'RESTORE' })).toBe(404);
  });

  it('refuses a damaged, foreign or newer file and leaves the live database alone', async () => {
    const dir = join(t.dataDir, 'backups');
    writeFileSync(
      join(dir, 'garbage.sqlite'),
      'this is not a database file at all, not even close',
    );
    const foreign = new Database(join(dir, 'foreign.sqlite'));
    foreign.exec('CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)');
    foreign.close();
    copyFileSync(join(dir, backupName), join(dir, 'future.sqlite'));
    const future = new Database(join(dir, 'future.sqlite'));
    future.pragma('user_version = 999');
    future.close();
    // A real backup with one page scribbled over: SQLite opens it, quick_check does not pass.
    copyFileSync(join(dir, backupName), join(dir, 'damaged.sqlite'));
    const damaged = new Database(join(dir, 'damaged.sqlite'));
    const pageSize = damaged.pragma('page_size', { simple: true }) as number;
    const pages = damaged.pragma('page_count', { simple: true }) as number;
    damaged.close();
    const bytes = Buffer.alloc(pageSize * (pages - 2), 0xa5);
    const fd = openSync(join(dir, 'damaged.sqlite'), 'r+');
    writeSync(fd, bytes, 0, bytes.length, pageSize * 2);
    closeSync(fd);

    const before = await usernames(admin.token);
    for (const [fileName, why] of [
      ['garbage.sqlite', /cannot be (opened|read)|not a database/i],
      ['foreign.sqlite', /not a Linewatch database/],
      ['future.sqlite', /newer Linewatch/],
      ['damaged.sqlite', /damaged|malformed|cannot be read/i],
    ] as const) {
      const { status, body } = await t.http(
        'backup.restore',
        { fileName, confirm: 'RESTORE' },
        admin.token,
      );
      expect(status, fileName).toBe(400);
      expect((body as { message: string }).message, fileName).toMatch(why);
    }
    // The admin is still logged in and the data is as it was.
    expect(await usernames(admin.token)).toEqual(before);
    const events = await t.http('events.list', { type: 'backup.restored' }, admin.token);
    expect((events.body as { events: unknown[] }).events).toHaveLength(0);
  });

  it('puts the backup in place: later changes are gone, a safety copy is kept, everyone logs in again', async () => {
    await t.createUser(admin.token, 'late', 'operator');
    await t.http('settings.update', { idleLockMinutes: 42 }, admin.token);
    expect(await usernames(admin.token)).toEqual(['admin', 'eng', 'late']);

    const { status, body } = await t.http(
      'backup.restore',
      { fileName: backupName, confirm: 'RESTORE' },
      admin.token,
    );
    expect(status, JSON.stringify(body)).toBe(200);
    const outcome = body as { restored: string; safetyCopy: string };
    expect(outcome.restored).toBe(backupName);
    expect(outcome.safetyCopy).toMatch(/^before-restore-.*\.sqlite$/);

    // The session that asked belongs to the replaced database: it is over.
    expect((await t.http('accounts.list', {}, admin.token)).status).toBe(401);
    const again = await t.login('admin', ADMIN_PASSWORD);
    expect(await usernames(again.token)).toEqual(['admin', 'eng']);
    const settings = (await t.http('settings.get', {}, again.token)).body as {
      idleLockMinutes: number;
    };
    expect(settings.idleLockMinutes).not.toBe(42);

    const events = (await t.http('events.list', { type: 'backup.restored' }, again.token)).body as {
      events: { actor: string; target: string; message: string }[];
    };
    expect(events.events).toHaveLength(1);
    expect(events.events[0]).toMatchObject({ actor: 'admin', target: backupName });
    const audit = (await t.http('audit.verify', {}, again.token)).body as { ok: boolean };
    expect(audit.ok).toBe(true);

    // The replaced database is kept, and listed, with the change that the restore undid.
    expect((await backups(again.token)).map((file) => file.fileName)).toContain(outcome.safetyCopy);
    const copy = new Database(join(t.dataDir, 'backups', outcome.safetyCopy), { readonly: true });
    try {
      const users = copy.prepare('SELECT username FROM users ORDER BY username').pluck().all();
      expect(users).toEqual(['admin', 'eng', 'late']);
    } finally {
      copy.close();
    }
  });
});
