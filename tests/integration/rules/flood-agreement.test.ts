import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Condition } from '../../../src/backend/alerts/rules/conditions';
import { buildReport } from '../../../src/backend/reports/data/build-report';
import type { ReportJob } from '../../../src/backend/reports/report-job';
import { AlertsStore } from '../../../src/backend/store/alerts-store';
import type { NewEvent } from '../../../src/backend/store/events-store';
import { openDatabase } from '../../../src/backend/store/open-database';
import {
  FLOOD_WINDOW_MS,
  floodingOnScreen,
  inFloodWindow,
  raiseOf,
  type FloodGroup,
} from '../../../src/shared/rules/flood';
import { insertPlant } from '../reports/support/plant-rows';
import { cellsOf, tableOf } from '../reports/support/report-reading';

const T0 = Date.parse('2026-11-20T06:00:00Z');
const PLACES: Record<string, { lineId: string | null; machineId: string | null }> = {
  'L-1': { lineId: 'L-1', machineId: 'M-1' },
  'L-2': { lineId: 'L-2', machineId: 'M-2' },
  plant: { lineId: null, machineId: null },
};

interface Step {
  place: keyof typeof PLACES;
  gapMs: number;
}

/** What each side said about one sequence of raised alerts. */
interface Sides {
  /** After each raise: the live rule's state of the raised alert's group, and the screen's. */
  decisions: { atMs: number; group: FloodGroup; live: boolean; screen: boolean }[];
  /** Floods the live rule announced, by group, with the last raise while each lasted. */
  live: { group: FloodGroup; beganMs: number; endMs: number }[];
  /** The alarm report's flood table. */
  report: Record<string, unknown>[];
  raisedMs: { group: FloodGroup; atMs: number }[];
}

/**
 * Raises the sequence through the real alerts store on a real SQLite file (the live rule),
 * asks the screen's rule after every raise from the alerts as the contract lists them, then
 * builds the alarm report over the same file the way the report process reads it.
 */
function runSequence(steps: Step[]): Sides {
  const dir = mkdtempSync(join(tmpdir(), 'linewatch-flood-agree-'));
  const path = join(dir, 'linewatch.sqlite');
  const { db } = openDatabase(path, join(process.cwd(), 'src/backend/store/migrations'));
  try {
    insertPlant(db, { 'M-1': 'L-1', 'M-2': 'L-2' }, new Date(T0 - 60_000).toISOString());
    let nowMs = T0;
    const announced: { group: FloodGroup; beganMs: number }[] = [];
    const record = (event: NewEvent) => {
      if (event.type === 'alerts.flood') {
        announced.push({ group: event.lineId ?? null, beganMs: nowMs });
      }
    };
    const store = new AlertsStore(db, record, () => undefined);
    const liveState = (group: FloodGroup): boolean =>
      db
        .prepare('SELECT flooding FROM alert_floods WHERE line_id = ?')
        .pluck()
        .get(group ?? '') === 1;

    const sides: Sides = { decisions: [], live: [], report: [], raisedMs: [] };
    steps.forEach((step, index) => {
      nowMs += step.gapMs;
      const place = PLACES[step.place]!;
      const condition: Condition = {
        key: `test:${index}`,
        source: place.lineId ? 'threshold' : 'no_spec',
        priority: 'low',
        ...place,
        message: `alert ${index}`,
        value: null,
      };
      const announcedBefore = announced.length;
      store.raise(condition, nowMs);
      // Some are acknowledged or shelved at once: a flood counts raises, not what is open.
      const { alerts } = store.list({ view: 'history', limit: 500 }, { all: true }, nowMs);
      const raised = alerts.find((alert) => alert.conditionKey === condition.key)!;
      if (index % 3 === 1) store.acknowledge(raised.id, 'tester', undefined, nowMs);
      if (index % 5 === 2) store.shelve(raised.id, nowMs + 60_000, 'tester', 'test', nowMs);

      const group = place.lineId;
      const live = liveState(group);
      const screen = floodingOnScreen(alerts.map(raiseOf), nowMs).has(group);
      sides.decisions.push({ atMs: nowMs, group, live, screen });
      sides.raisedMs.push({ group, atMs: nowMs });
      if (announced.length > announcedBefore)
        sides.live.push({ ...announced.at(-1)!, endMs: nowMs });
      else if (live) sides.live.findLast((flood) => flood.group === group)!.endMs = nowMs;
    });

    const reader = new Database(path, { readonly: true });
    try {
      const job: ReportJob = {
        type: 'alarm',
        fromMs: T0,
        toMs: nowMs + 1,
        scope: {
          kind: 'plant',
          lineId: null,
          machineId: null,
          label: 'Plant',
          machineIds: ['M-1', 'M-2'],
          simulated: { included: false, count: 0 },
        },
        visibleLineIds: null,
        plantName: 'Test plant',
        generatedBy: 'tester',
        generatedAtMs: nowMs + 1,
        reportId: 'FLOOD-agree',
        shifts: [],
        timeZone: 'UTC',
        render: { html: false, paper: 'A4' },
      };
      const report = reader.transaction(() => buildReport(reader, job))();
      sides.report = cellsOf(tableOf(report, 'floods'));
    } finally {
      reader.close();
    }
    return sides;
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The report's flood table as the live rule's announcements would fill it. */
function expectedReport(sides: Sides): Record<string, unknown>[] {
  return sides.live
    .map((flood) => {
      const ofGroup = sides.raisedMs.filter((raise) => raise.group === flood.group);
      const startMs = Math.min(
        ...ofGroup
          .filter((raise) => inFloodWindow(raise.atMs, flood.beganMs))
          .map((raise) => raise.atMs),
      );
      const alerts = ofGroup.filter(
        (raise) => raise.atMs >= startMs && raise.atMs <= flood.endMs,
      ).length;
      return { flood, startMs, alerts };
    })
    .sort(
      (a, b) => a.startMs - b.startMs || (a.flood.group ?? '').localeCompare(b.flood.group ?? ''),
    )
    .map(({ flood, startMs, alerts }) => ({
      line: flood.group ?? 'Plant-wide',
      start: new Date(startMs).toISOString(),
      end: new Date(flood.endMs).toISOString(),
      alerts,
    }));
}

const step = fc.record({
  place: fc.constantFrom<keyof typeof PLACES>('L-1', 'L-2', 'plant'),
  // Bursts (seconds apart), pauses, and gaps of exactly one window (the boundary).
  gapMs: fc.oneof(
    { arbitrary: fc.integer({ min: 0, max: 8_000 }), weight: 24 },
    { arbitrary: fc.integer({ min: 8_000, max: 120_000 }), weight: 3 },
    { arbitrary: fc.integer({ min: 120_000, max: 2 * FLOOD_WINDOW_MS }), weight: 1 },
    { arbitrary: fc.constant(FLOOD_WINDOW_MS), weight: 1 },
  ),
});

describe('live rule, alarm report and screen agree on floods (one rule: src/shared/rules/flood.ts)', () => {
  it('a line with 11 alerts in 10 minutes floods in all three; the plant-wide alerts count on their own', () => {
    const burst = (place: Step['place'], count: number, gapMs: number): Step[] =>
      Array.from({ length: count }, (_, i) => ({ place, gapMs: i === 0 ? 60_000 : gapMs }));
    // 10 on each line and 9 plant-wide in one burst: 29 alerts, but no group above 10.
    const quiet = runSequence([
      ...burst('L-1', 10, 1_000),
      ...burst('L-2', 10, 1_000),
      ...burst('plant', 9, 1_000),
    ]);
    expect(quiet.live).toEqual([]);
    expect(quiet.report).toEqual([]);
    expect(quiet.decisions.every((decision) => !decision.screen)).toBe(true);

    const flood = runSequence([...burst('L-1', 11, 30_000), ...burst('plant', 11, 1_000)]);
    expect(flood.live.map((found) => found.group)).toEqual(['L-1', null]);
    expect(flood.report.map((row) => [row.line, row.alerts])).toEqual([
      ['L-1', 11],
      ['Plant-wide', 11],
    ]);
    expect(flood.decisions.at(10)).toMatchObject({ live: true, screen: true });
  });

  it('for any sequence of raised alerts: the same decision after every raise, the same floods in the report', () => {
    let runsWithFloods = 0;
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 80, size: 'max' }), (steps) => {
        const sides = runSequence(steps);
        if (sides.live.length > 0) runsWithFloods += 1;
        for (const decision of sides.decisions) {
          expect(decision.screen, `at ${new Date(decision.atMs).toISOString()}`).toBe(
            decision.live,
          );
        }
        expect(sides.report).toEqual(expectedReport(sides));
      }),
      { numRuns: 40 },
    );
    // Not a property of quiet sequences only: a good share of the runs had floods to agree on.
    expect(runsWithFloods).toBeGreaterThan(5);
  });
});
