/** The FAIL rate is judged over a machine's last this many judged results. */
export const FAIL_RATE_WINDOW = 20;
/** Above this share of FAIL the condition holds. */
export const FAIL_RATE_LIMIT = 0.3;

/**
 * Whether a machine's recent verdicts (newest first; PASS and FAIL only, NO_SPEC is not a
 * judgement) hold the FAIL-rate condition. Fewer than a full window says nothing yet, so a
 * machine's first FAIL is not a 100 % rate.
 */
export function failRateHolds(recentVerdicts: readonly ('PASS' | 'FAIL')[]): {
  holds: boolean;
  rate: number | null;
} {
  if (recentVerdicts.length < FAIL_RATE_WINDOW) return { holds: false, rate: null };
  // A loop, not slice and filter: this runs for every judged result.
  let failed = 0;
  for (let at = 0; at < FAIL_RATE_WINDOW; at += 1) if (recentVerdicts[at] === 'FAIL') failed += 1;
  const rate = failed / FAIL_RATE_WINDOW;
  return { holds: rate > FAIL_RATE_LIMIT, rate };
}
