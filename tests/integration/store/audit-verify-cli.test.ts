import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../../helpers/test-backend';

function verify(dataDir: string): { code: number; output: string } {
  try {
    const output = execFileSync(
      process.execPath,
      ['--import', 'tsx', 'src/console/audit-verify.ts', '--data-dir', dataDir],
      { encoding: 'utf8' },
    );
    return { code: 0, output };
  } catch (error) {
    const failed = error as { status: number; stdout: string; stderr: string };
    return { code: failed.status, output: failed.stdout + failed.stderr };
  }
}

describe('npm run audit:verify', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'linewatch-audit-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('passes an intact log and names the first edited row of a tampered one', async () => {
    const t = await startTestServer({ dataDir });
    const admin = await t.setupAdmin();
    await t.createUser(admin.token, 'op', 'operator');
    await t.close();

    const intact = verify(dataDir);
    expect(intact.code).toBe(0);
    expect(intact.output).toMatch(/Event log intact: \d+ rows/);

    const db = new Database(join(dataDir, 'linewatch.sqlite'));
    db.exec('DROP TRIGGER events_are_not_updated');
    db.prepare("UPDATE events SET message = 'nothing happened' WHERE id = 2").run();
    db.close();

    const broken = verify(dataDir);
    expect(broken.code).toBe(1);
    expect(broken.output).toContain('BROKEN at row 2');
    expect(verify(join(dataDir, 'missing')).code).toBe(2);
  });
});
