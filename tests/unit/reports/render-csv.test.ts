import { describe, expect, it } from 'vitest';
import { csvField, reportCsvFiles, tableCsv } from '../../../src/backend/reports/render/csv';
import type { ReportTable } from '../../../src/shared/contract';
import { FIXTURES } from '../../support/report-fixtures';

/** A strict RFC 4180 reader, to check that what was written reads back field for field. */
function parseCsv(content: string): string[][] {
  expect(content.startsWith('\uFEFF')).toBe(true);
  const text = content.slice(1);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r') {
      expect(text[i + 1]).toBe('\n');
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else {
      expect(char).not.toBe('\n');
      field += char;
    }
  }
  expect(field).toBe('');
  return rows;
}

const HOSTILE_TABLE: ReportTable = {
  key: 'downtime',
  title: 'Downtime',
  emptyText: '',
  columns: [
    { key: 'machine', label: 'Machine', format: 'text' },
    { key: 'reason', label: 'Reason, as typed', format: 'text' },
    { key: 'minutes', label: 'Minutes', format: 'minutes' },
    { key: 'share', label: 'Share', format: 'share' },
    { key: 'start', label: 'Start', format: 'time' },
  ],
  rows: [
    ['Press "1"', '=HYPERLINK("http://x","click")', -3.5, 0.875, '2026-11-22T05:00:00.000Z'],
    ['+SUM(A1)', '-2+3', 0, 1, '2026-11-22T06:00:00.000Z'],
    ['@cmd', '\tTabbed', 12, null, null],
    ['\rcarriage', 'line one\nline two', 1e-7, 0.3333333333333333, ''],
  ],
};

describe('csv fields', () => {
  it('quotes commas, quotes and line breaks, doubling quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
  });

  it('guards text that a spreadsheet would run as a formula, never numbers', () => {
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-1')).toBe("'-1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tx')).toBe("'\tx");
    expect(csvField('\rx')).toBe('"\'\rx"');
    expect(csvField(-3.5)).toBe('-3.5');
    expect(csvField(0.875)).toBe('0.875');
    expect(csvField(null)).toBe('');
  });
});

describe('a csv table', () => {
  const content = tableCsv(HOSTILE_TABLE);

  it('is UTF-8 with a BOM, CRLF line ends and a header row of labels', () => {
    expect(content.startsWith('\uFEFFMachine,"Reason, as typed",Minutes,Share,Start\r\n')).toBe(
      true,
    );
    expect(content.endsWith('\r\n')).toBe(true);
    // The reader below fails on a bare LF outside quotes and on CR without LF.
  });

  it('reads back with raw values and only formula-like text changed', () => {
    const rows = parseCsv(content);
    expect(rows).toEqual([
      ['Machine', 'Reason, as typed', 'Minutes', 'Share', 'Start'],
      ['Press "1"', `'=HYPERLINK("http://x","click")`, '-3.5', '0.875', '2026-11-22T05:00:00.000Z'],
      ["'+SUM(A1)", "'-2+3", '0', '1', '2026-11-22T06:00:00.000Z'],
      ["'@cmd", "'\tTabbed", '12', '', ''],
      ["'\rcarriage", 'line one\nline two', '1e-7', '0.3333333333333333', ''],
    ]);
  });
});

describe('the csv files of a report', () => {
  it('has one file per table, named <type>-<table key>.csv', () => {
    const files = reportCsvFiles(FIXTURES.shift());
    expect(files.map((file) => file.fileName)).toEqual([
      'shift-oee-by-machine.csv',
      'shift-top-failing-steps.csv',
      'shift-downtime.csv',
      'shift-alerts-by-priority.csv',
      'shift-maintenance-done.csv',
    ]);
    const oee = parseCsv(files[0]!.content);
    expect(oee[0]).toEqual([
      'Line',
      'Machine',
      'Planned',
      'Run',
      'Units',
      'Availability',
      'Performance',
      'Quality',
      'OEE',
    ]);
    // Shares stay fractions and nothing is formatted.
    expect(oee[1]).toEqual([
      'L-1',
      'Press 1 (M-1)',
      '480',
      '431',
      '512',
      '0.8979',
      '0.9321',
      '0.9727',
      '0.8141',
    ]);
    const downtime = parseCsv(files[2]!.content);
    expect(downtime[1]?.[3]).toBe('2026-11-22T05:00:00.000Z');
  });

  it('keeps every table of every report, an empty one as its header row', () => {
    for (const [type, build] of Object.entries(FIXTURES)) {
      const report = build();
      const tables = report.sections.flatMap((section) => section.tables);
      const files = reportCsvFiles(report);
      expect(files).toHaveLength(tables.length);
      files.forEach((file, index) => {
        expect(file.fileName).toBe(`${type}-${tables[index]!.key}.csv`);
        expect(parseCsv(file.content)).toHaveLength(tables[index]!.rows.length + 1);
      });
    }
  });

  it('numbers a table key used twice instead of losing the table', () => {
    const report = FIXTURES.maintenance();
    const repeated = { ...report.sections[0]!, key: 'again' };
    const files = reportCsvFiles({ ...report, sections: [report.sections[0]!, repeated] });
    expect(files.map((file) => file.fileName)).toEqual([
      'maintenance-tasks-done.csv',
      'maintenance-tasks-done-2.csv',
    ]);
  });
});
