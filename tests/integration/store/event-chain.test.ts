import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../src/backend/backend';
import type { AuditResult, EventPage } from '../../../src/shared/contract';
import { ADMIN_PASSWORD, startTestServer, type TestServer } from '../../helpers/test-backend';

/** Opens the database behind the backend's back, the way someone with file access would. */
function tamper(dataDir: string, work: (db: Database.Database) => void): void {
  const db = new Database(join(dataDir, DATABASE_FILE));
  try {
    work(db);
  } finally {
    db.close();
  }
}

/** Restarts a backend on the data folder and runs `check` with an admin token. */
async function afterRestart<T>(
  dataDir: string,
  check: (t: TestServer, token: string) => Promise<T>,
): Promise<T> {
  const t = await startTestServer({ dataDir });
  try {
    return await check(t, (await t.login('admin', ADMIN_PASSWORD)).token);
  } finally {
    await t.close();
  }
}

async function verify(t: TestServer, token: string): Promise<AuditResult> {
  const { status, body } = await t.http('audit.verify', {}, token);
  expect(status).toBe(200);
  return body as AuditResult;
}

describe('the event log hash chain', () => {
  let dataDir: string;
  /** Ids of the events recording that machines M-1..M-4 were saved. */
  const savedIds = new Map<string, number>();

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'linewatch-chain-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('verifies an untouched log and refuses UPDATE and DELETE through the triggers', async () => {
    const t = await startTestServer({ dataDir });
    try {
      const { token } = await t.setupAdmin();
      for (const machineId of ['M-1', 'M-2', 'M-3', 'M-4']) {
        const { body } = await t.http('plant.saveMachine', { lineId: 'L-1', machineId }, token);
        expect(body).toMatchObject({ id: machineId });
        const page = await t.http('events.list', { type: 'plant.machine_saved', machineId }, token);
        savedIds.set(machineId, (page.body as EventPage).events[0]!.id);
      }
      await t.createUser(token, 'eng', 'engineer', { lines: ['L-1'], machines: [] });

      const result = await verify(t, token);
      expect(result).toMatchObject({ ok: true, firstBrokenId: null, reason: null });
      // first admin, its login, 4 machines, the account, its login
      expect(result.checked).toBeGreaterThanOrEqual(8);

      tamper(dataDir, (db) => {
        const update = db.prepare("UPDATE events SET message = 'forged' WHERE id = ?");
        expect(() => update.run(savedIds.get('M-2'))).toThrow(/append-only/);
        const remove = db.prepare('DELETE FROM events WHERE id = ?');
        expect(() => remove.run(savedIds.get('M-2'))).toThrow(/append-only/);
        expect(db.prepare('SELECT count(*) FROM events').pluck().get()).toBeGreaterThanOrEqual(8);
      });
    } finally {
      await t.close();
    }
  });

  it('names an edited row once the trigger is dropped, and logs the finding', async () => {
    const editedId = savedIds.get('M-2')!;
    let original = '';
    tamper(dataDir, (db) => {
      original = db
        .prepare('SELECT message FROM events WHERE id = ?')
        .pluck()
        .get(editedId) as string;
      db.exec('DROP TRIGGER events_are_not_updated');
      db.prepare("UPDATE events SET message = 'nothing happened here' WHERE id = ?").run(editedId);
    });

    await afterRestart(dataDir, async (t, token) => {
      const result = await verify(t, token);
      expect(result).toMatchObject({ ok: false, firstBrokenId: editedId });
      expect(result.reason).toMatch(/edited/);
      expect(result.checked).toBe(editedId - 1);
      const { body } = await t.http('events.list', { type: 'audit.broken' }, token);
      expect((body as EventPage).events[0]).toMatchObject({
        actor: 'admin',
        details: { firstBrokenId: editedId },
      });
    });

    // Putting the original text back mends the chain: the hash covers the content.
    tamper(dataDir, (db) => {
      db.prepare('UPDATE events SET message = ? WHERE id = ?').run(original, editedId);
    });
    await afterRestart(dataDir, async (t, token) => {
      expect(await verify(t, token)).toMatchObject({ ok: true, firstBrokenId: null });
    });
  });

  it('names the row after a deleted one in the middle', async () => {
    tamper(dataDir, (db) => {
      db.exec('DROP TRIGGER events_are_not_deleted');
      db.prepare('DELETE FROM events WHERE id = ?').run(savedIds.get('M-3'));
    });
    await afterRestart(dataDir, async (t, token) => {
      const result = await verify(t, token);
      expect(result).toMatchObject({ ok: false, firstBrokenId: savedIds.get('M-4') });
      expect(result.reason).toMatch(/removed/);
    });
  });
});
