import { describe, expect, it } from 'vitest';
import {
  columnLabel,
  formatCell,
  formatFigure,
  formatLocalTime,
  formatRange,
  formatShare,
  formatTimeZone,
} from '../../../src/backend/reports/render/format';
import { completenessLine } from '../../../src/backend/reports/render/parts/completeness';
import { tilesPerRow } from '../../../src/backend/reports/render/parts/figures';
import { breakable } from '../../../src/backend/reports/render/parts/table';

describe('numbers on paper', () => {
  it('prints shares as percentages and never rounds a partial share to 100 % or 0 %', () => {
    expect(formatShare(0.8831)).toBe('88.3%');
    expect(formatShare(1)).toBe('100.0%');
    expect(formatShare(0.99996)).toBe('99.9%');
    expect(formatShare(0.00001)).toBe('0.1%');
    expect(formatShare(0)).toBe('0.0%');
    expect(formatShare(4.5761)).toBe('457.6%');
  });

  it('formats headline figures by unit', () => {
    const figure = (
      unit: 'count' | 'share' | 'minutes' | 'seconds' | 'index' | 'value',
      value: number | null,
    ) => formatFigure({ key: 'k', label: 'l', unit, value });
    expect(figure('count', 1284)).toBe('1,284');
    expect(figure('minutes', 56.5)).toBe('56.5 min');
    expect(figure('minutes', 1145)).toBe('19 h 05 min');
    expect(figure('seconds', 42)).toBe('42 s');
    expect(figure('index', 1.3333)).toBe('1.33');
    expect(figure('value', 12.34567)).toBe('12.35');
    expect(figure('value', 0.41234)).toBe('0.412');
    expect(figure('value', 0.000123)).toBe('0.000123');
    expect(figure('share', null)).toBe('—');
  });

  it('formats table cells by column, with one decimal for every duration', () => {
    expect(formatCell(60, 'minutes', 'UTC')).toBe('60.0');
    expect(formatCell(1145.25, 'minutes', 'UTC')).toBe('1,145.3');
    expect(formatCell(0.5, 'share', 'UTC')).toBe('50.0%');
    expect(formatCell(12000, 'count', 'UTC')).toBe('12,000');
    expect(formatCell(null, 'count', 'UTC')).toBe('—');
    expect(formatCell('PRD-1', 'text', 'UTC')).toBe('PRD-1');
    expect(columnLabel('Duration', 'minutes')).toBe('Duration (min)');
    expect(columnLabel('Planned min', 'minutes')).toBe('Planned min');
  });
});

describe('times in plant local time', () => {
  it('shows UTC instants on the wall clock of the plant time zone', () => {
    expect(formatLocalTime('2026-11-22T05:00:00.000Z', 'Europe/Berlin')).toBe('2026-11-22 06:00');
    expect(formatLocalTime('2026-11-22T05:00:00.000Z', 'America/New_York')).toBe(
      '2026-11-22 00:00',
    );
    expect(formatLocalTime('2026-11-22T05:00:00.000Z', 'America/St_Johns')).toBe(
      '2026-11-22 01:30',
    );
    // Summer time: the same zone, another offset.
    expect(formatCell('2026-07-01T22:15:00Z', 'time', 'Europe/Berlin')).toBe('2026-07-02 00:15');
    const november = Date.parse('2026-11-22T05:00:00Z');
    expect(formatTimeZone('Europe/Berlin', november)).toBe('Europe/Berlin, UTC+01:00');
    expect(formatTimeZone('America/St_Johns', november)).toBe('America/St_Johns, UTC−03:30');
    // A range across the autumn change says both offsets.
    expect(formatTimeZone('Europe/Berlin', Date.parse('2026-10-24T20:00:00Z'), november)).toBe(
      'Europe/Berlin, UTC+02:00 → UTC+01:00',
    );
  });

  it('drops the second date of a range within one day', () => {
    expect(formatRange('2026-11-22T05:00:00Z', '2026-11-22T13:00:00Z', 'Europe/Berlin')).toBe(
      '2026-11-22 06:00 – 14:00',
    );
    expect(formatRange('2026-11-22T21:00:00Z', '2026-11-23T05:00:00Z', 'Europe/Berlin')).toBe(
      '2026-11-22 22:00 – 2026-11-23 06:00',
    );
  });
});

describe('the data-completeness line', () => {
  it('says the share with data and names the largest gaps in plant time', () => {
    const line = completenessLine(
      {
        share: 451 / 480,
        minutesWithData: 451,
        minutesInRange: 480,
        gaps: [
          { from: '2026-11-22T08:05:00Z', to: '2026-11-22T08:23:00Z', minutes: 18 },
          { from: '2026-11-22T05:47:00Z', to: '2026-11-22T05:54:00Z', minutes: 7 },
          { from: '2026-11-22T10:00:00Z', to: '2026-11-22T10:02:00Z', minutes: 2 },
          { from: '2026-11-22T11:00:00Z', to: '2026-11-22T11:02:00Z', minutes: 2 },
        ],
        gapCount: 25,
      },
      'Europe/Berlin',
    ).value;
    const text = line.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');
    expect(text).toContain('Data completeness 94.0%');
    expect(text).toContain('451 of 480 minutes');
    expect(text).toContain(
      'Largest gaps: 2026-11-22 09:05 – 09:23 (18 min); 2026-11-22 06:47 – 06:54 (7 min); 2026-11-22 11:00 – 11:02 (2 min); and 22 more.',
    );
    expect(line).toContain('completeness partial');
  });

  it('says so when nothing is missing', () => {
    const line = completenessLine(
      { share: 1, minutesWithData: 60, minutesInRange: 60, gaps: [], gapCount: 0 },
      'UTC',
    ).value;
    expect(line).toContain('No gaps.');
    expect(line).not.toContain('partial');
  });
});

describe('layout helpers', () => {
  it('fills rows of figure tiles', () => {
    expect([3, 5, 6, 7, 8, 9, 10].map((count) => tilesPerRow(count, 5))).toEqual([
      3, 5, 3, 4, 4, 5, 5,
    ]);
  });

  it('lets very long words break in table cells, escaped', () => {
    expect(breakable('short words stay').value).toBe('short words stay');
    expect(breakable('<'.repeat(30)).value).toBe(
      `${'&lt;'.repeat(12)}<wbr />${'&lt;'.repeat(12)}<wbr />${'&lt;'.repeat(6)}`,
    );
  });
});
