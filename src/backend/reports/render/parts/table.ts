import type { ReportTable } from '../../../../shared/contract';
import { columnLabel, formatCell, isNumericFormat, MISSING } from '../format';
import { html, type SafeHtml } from '../html';

/** Words longer than this (ids, hashes, hostile strings) get break chances so cells can wrap. */
const LONG_WORD = 24;
const BREAK_EVERY = 12;

/**
 * Text with a `<wbr>` every few characters inside very long words, so one unbroken token
 * cannot push a table past the page edge; ordinary words wrap only at spaces.
 */
export function breakable(text: string): SafeHtml {
  const parts = text.split(/(\s+)/).map((word) => {
    if (word.length <= LONG_WORD) return html`${word}`;
    const pieces: string[] = [];
    for (let at = 0; at < word.length; at += BREAK_EVERY)
      pieces.push(word.slice(at, at + BREAK_EVERY));
    return html`${pieces.map((piece, index) => (index === 0 ? html`${piece}` : html`<wbr />${piece}`))}`;
  });
  return html`${parts}`;
}

/** Tables this short stay on one page with their title. */
const SHORT_TABLE_ROWS = 8;

function cellClass(format: ReportTable['columns'][number]['format'], text: string): string | null {
  const classes = [
    isNumericFormat(format) ? 'num' : null,
    format === 'time' ? 'time' : null,
    text === MISSING ? 'missing' : null,
  ].filter(Boolean);
  return classes.length > 0 ? classes.join(' ') : null;
}

/**
 * A report table: the header repeats on every printed page, numbers are right-aligned and
 * formatted by their column, times are in plant time.
 */
export function reportTable(table: ReportTable, timeZone: string): SafeHtml {
  const header = html`<h3>${table.title}</h3>`;
  if (table.rows.length === 0) {
    return html`<div class="table-block">
      ${header}
      <p class="table-empty">${table.emptyText}</p>
    </div>`;
  }
  const blockClass = table.rows.length <= SHORT_TABLE_ROWS ? 'table-block short' : 'table-block';
  return html`<div class="${blockClass}">
    ${header}
    <table>
      <thead>
        <tr>
          ${table.columns.map(
            (column) =>
              html`<th${isNumericFormat(column.format) ? html` class="num"` : null}>${columnLabel(column.label, column.format)}</th>`,
          )}
        </tr>
      </thead>
      <tbody>
        ${table.rows.map(
          (row) =>
            html`<tr>
              ${table.columns.map((column, index) => {
                const text = formatCell(row[index] ?? null, column.format, timeZone);
                const classes = cellClass(column.format, text);
                return html`<td${classes ? html` class="${classes}"` : null}>${breakable(text)}</td>`;
              })}
            </tr> `,
        )}
      </tbody>
    </table>
  </div>`;
}
