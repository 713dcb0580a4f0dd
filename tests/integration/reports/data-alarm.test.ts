import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../../src/backend/reports/data/build-report';
import type { ReportJob } from '../../../src/backend/reports/report-job';
import { openDatabase } from '../../../src/backend/store/open-database';
import type { ReportType } from '../../../src/shared/contract';
import { cellsOf, tableOf, valueOf } from './support/report-reading';

const MIN = 60_000;
const H0 = Date.parse('2026-11-20T06:00:00Z');

/**
 * The alarm report's ISA-18.2 figures and the completeness line, on a real SQLite file with
 * alerts and telemetry minutes placed by hand, read the way the report process reads it.
 */
describe('alarm report and data completeness from known rows', () => {
  let dir: string;
  let reader: Database.Database;

  const job = (
    type: ReportType,
    machineIds: string[],
    visibleLineIds: string[] | null,
  ): ReportJob => ({
    type,
    fromMs: H0,
    toMs: H0 + 2 * 60 * MIN,
    scope: {
      kind: 'plant',
      lineId: null,
      machineId: null,
      label: 'Plant',
      machineIds,
      simulated: { included: false, count: 0 },
    },
    visibleLineIds,
    plantName: 'Test plant',
    generatedBy: 'tester',
    generatedAtMs: H0 + 60 * MIN,
    reportId: 'AR-test',
    shifts: [],
    timeZone: 'UTC',
    render: { html: false, paper: 'A4' },
  });
  const build = (type: ReportType, machineIds = ['M-1', 'M-2'], lines: string[] | null = null) =>
    reader.transaction(() => buildReport(reader, job(type, machineIds, lines)))();

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'linewatch-report-alarm-'));
    const path = join(dir, 'linewatch.sqlite');
    const { db } = openDatabase(path, join(process.cwd(), 'src/backend/store/migrations'));
    const created = new Date(H0 - 60 * MIN).toISOString();
    for (const line of ['L-1', 'L-2']) {
      db.prepare('INSERT INTO lines (id, name, created_at) VALUES (?, ?, ?)').run(
        line,
        line,
        created,
      );
    }
    for (const [id, line] of [
      ['M-1', 'L-1'],
      ['M-2', 'L-1'],
      ['M-3', 'L-2'],
    ]) {
      db.prepare('INSERT INTO machines (id, line_id, name, created_at) VALUES (?, ?, ?, ?)').run(
        id,
        line,
        id,
        created,
      );
    }
    const alert = db.prepare(
      `INSERT INTO alerts (condition_key, source, priority, line_id, machine_id, message, state,
         raised_ms, raise_count, acked_ms)
       VALUES (?, ?, ?, ?, ?, ?, 'cleared', ?, ?, ?)`,
    );
    // Flood 1: 15 alerts 30 s apart (7 minutes). Flood 2: 24 alerts 50 s apart: every
    // 10-minute window holds 12, so the overlapping windows make one flood of 24.
    for (let i = 0; i < 15; i++)
      alert.run(`a:${i}`, 'threshold', 'medium', 'L-1', 'M-1', 'hot', H0 + i * 30_000, 1, null);
    for (let i = 0; i < 24; i++)
      alert.run(
        `b:${i}`,
        'threshold',
        'low',
        'L-1',
        'M-2',
        'shaky',
        H0 + 60 * MIN + i * 50_000,
        1,
        null,
      );
    // Acknowledged after 3 and 5 minutes; one condition raised 7 times.
    alert.run(
      'c:1',
      'downtime',
      'high',
      'L-1',
      'M-1',
      'M-1 is down: jam',
      H0 + 30 * MIN,
      7,
      H0 + 33 * MIN,
    );
    alert.run(
      'c:2',
      'offline',
      'high',
      'L-1',
      'M-2',
      'M-2 is offline',
      H0 + 40 * MIN,
      1,
      H0 + 45 * MIN,
    );
    // Outside the scope or the visible lines: another line's machine, a line alert of L-2, a plant alert.
    alert.run('d:1', 'threshold', 'critical', 'L-2', 'M-3', 'other line', H0 + 31 * MIN, 1, null);
    alert.run(
      'd:2',
      'fail_rate',
      'critical',
      'L-2',
      null,
      'line L-2 fails',
      H0 + 32 * MIN,
      1,
      null,
    );
    alert.run('d:3', 'broker', 'critical', null, null, 'broker down', H0 + 33 * MIN, 1, null);
    // Shelving of c:1 is in the event log only (unshelving clears it from the alert).
    db.prepare(
      `INSERT INTO events (at, type, actor, target, line_id, machine_id, message, details, prev_hash, hash)
       VALUES (?, 'alert.shelved', 'eve', 'alert 40', 'L-1', 'M-1', 'shelved', ?, 'x', 'y')`,
    ).run(
      new Date(H0 + 34 * MIN).toISOString(),
      JSON.stringify({
        alertId: 40,
        reason: 'jam being cleared',
        until: new Date(H0 + 64 * MIN).toISOString(),
      }),
    );
    // Telemetry in every minute of the first hour but 10–14 (a gap of 5) and 30 (one minute, no gap).
    const minute = db.prepare(
      `INSERT INTO telemetry_minutes (machine_id, minute_ms, metric, n, min_value, max_value, sum_value)
       VALUES (?, ?, 'temperature', 1, 50, 50, 50)`,
    );
    for (let m = 0; m < 60; m++)
      if ((m < 10 || m >= 15) && m !== 30) minute.run('M-1', H0 + m * MIN);
    minute.run('M-3', H0 + 12 * MIN);
    db.close();
    reader = new Database(path, { readonly: true });
  });
  afterAll(() => {
    reader?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds both floods, merging overlapping windows', () => {
    const report = build('alarm');
    expect(cellsOf(tableOf(report, 'floods'))).toEqual([
      {
        line: 'L-1',
        start: new Date(H0).toISOString(),
        end: new Date(H0 + 14 * 30_000).toISOString(),
        alerts: 15,
      },
      {
        line: 'L-1',
        start: new Date(H0 + 60 * MIN).toISOString(),
        end: new Date(H0 + 60 * MIN + 23 * 50_000).toISOString(),
        alerts: 24,
      },
    ]);
    expect(valueOf(report, 'floods')).toBe(2);
  });

  it('counts raised, acknowledged, time to acknowledge, noisiest and shelved in scope', () => {
    const report = build('alarm');
    expect(valueOf(report, 'raised')).toBe(15 + 24 + 2 + 2);
    expect(valueOf(report, 'acknowledged')).toBe(2);
    expect(valueOf(report, 'meanTimeToAcknowledgeMinutes')).toBe(4);
    expect(cellsOf(tableOf(report, 'ack-times')).find((row) => row.priority === 'high')).toEqual({
      priority: 'high',
      acknowledged: 2,
      meanMinutes: 4,
      longestMinutes: 5,
    });
    expect(cellsOf(tableOf(report, 'noisiest'))[0]).toEqual({
      source: 'downtime',
      line: 'L-1',
      machine: 'M-1',
      message: 'M-1 is down: jam',
      raised: 7,
    });
    expect(cellsOf(tableOf(report, 'shelved'))).toEqual([
      {
        raised: new Date(H0 + 30 * MIN).toISOString(),
        machine: 'M-1',
        message: 'M-1 is down: jam',
        shelvedBy: 'eve',
        reason: 'jam being cleared',
        until: new Date(H0 + 64 * MIN).toISOString(),
      },
    ]);
    expect(cellsOf(tableOf(report, 'by-priority-source'))).toContainEqual({
      priority: 'critical',
      source: 'broker',
      alerts: 1,
    });
  });

  it('leaves out line and plant alerts the caller may not see', () => {
    const report = build('alarm', ['M-1', 'M-2'], ['L-1']);
    expect(valueOf(report, 'raised')).toBe(15 + 24 + 2);
    const text = JSON.stringify(report.sections);
    for (const foreign of ['M-3', 'L-2', 'broker down']) expect(text).not.toContain(foreign);
  });

  it('says how much of the range up to generation has telemetry, and where the gaps are', () => {
    const { completeness } = build('shift').meta;
    // Generated an hour into a two-hour range: 60 minutes count, 54 of them with data.
    expect(completeness).toEqual({
      share: 54 / 60,
      minutesWithData: 54,
      minutesInRange: 60,
      gaps: [
        {
          from: new Date(H0 + 10 * MIN).toISOString(),
          to: new Date(H0 + 15 * MIN).toISOString(),
          minutes: 5,
        },
      ],
      gapCount: 1,
    });
    // M-3 (another line) sent in minute 12; a report of its machines sees that minute.
    expect(build('shift', ['M-3']).meta.completeness.minutesWithData).toBe(1);
  });

  it('builds every report type over an empty scope without failing', () => {
    for (const type of ['shift', 'quality', 'alarm', 'maintenance'] as const) {
      const report = build(type, [], []);
      expect(report.meta.completeness.minutesWithData).toBe(0);
      for (const section of report.sections) {
        for (const table of section.tables) {
          for (const row of table.rows)
            expect(
              row.slice(1).every((cell) => cell === 0 || cell === null),
              `${type}/${table.key}`,
            ).toBe(true);
        }
      }
    }
  });
});
