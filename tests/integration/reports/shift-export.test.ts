import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../../src/backend/backend';
import { nodeLauncher } from '../../../src/backend/process/node-launcher';
import { ChromiumPdfPrinter } from '../../../src/backend/reports/pdf/chromium-pdf-printer';
import type { EventPage, MethodName, Session } from '../../../src/shared/contract';

/**
 * The end-of-shift export against a real store, report process and Chromium, on a clock the
 * test moves: the shift that ended last is written when the folder is set; shifts that end
 * while the app is closed are written at the next start; every file is in the event log.
 */

const previousTz = process.env.TZ;
const HOUR = 3_600_000;
let clockMs = Date.parse('2026-11-22T10:00:00Z');
let dataDir: string;
let folder: string;
let backend: Backend;
let admin: Session;

async function ok(method: MethodName, input: unknown, token: string | null = admin.token) {
  const result = await backend.call(method, input, token);
  if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
  return result.value;
}

function start(): Promise<Backend> {
  return createBackend({
    dataDir,
    launcher: nodeLauncher,
    pdfPrinter: new ChromiumPdfPrinter(),
    bcryptCost: 4,
    now: () => clockMs,
    log: () => undefined,
    ingest: null,
  });
}

async function exportEvents(): Promise<EventPage['events']> {
  const page = (await ok('events.list', { limit: 100 })) as EventPage;
  return page.events.filter((event) => event.type.startsWith('report.export'));
}

beforeAll(async () => {
  // Shifts are plant local time; the report process inherits this zone.
  process.env.TZ = 'UTC';
  dataDir = mkdtempSync(join(tmpdir(), 'linewatch-export-'));
  folder = join(dataDir, 'shift reports');
  backend = await start();
  admin = (await ok(
    'setup.createFirstAdmin',
    { username: 'admin', displayName: 'Admin', password: 'admin password 123' },
    null,
  )) as Session;
  // Results on two lines during the night shift of the 21st/22nd and the early shift of the 22nd.
  for (const [lineId, machine] of [
    ['L-1', 'M-1'],
    ['L-2', 'M-2'],
  ] as const) {
    for (let i = 0; i < 6; i++) {
      await ok('ingest.submit', {
        lineId,
        payload: {
          barcode: `SN-${machine}-${i}`,
          machine_id: machine,
          product_id: 'PROD-A',
          test_step: 'voltage_test',
          measured_value: 85 + i,
          timestamp: new Date(Date.parse('2026-11-22T03:00:00Z') + i * HOUR).toISOString(),
        },
      });
    }
  }
}, 60_000);

afterAll(async () => {
  await backend?.close();
  process.env.TZ = previousTz;
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the end-of-shift PDF export', () => {
  it('does nothing while no folder is set', async () => {
    await backend.exportShiftReportsNow();
    expect(await exportEvents()).toEqual([]);
  });

  it('writes the last ended shift of each line when the folder is set, and logs each file', async () => {
    await ok('settings.update', { shiftReportFolder: folder, shiftReportPaper: 'Letter' });
    await backend.exportShiftReportsNow();
    expect(readdirSync(folder).sort()).toEqual([
      'linewatch-shift-L-1-2026-11-21-Night.pdf',
      'linewatch-shift-L-2-2026-11-21-Night.pdf',
    ]);
    const pdf = readFileSync(join(folder, 'linewatch-shift-L-1-2026-11-21-Night.pdf'));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf }).toString();
    expect(text).toContain('Shift report');
    expect(text).toContain('L-1');
    expect(text).not.toContain('M-2');
    const size = execFileSync('pdfinfo', ['-'], { input: pdf }).toString();
    expect(size).toMatch(/Page size:\s+612 x 792 pts \(letter\)/);
    const events = await exportEvents();
    expect(events.map((event) => event.type)).toEqual(['report.exported', 'report.exported']);
    const reportIds = events.map((event) => event.target);
    for (const id of reportIds) expect(text + id).toContain(id);
    // Asking again writes nothing new.
    await backend.exportShiftReportsNow();
    expect(readdirSync(folder)).toHaveLength(2);
  }, 60_000);

  it('catches up at the next start on the shifts that ended while it was closed', async () => {
    await backend.close();
    clockMs = Date.parse('2026-11-23T07:00:00Z');
    backend = await start();
    admin = (await ok(
      'auth.login',
      { username: 'admin', password: 'admin password 123' },
      null,
    )) as Session;
    await backend.exportShiftReportsNow();
    const written = readdirSync(folder)
      .filter((name) => name.includes('L-1'))
      .sort();
    expect(written).toEqual([
      'linewatch-shift-L-1-2026-11-21-Night.pdf',
      'linewatch-shift-L-1-2026-11-22-Early.pdf',
      'linewatch-shift-L-1-2026-11-22-Late.pdf',
      'linewatch-shift-L-1-2026-11-22-Night.pdf',
    ]);
    expect((await exportEvents()).filter((e) => e.type === 'report.exported')).toHaveLength(8);
  }, 120_000);

  it('records a folder it cannot write to once, and writes when it can again', async () => {
    const blocker = join(dataDir, 'not-a-folder');
    writeFileSync(blocker, 'a file where the folder should be');
    await ok('settings.update', { shiftReportFolder: blocker });
    clockMs += 8 * HOUR;
    admin = (await ok(
      'auth.login',
      { username: 'admin', password: 'admin password 123' },
      null,
    )) as Session;
    await backend.exportShiftReportsNow();
    await backend.exportShiftReportsNow();
    const failures = (await exportEvents()).filter((e) => e.type === 'report.export_failed');
    expect(failures).toHaveLength(1);
    expect(failures[0]!.message).toMatch(/could not be written/);
    await ok('settings.update', { shiftReportFolder: folder });
    await backend.exportShiftReportsNow();
    expect(readdirSync(folder).filter((name) => name.includes('2026-11-23-Early'))).toHaveLength(2);
  }, 120_000);
});
