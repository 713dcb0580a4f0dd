import { createHash } from 'node:crypto';
import type {
  KeyFigure,
  Report,
  ReportMeta,
  ReportSection,
  ReportTable,
  ReportType,
} from '../../../src/shared/contract';

/**
 * Hand-made reports shaped like the data builder's output (see issue 5): a morning shift on
 * three machines of two lines in a plant in Europe/Berlin (UTC+01:00 in November). Built from plain numbers, so the
 * rendering is tested on its own; the real builder's path is tested through the server.
 */
/** UTC+01:00 in November. */
export const PLANT_TIME_ZONE = 'Europe/Berlin';
/** 06:00 – 14:00 plant time. */
export const SHIFT_FROM = '2026-11-22T05:00:00.000Z';
export const SHIFT_TO = '2026-11-22T13:00:00.000Z';
export const GENERATED_AT = '2026-11-22T13:05:00.000Z';

export const MACHINES = [
  { id: 'M-1', name: 'Press 1', line: 'L-1' },
  { id: 'M-2', name: 'Torque station 2', line: 'L-1' },
  { id: 'M-3', name: 'Leak tester 3', line: 'L-2' },
];

/** A small seeded generator: the same fixture every run. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

export function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

export function table(
  key: string,
  title: string,
  columns: Array<[string, string, ReportTable['columns'][number]['format']]>,
  rows: ReportTable['rows'],
  emptyText = 'None in this range.',
): ReportTable {
  return {
    key,
    title,
    columns: columns.map(([columnKey, label, format]) => ({ key: columnKey, label, format })),
    rows,
    emptyText,
  };
}

export function section(
  key: string,
  title: string,
  parts: Partial<Pick<ReportSection, 'note' | 'figures' | 'charts' | 'tables'>>,
): ReportSection {
  return { key, title, figures: [], charts: [], tables: [], ...parts };
}

export function figure(
  key: string,
  label: string,
  value: number | null,
  unit: KeyFigure['unit'],
  note?: string,
): KeyFigure {
  return note === undefined ? { key, label, value, unit } : { key, label, value, unit, note };
}

export const HOURS = Array.from({ length: 8 }, (_, hour) =>
  new Date(Date.parse(SHIFT_FROM) + hour * 3_600_000).toISOString(),
);

export function minutesAfter(iso: string, minutes: number): string {
  return new Date(Date.parse(iso) + minutes * 60_000).toISOString();
}

/** The meta every fixture shares; the SHA-256 is the real hash of the data, as the builder's. */
export function meta(
  type: ReportType,
  title: string,
  figures: KeyFigure[],
  sections: ReportSection[],
  idTail: string,
): ReportMeta {
  return {
    id: `${{ shift: 'SR', quality: 'QR', alarm: 'AR', maintenance: 'MR' }[type]}-20261122T1305-${idTail}`,
    type,
    title,
    plantName: 'Riverside Plant',
    scope: {
      kind: 'plant',
      lineId: null,
      machineId: null,
      label: 'Plant',
      machineIds: MACHINES.map((machine) => machine.id),
      simulated: { included: false, count: 0 },
    },
    from: SHIFT_FROM,
    to: SHIFT_TO,
    generatedAt: GENERATED_AT,
    generatedBy: 'engineer.kim',
    dataSha256: createHash('sha256').update(JSON.stringify({ figures, sections })).digest('hex'),
    completeness: {
      share: 451 / 480,
      minutesWithData: 451,
      minutesInRange: 480,
      gaps: [
        { from: minutesAfter(SHIFT_FROM, 185), to: minutesAfter(SHIFT_FROM, 203), minutes: 18 },
        { from: minutesAfter(SHIFT_FROM, 47), to: minutesAfter(SHIFT_FROM, 54), minutes: 7 },
        { from: minutesAfter(SHIFT_FROM, 300), to: minutesAfter(SHIFT_FROM, 302), minutes: 2 },
        { from: minutesAfter(SHIFT_FROM, 401), to: minutesAfter(SHIFT_FROM, 403), minutes: 2 },
      ],
      gapCount: 4,
    },
  };
}

export function report(
  type: ReportType,
  title: string,
  figures: KeyFigure[],
  sections: ReportSection[],
  idTail: string,
): Report {
  return { meta: meta(type, title, figures, sections, idTail), figures, sections };
}
