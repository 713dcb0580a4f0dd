import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { ReportProcessClient } from '../../../src/backend/reports/process/report-client';
import { ChromiumPdfPrinter } from '../../../src/backend/reports/pdf/chromium-pdf-printer';
import { forkWithNode } from '../../../src/backend/process/node-fork';
import type { ProcessChannel } from '../../../src/backend/process/channel';
import { loadMigrations, migrate } from '../../../src/backend/store/migrate';
import { jobFor, shiftReport } from '../../support/report-fixtures';

/**
 * The report process and Chromium start on first use and stop when idle (10 minutes in the
 * app; a fraction of a second here), and start again on the next report.
 */

const ENTRY = join(process.cwd(), 'src/backend/reports/process/report-process.ts');
const IDLE_MS = 400;

let dir: string;
let databasePath: string;
const children: ChildProcess[] = [];
const launch = (): ProcessChannel => forkWithNode(ENTRY, (child) => children.push(child));
const ended = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'linewatch-report-idle-'));
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

it('stops the report process when idle and starts a new one for the next report', async () => {
  const client = new ReportProcessClient(launch, databasePath, undefined, IDLE_MS);
  const job = jobFor(shiftReport());
  try {
    expect(children).toHaveLength(0);
    const first = await client.build(job, false);
    expect(first.built.report.meta.id).toBe(job.reportId);
    expect(children).toHaveLength(1);
    await vi.waitFor(() => expect(ended(children[0]!)).toBe(true), { timeout: 15_000 });
    // Stopped in order (SIGTERM: it closes its database), not killed.
    expect(children[0]!.exitCode).toBe(0);

    const next = await client.build(job, false);
    expect(next.built.report.meta.type).toBe('shift');
    expect(children).toHaveLength(2);
    await vi.waitFor(() => expect(ended(children[1]!)).toBe(true), { timeout: 15_000 });
  } finally {
    client.close();
  }
});

/** Chromium processes below this one (from /proc). */
function chromiumProcesses(): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (state === 'Z' || Number(ppid) !== process.pid) continue;
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (/chrom/i.test(command)) found.push(Number(entry));
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

it('closes Chromium when no PDF was printed for a while, and prints again after', async () => {
  const printer = new ChromiumPdfPrinter(undefined, IDLE_MS);
  const page = {
    html: '<!doctype html><p>idle</p>',
    headerHtml: '<span></span>',
    footerHtml: '<span></span>',
    paper: 'A4' as const,
  };
  try {
    expect(chromiumProcesses()).toEqual([]);
    const pdf = await printer.print(page);
    expect(Buffer.from(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    expect(chromiumProcesses().length).toBeGreaterThan(0);
    await vi.waitFor(() => expect(printer.running).toBe(false), { timeout: 15_000 });
    await vi.waitFor(() => expect(chromiumProcesses()).toEqual([]), { timeout: 15_000 });
    expect(printer.running).toBe(false);

    const again = await printer.print(page);
    expect(Buffer.from(again).subarray(0, 5).toString()).toBe('%PDF-');
  } finally {
    await printer.close();
  }
});
