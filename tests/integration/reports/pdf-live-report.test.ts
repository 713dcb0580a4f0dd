import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report, ReportAnswer, Session } from '../../../src/shared/contract';
import { startTestServer, type TestServer } from '../../helpers/test-backend';
import { knownShift, publishAll, simulatorSpecs } from './support/known-shift';
import { waitForIngested } from '../../helpers/ingest-wait';

/**
 * The real path: a seeded hour of the simulated factory published to a real backend, then
 * `GET /api/reports/{type}?format=pdf|html|csv` over HTTP, built in the report process,
 * rendered and printed by headless Chromium. The PDF must hold the JSON report's figures.
 */

const H = 3_600_000;
const FROM = Math.floor(Date.now() / H) * H - 3 * H;
const TO = FROM + H;
const MACHINES = ['MACH-1-01', 'MACH-1-02', 'MACH-2-01', 'MACH-2-02'];
const ARTIFACTS = resolve(import.meta.dirname, '../../../artifacts/reports');

let t: TestServer;
let admin: Session;
let scratch: string;

async function get(type: string, query: Record<string, string>): Promise<Response> {
  const params = new URLSearchParams({
    from: new Date(FROM).toISOString(),
    to: new Date(TO).toISOString(),
    ...query,
  });
  return fetch(`${t.url}/api/reports/${type}?${params}`, {
    headers: { Authorization: `Bearer ${admin.token}` },
  });
}

async function json(type: string): Promise<Report> {
  const response = await get(type, { format: 'json' });
  expect(response.status).toBe(200);
  const answer = (await response.json()) as ReportAnswer;
  if (answer.kind !== 'report') throw new Error('expected a JSON report');
  return answer.report;
}

/** Formats a share the way a reader expects it, independently of the renderer's code. */
const percent = (share: number) => `${(Math.round(share * 1000) / 10).toFixed(1)}%`;

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'linewatch-live-pdf-'));
  mkdirSync(ARTIFACTS, { recursive: true });
  t = await startTestServer({ ingest: true });
  admin = await t.setupAdmin();
  for (const spec of simulatorSpecs(new Date(FROM - H).toISOString())) {
    expect((await t.http('specs.save', spec, admin.token)).status).toBe(200);
  }
  const { brokerUrl } = (await t.http('ingest.status', {}, admin.token)).body as {
    brokerUrl: string;
  };
  const shift = knownShift(FROM, TO);
  const client = await mqtt.connectAsync(brokerUrl, { clientId: 'report-pdf-live' });
  await publishAll(client, shift.messages);
  await client.endAsync();
  await waitForIngested(t, admin.token, shift.messages.length, {
    settled: true,
    timeoutMs: 90_000,
  });
  for (const machineId of MACHINES) {
    const configured = await t.http(
      'machines.configure',
      { machineId, idealCycleTimeS: 4 },
      admin.token,
    );
    expect(configured.status).toBe(200);
  }
}, 180_000);

afterAll(async () => {
  await t?.close();
  rmSync(scratch, { recursive: true, force: true });
});

function savePages(pdf: Buffer, name: string): number {
  const pdfPath = join(scratch, `${name}.pdf`);
  writeFileSync(pdfPath, pdf);
  for (const old of readdirSync(ARTIFACTS).filter((file) => file.startsWith(`${name}-`))) {
    rmSync(join(ARTIFACTS, old));
  }
  writeFileSync(join(ARTIFACTS, `${name}.pdf`), pdf);
  execFileSync('pdftoppm', ['-r', '60', '-png', pdfPath, join(ARTIFACTS, name)]);
  return readdirSync(ARTIFACTS).filter(
    (file) => file.startsWith(`${name}-`) && file.endsWith('.png'),
  ).length;
}

describe('reports of a published shift over HTTP', () => {
  it('prints the shift report as a PDF holding the figures of the JSON report', async () => {
    const report = await json('shift');
    const response = await get('shift', { format: 'pdf', paper: 'Letter' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await response.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // Built from the same data as the JSON answer, so the same hash.
    const sha = response.headers.get('x-report-data-sha256');
    expect(sha).toBe(report.meta.dataSha256);
    const id = response.headers.get('x-report-id')!;

    const pdfPath = join(scratch, 'shift.pdf');
    writeFileSync(pdfPath, pdf);
    expect(execFileSync('pdfinfo', [pdfPath]).toString()).toMatch(/Page size:\s+612 x 792 pts/);
    const text = execFileSync('pdftotext', [pdfPath, '-']).toString();
    expect(text).toContain(id);
    expect(text).toContain(`SHA-256 ${sha}`);
    expect(text).toMatch(/Page 1 of \d+/);
    const units = report.figures.find((figure) => figure.key === 'units')!.value!;
    const oee = report.figures.find((figure) => figure.key === 'oee')!.value;
    const fpy = report.figures.find((figure) => figure.key === 'firstPassYield')!.value!;
    expect(units).toBeGreaterThan(0);
    expect(text).toContain(units.toLocaleString('en-US'));
    expect(text).toContain(percent(fpy));
    if (oee !== null) expect(text).toContain(percent(oee));
    for (const machine of MACHINES) expect(text).toContain(machine);
    expect(savePages(pdf, 'live-shift-Letter')).toBeGreaterThan(0);
  });

  it('prints the quality report with a block per product and step', async () => {
    const report = await json('quality');
    const response = await get('quality', { format: 'pdf' });
    expect(response.status).toBe(200);
    const pdf = Buffer.from(await response.arrayBuffer());
    const pdfPath = join(scratch, 'quality.pdf');
    writeFileSync(pdfPath, pdf);
    const text = execFileSync('pdftotext', [pdfPath, '-']).toString();
    const results = report.figures.find((figure) => figure.key === 'results')!.value!;
    expect(results).toBeGreaterThan(0);
    expect(text).toContain(results.toLocaleString('en-US'));
    const stepSections = report.sections.filter((section) => section.charts.length > 0);
    expect(stepSections.length).toBeGreaterThan(0);
    for (const section of stepSections) expect(text).toContain(section.title);
    expect(savePages(pdf, 'live-quality-A4')).toBeGreaterThan(0);
  });

  it.each(['alarm', 'maintenance'] as const)('prints the %s report', async (type) => {
    const response = await get(type, { format: 'pdf' });
    expect(response.status).toBe(200);
    const pdf = Buffer.from(await response.arrayBuffer());
    const text = execFileSync('pdftotext', ['-', '-'], { input: pdf }).toString();
    expect(text).toContain(response.headers.get('x-report-id')!);
    expect(savePages(pdf, `live-${type}-A4`)).toBeGreaterThan(0);
  });

  it('answers the page as HTML and a table as CSV', async () => {
    const page = await get('shift', { format: 'html' });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<svg');

    const csv = await get('shift', { format: 'csv', table: 'oee-by-machine' });
    expect(csv.status).toBe(200);
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines[0]).toMatch(/^Line,Machine,/);
    const table = (await json('shift')).sections
      .flatMap((section) => section.tables)
      .find((entry) => entry.key === 'oee-by-machine')!;
    expect(lines.length - 2).toBe(table.rows.length);
    expect(lines.length - 2).toBeGreaterThanOrEqual(MACHINES.length);
  });
});
