import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EventPage, User } from '../../../src/shared/contract';
import { ADMIN_PASSWORD, startTestServer } from '../../helpers/test-backend';

function accounts(...args: string[]): { code: number; output: string } {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'src/console/accounts-cli.ts', ...args],
    { encoding: 'utf8' },
  );
  return { code: run.status ?? -1, output: run.stdout + run.stderr };
}

describe('npm run accounts -- unlock NAME', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'linewatch-accounts-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('refuses while Linewatch runs, unlocks once it is stopped, and logs it', async () => {
    let t = await startTestServer({ dataDir });
    await t.setupAdmin();
    // The only admin locked for the whole account: fifty wrong passwords from one address
    // lock the pair at five; the account lock is set here the way fifty would set it.
    for (let i = 0; i < 5; i++) await t.http('auth.login', { username: 'admin', password: 'x' });
    expect(
      (await t.http('auth.login', { username: 'admin', password: ADMIN_PASSWORD })).status,
    ).toBe(423);

    const refused = accounts('unlock', 'admin', '--data-dir', dataDir);
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(/Linewatch is running .*Stop it first/s);
    await t.close();

    const db = (await import('better-sqlite3')).default;
    const handle = new db(join(dataDir, 'linewatch.sqlite'));
    handle
      .prepare(
        "UPDATE users SET locked_until = '9999-01-01T00:00:00.000Z' WHERE username = 'admin'",
      )
      .run();
    handle.close();

    expect(accounts('unlock', 'nobody', '--data-dir', dataDir)).toMatchObject({ code: 1 });
    expect(accounts('unlock', '--data-dir', dataDir).code).toBe(2);
    const unlocked = accounts('unlock', 'admin', '--data-dir', dataDir);
    expect(unlocked.output).toContain('Unlocked admin');
    expect(unlocked.code).toBe(0);

    t = await startTestServer({ dataDir });
    try {
      const session = await t.login('admin', ADMIN_PASSWORD);
      const users = (await t.http('accounts.list', {}, session.token)).body as User[];
      expect(users.find((user) => user.username === 'admin')?.lockedUntil).toBeNull();
      const { body } = await t.http(
        'events.list',
        { type: 'account.unlocked', limit: 10 },
        session.token,
      );
      expect((body as EventPage).events[0]).toMatchObject({
        actor: 'server console',
        target: 'admin',
      });
    } finally {
      await t.close();
    }
  });
});
