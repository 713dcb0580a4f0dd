import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ReportProcessClient } from '../../../src/backend/reports/process/report-client';
import { forkWithNode } from '../../../src/backend/process/node-fork';
import type { ProcessChannel } from '../../../src/backend/process/channel';
import { loadMigrations, migrate } from '../../../src/backend/store/migrate';
import { jobFor, shiftReport } from '../../support/report-fixtures';

/**
 * The report process can die (out of memory on a huge range, a crash in a native module): the
 * report it was building must fail with a clear error, not hang, and the next report must
 * start a new process and succeed.
 */

const ENTRY = join(process.cwd(), 'src/backend/reports/process/report-process.ts');

let dir: string;
let databasePath: string;
const children: ChildProcess[] = [];

/** Starts the process as the backend would, keeping each child so the test can kill it outright. */
const launch = (): ProcessChannel => forkWithNode(ENTRY, (child) => children.push(child));

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'linewatch-report-crash-'));
  databasePath = join(dir, 'linewatch.sqlite');
  const db = new Database(databasePath);
  migrate(db, loadMigrations(join(process.cwd(), 'src/backend/store/migrations')));
  db.pragma('journal_mode = WAL');
  db.close();
});

afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

it('fails the report being built when the process dies, and builds the next in a new one', async () => {
  const client = new ReportProcessClient(launch, databasePath);
  const job = jobFor(shiftReport());
  try {
    const first = await client.build(job, true);
    expect(first.built.report.meta.id).toBe(job.reportId);
    expect(first.built.html).toContain('<!doctype html>');

    const building = client.build(job, false);
    // Killed while the job is on its way: no answer can come back from this process.
    await new Promise((resolve) => setImmediate(resolve));
    children[0]!.kill('SIGKILL');
    await expect(building).rejects.toThrow(/report process ended/);

    const next = await client.build(job, false);
    expect(next.built.report.meta.type).toBe('shift');
    expect(children).toHaveLength(2);
    expect(children[0]!.exitCode ?? children[0]!.signalCode).toBe('SIGKILL');
  } finally {
    client.close();
  }
});
