import type { Verdict } from '../../../shared/contract';
import './verdict.css';

const LOOK: Record<Verdict, { glyph: string; label: string }> = {
  PASS: { glyph: '✔', label: 'PASS' },
  FAIL: { glyph: '✖', label: 'FAIL' },
  NO_SPEC: { glyph: '?', label: 'NO SPEC' },
};

/** A verdict as word, mark and colour. */
export function VerdictBadge({ verdict }: { verdict: Verdict }) {
  return (
    <span className={`verdict verdict-${verdict.toLowerCase()}`} data-verdict={verdict}>
      <span aria-hidden="true">{LOOK[verdict].glyph}</span> {LOOK[verdict].label}
    </span>
  );
}
