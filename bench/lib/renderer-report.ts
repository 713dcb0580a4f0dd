/** One line of the renderer bench's figures table. */
export interface FigureRow {
  figure: string;
  value: string;
  /** Empty when the figure has no target (shown for context). */
  target: string;
  /** Null when there is no target. */
  pass: boolean | null;
}

export function formatFrameMs(ms: number): string {
  return `${ms.toFixed(1)} ms`;
}

export function formatMiB(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** Prints the table and, loudly, every missed target. Returns how many were missed. */
export function printFigures(rows: readonly FigureRow[]): number {
  const verdict = (row: FigureRow): string => (row.pass === null ? '' : row.pass ? 'pass' : 'FAIL');
  const widths = [
    Math.max(6, ...rows.map((row) => row.figure.length)),
    Math.max(5, ...rows.map((row) => row.value.length)),
    Math.max(6, ...rows.map((row) => row.target.length)),
  ];
  const line = (cells: string[]): string =>
    cells.map((cell, index) => cell.padEnd(widths[index] ?? 0)).join(' | ');
  console.log(line(['figure', 'value', 'target', 'result']));
  console.log(widths.map((width) => '-'.repeat(width)).join('-|-') + '-|-------');
  for (const row of rows) console.log(line([row.figure, row.value, row.target, verdict(row)]));
  const missed = rows.filter((row) => row.pass === false);
  for (const row of missed) {
    console.log(`!!! TARGET MISSED: ${row.figure} = ${row.value} (target ${row.target})`);
  }
  return missed.length;
}
