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
 * The first report starts the report process. Its job goes out right behind `open`, not once
 * the main process has read "ready" (on a first PDF the main process is busy loading Chromium's
 * driver then), and a process that cannot open the database fails that job with the reason.
 */

const ENTRY = join(process.cwd(), 'src/backend/reports/process/report-process.ts');

let dir: string;
let databasePath: string;
const channels: ProcessChannel[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'linewatch-report-start-'));
  databasePath = join(dir, 'linewatch.sqlite');
  const db = new Database(databasePath);
  migrate(db, loadMigrations(join(process.cwd(), 'src/backend/store/migrations')));
  db.pragma('journal_mode = WAL');
  db.close();
});

afterAll(() => {
  for (const channel of channels) channel.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** The real report process, with what goes each way written down in order. */
function watchedLaunch(seen: string[]): () => ProcessChannel {
  return () => {
    const channel = forkWithNode(ENTRY);
    channels.push(channel);
    return {
      ...channel,
      postMessage: (message) => {
        seen.push(`sent ${(message as { kind: string }).kind}`);
        channel.postMessage(message);
      },
      onMessage: (listener) =>
        channel.onMessage((message) => {
          seen.push(`got ${(message as { kind: string }).kind}`);
          listener(message);
        }),
    };
  };
}

it('sends the first job right behind open, before the process is ready', async () => {
  const seen: string[] = [];
  const client = new ReportProcessClient(watchedLaunch(seen), databasePath);
  const job = jobFor(shiftReport());
  try {
    const built = await client.build(job, false);
    expect(built.built.report.meta.id).toBe(job.reportId);
    expect(seen).toEqual(['sent open', 'sent build', 'got ready', 'got built']);
  } finally {
    client.close();
  }
});

it('fails the jobs sent behind open with the reason the database could not be opened', async () => {
  const seen: string[] = [];
  const missing = join(dir, 'no such folder', 'linewatch.sqlite');
  const client = new ReportProcessClient(watchedLaunch(seen), missing);
  try {
    await expect(client.build(jobFor(shiftReport()), false)).rejects.toThrow(
      /^Reports: .*(unable to open|directory does not exist)/,
    );
    expect(seen.slice(0, 3)).toEqual(['sent open', 'sent build', 'got fatal']);
  } finally {
    client.close();
  }
});
