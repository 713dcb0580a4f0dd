import type { DataCompleteness } from '../../../../shared/contract';
import { formatCount, formatLocalTime, formatShare } from '../format';
import { html, type SafeHtml } from '../html';

/** How many of the longest gaps the line names; the rest are counted. */
const GAPS_NAMED = 3;

function gapText(gap: DataCompleteness['gaps'][number], timeZone: string): string {
  const from = formatLocalTime(gap.from, timeZone);
  const to = formatLocalTime(gap.to, timeZone);
  const end = from.slice(0, 10) === to.slice(0, 10) ? to.slice(11) : to;
  return `${from} – ${end} (${formatCount(gap.minutes)} min)`;
}

/**
 * The data-completeness line: the share of the range with data from the machines in scope,
 * and the largest gaps. A reader must see at once when figures rest on partial data.
 */
export function completenessLine(completeness: DataCompleteness, timeZone: string): SafeHtml {
  const share = completeness.share;
  const named = completeness.gaps.slice(0, GAPS_NAMED);
  const more = completeness.gapCount - named.length;
  const gaps =
    completeness.gapCount === 0
      ? 'No gaps.'
      : `Largest ${named.length === 1 ? 'gap' : 'gaps'}: ${named
          .map((gap) => gapText(gap, timeZone))
          .join('; ')}${more > 0 ? `; and ${formatCount(more)} more` : ''}.`;
  const width = `width:${(share * 100).toFixed(1)}%`;
  return html`<div class="${share < 1 ? 'completeness partial' : 'completeness'}">
    <div class="meter"><span style="${width}"></span></div>
    <div>
      <strong>Data completeness ${formatShare(share)}</strong>
      — ${formatCount(completeness.minutesWithData)} of ${formatCount(completeness.minutesInRange)}
      minutes of the range have data from the machines in scope. ${gaps}
    </div>
  </div>`;
}
