/**
 * A seeded day kept by `npm run bench -- reports --seeded DIR`, opened read-only for the
 * in-process report tools (quality-profile.ts, quality-steps-ab.ts, report-html-dump.ts),
 * and the plant-wide report job they all ask for over it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { ReportJob } from '../../src/backend/reports/report-job';
import type { SeededPlant } from './report-seed';

export interface OpenedSeededDay {
  plant: SeededPlant;
  db: Database.Database;
  machineIds: string[];
}

export function openSeededDay(dir: string): OpenedSeededDay {
  const plant = JSON.parse(readFileSync(join(dir, 'plant.json'), 'utf8')) as SeededPlant;
  const db = new Database(join(dir, 'linewatch.sqlite'), { readonly: true });
  // As the report process maps its database: the day's pages are read from the page cache.
  db.pragma('mmap_size = 268435456');
  const machineIds = db.prepare('SELECT id FROM machines ORDER BY id').pluck().all() as string[];
  return { plant, db, machineIds };
}

/** The whole plant over the seeded day, as an engineer of every line would ask for it. */
export function seededDayJob(
  day: OpenedSeededDay,
  type: ReportJob['type'],
  options: { html: boolean; shifts?: ReportJob['shifts'] },
): ReportJob {
  return {
    type,
    fromMs: day.plant.fromMs,
    toMs: day.plant.toMs,
    scope: {
      kind: 'plant',
      lineId: null,
      machineId: null,
      label: 'Plant',
      machineIds: day.machineIds,
      simulated: { included: false, count: 0 },
    },
    visibleLineIds: null,
    plantName: 'Bench plant',
    generatedBy: 'bench',
    generatedAtMs: day.plant.toMs,
    reportId: `${type}-bench`,
    shifts: options.shifts ?? [],
    timeZone: 'UTC',
    render: { html: options.html, paper: 'A4' },
  };
}
