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
  const window = recentVerdicts.slice(0, FAIL_RATE_WINDOW);
  if (window.length < FAIL_RATE_WINDOW) return { holds: false, rate: null };
  const rate = window.filter((verdict) => verdict === 'FAIL').length / window.length;
  return { holds: rate > FAIL_RATE_LIMIT, rate };
}
