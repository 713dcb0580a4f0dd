import { createHash } from 'node:crypto';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OeeRow, Report, ReportAnswer, Session } from '../../../src/shared/contract';
import { startTestServer, type TestServer } from '../../helpers/test-backend';
import {
  expectedDowntime,
  expectedFirstPass,
  expectedStepStats,
  expectedTopFailures,
  expectedUnits,
  judgedResults,
} from './support/expected';
import { knownShift, publishAll, simulatorSpecs, type KnownShift } from './support/known-shift';
import { cellsOf, tableOf, valueOf } from './support/report-reading';
import { waitForIngested } from '../../helpers/ingest-wait';

const H = 3_600_000;
// A whole clock hour that ended at least two hours ago: nothing Linewatch concludes by itself
// afterwards (offline after the heartbeat timeout, alerts stamped with the time of receipt)
// falls into it.
const FROM = Math.floor(Date.now() / H) * H - 3 * H;
const TO = FROM + H;
const LINE_1 = ['MACH-1-01', 'MACH-1-02'];
const ALL = [...LINE_1, 'MACH-2-01', 'MACH-2-02'];

describe('report data of a known, seeded shift, checked against the published messages', () => {
  let t: TestServer;
  let admin: Session;
  let shift: KnownShift;
  let publishedFromMs: number;

  const build = async (type: string, extra: Record<string, unknown> = {}, from = FROM, to = TO) => {
    const { status, body } = await t.http(
      'reports.build',
      { type, from: new Date(from).toISOString(), to: new Date(to).toISOString(), ...extra },
      admin.token,
    );
    expect(status, JSON.stringify(body)).toBe(200);
    const answer = body as ReportAnswer;
    if (answer.kind !== 'report') throw new Error('expected a JSON report');
    return answer.report;
  };

  beforeAll(async () => {
    t = await startTestServer({ ingest: true });
    admin = await t.setupAdmin();
    for (const spec of simulatorSpecs(new Date(FROM - H).toISOString())) {
      expect((await t.http('specs.save', spec, admin.token)).status).toBe(200);
    }
    const { brokerUrl } = (await t.http('ingest.status', {}, admin.token)).body as {
      brokerUrl: string;
    };
    shift = knownShift(FROM, TO);
    publishedFromMs = Date.now();
    const client = await mqtt.connectAsync(brokerUrl, { clientId: 'report-data-shift' });
    await publishAll(client, shift.messages);
    await client.endAsync();
    const counters = await waitForIngested(t, admin.token, shift.messages.length, {
      settled: true,
      timeoutMs: 90_000,
    });
    expect(counters.deadLettered).toBe(0);
    for (const machineId of ALL) {
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
  });

  it('gives units, first-pass yield, top failing steps and downtime as counted from the messages', async () => {
    const report = await build('shift', { line: 'LINE-1' });
    const results = judgedResults(shift, LINE_1);
    const firstPass = expectedFirstPass(results);
    const downtime = expectedDowntime(shift, LINE_1, FROM, TO);

    expect(report.meta.scope.machineIds).toEqual(LINE_1);
    expect(valueOf(report, 'units')).toBe(expectedUnits(shift, LINE_1));
    expect(valueOf(report, 'unitsTested')).toBe(firstPass.tested);
    expect(firstPass.good).toBeLessThan(firstPass.judged);
    expect(valueOf(report, 'firstPassYield')).toBeCloseTo(firstPass.good / firstPass.judged, 12);
    expect(valueOf(report, 'downtimeMinutes')).toBeCloseTo(downtime.minutes, 6);
    expect(downtime.minutes).toBeGreaterThan(0);

    const top = expectedTopFailures(results);
    expect(top.length).toBeGreaterThan(0);
    expect(cellsOf(tableOf(report, 'top-failing-steps'))).toEqual(
      top.map((row) => ({
        product: row.product,
        step: row.step,
        failures: row.failures,
        tested: row.tested,
        failRate: row.failures / row.tested,
      })),
    );
    const downtimeRows = cellsOf(tableOf(report, 'downtime'));
    const minutes = downtimeRows.reduce((sum, row) => sum + Number(row.minutes), 0);
    expect(minutes).toBeCloseTo(downtime.minutes, 6);
  });

  it('gives the same OEE as oee.report for the same range and line', async () => {
    const report = await build('shift', { line: 'LINE-1' });
    const { body } = await t.http(
      'oee.report',
      {
        from: new Date(FROM).toISOString(),
        to: new Date(TO).toISOString(),
        bucket: 'total',
        lineId: 'LINE-1',
      },
      admin.token,
    );
    const rows = body as OeeRow[];
    const line = rows.find((row) => row.machineId === null)!;
    expect(line.oee).not.toBeNull();
    for (const key of ['oee', 'availability', 'performance', 'quality'] as const) {
      expect(valueOf(report, key)).toBeCloseTo(line[key]!, 12);
    }
    expect(valueOf(report, 'units')).toBe(line.units);
    const byMachine = cellsOf(tableOf(report, 'oee-by-machine')).filter(
      (row) => row.machine !== 'Line total',
    );
    expect(byMachine.map((row) => [row.machine, row.oee])).toEqual(
      rows.filter((row) => row.machineId !== null).map((row) => [row.machineId, row.oee]),
    );
  });

  it('gives count, pass rate, mean and standard deviation per step as computed from the messages', async () => {
    const report = await build('quality', { line: 'LINE-1' });
    const expected = expectedStepStats(judgedResults(shift, LINE_1)).sort(
      (a, b) => a.product.localeCompare(b.product) || a.step.localeCompare(b.step),
    );
    const steps = cellsOf(tableOf(report, 'steps'));
    expect(steps.map((row) => [row.product, row.step, row.count])).toEqual(
      expected.map((row) => [row.product, row.step, row.count]),
    );
    steps.forEach((row, index) => {
      const want = expected[index]!;
      expect(row.passRate).toBeCloseTo(want.passRate, 12);
      expect(row.mean).toBeCloseTo(want.mean, 9);
      expect(row.sd).toBeCloseTo(want.sd, 9);
    });
    expect(valueOf(report, 'results')).toBe(expected.reduce((sum, row) => sum + row.count, 0));
    expect(cellsOf(tableOf(report, 'spec-versions'))).toHaveLength(expected.length);
    const section = report.sections.find(
      (s) => s.title === `${expected[0]!.product} / ${expected[0]!.step}`,
    )!;
    const histogram = section.charts.find((chart) => chart.kind === 'histogram')!;
    expect(
      histogram.kind === 'histogram' && histogram.bins.reduce((sum, bin) => sum + bin.count, 0),
    ).toBe(expected[0]!.count);
  });

  it('counts every time a machine went down in the alarm report’s noisiest conditions', async () => {
    const report = await build('alarm', {}, publishedFromMs - 60_000, Date.now() + 60_000);
    const { wentDown } = expectedDowntime(shift, ALL, FROM, TO);
    const downtimeRows = cellsOf(tableOf(report, 'noisiest')).filter(
      (row) => row.source === 'downtime',
    );
    expect(downtimeRows.length).toBeGreaterThan(0);
    for (const row of downtimeRows) {
      expect(row.raised).toBe(wentDown.get(String(row.machine)));
    }
    expect(valueOf(report, 'raised')).toBeGreaterThanOrEqual(downtimeRows.length);
  });

  it('carries a SHA-256 of its figures and sections, and completeness from the telemetry', async () => {
    const report: Report = await build('shift');
    const digest = createHash('sha256')
      .update(JSON.stringify({ figures: report.figures, sections: report.sections }))
      .digest('hex');
    expect(report.meta.dataSha256).toBe(digest);
    expect(report.meta.completeness.minutesInRange).toBe(60);
    expect(report.meta.completeness.minutesWithData).toBe(60);
    expect(report.meta.completeness.share).toBe(1);
  });

  it('says an empty range is empty instead of failing', async () => {
    for (const type of ['shift', 'quality', 'alarm', 'maintenance']) {
      const report = await build(type, {}, FROM - 10 * H, FROM - 9 * H);
      expect(report.meta.completeness.minutesWithData).toBe(0);
      for (const section of report.sections)
        for (const table of section.tables) {
          if (
            type !== 'maintenance' &&
            table.key !== 'alerts-by-priority' &&
            table.key !== 'ack-times'
          )
            expect(table.rows, `${type}/${table.key}`).toEqual([]);
        }
    }
  });
});
