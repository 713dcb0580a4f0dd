import type { KeyFigure } from '../../../../shared/contract';
import { formatFigure } from '../format';
import { html, type SafeHtml } from '../html';

/**
 * Tiles per row: rows as full as possible, so nine figures read 5 + 4, not 4 + 4 + 1.
 */
export function tilesPerRow(count: number, widest: number): number {
  if (count <= widest) return Math.max(count, 1);
  for (let columns = widest; columns >= 3; columns -= 1) {
    const last = count % columns;
    if (last === 0 || last === columns - 1) return columns;
  }
  return widest;
}

/** Headline numbers as tiles: label, formatted value, and what it is made of. */
export function figureTiles(
  figures: readonly KeyFigure[],
  variant: 'headline' | 'compact' = 'headline',
): SafeHtml | null {
  if (figures.length === 0) return null;
  const columns = tilesPerRow(figures.length, variant === 'compact' ? 6 : 5);
  const grid = `grid-template-columns:repeat(${columns}, minmax(0, 1fr))`;
  return html`<div class="${variant === 'compact' ? 'figures compact' : 'figures'}" style="${grid}">
    ${figures.map(
      (figure) =>
        html`<div class="${figure.value === null ? 'figure missing' : 'figure'}">
          <div class="label">${figure.label}</div>
          <div class="value">${formatFigure(figure)}</div>
          ${figure.note ? html`<div class="note">${figure.note}</div>` : null}
        </div> `,
    )}
  </div>`;
}
