/** What a probe returns while the awaited thing has not happened yet. */
type NotYet = undefined | null | false;

export interface WaitOptions {
  /** How long to keep asking before failing (default 30 s). */
  timeoutMs?: number;
  /** How long between two questions (default 50 ms). */
  everyMs?: number;
}

/**
 * The tests' one polling helper: asks `probe` until it returns something other than
 * undefined, null or false, and resolves with that; after `timeoutMs` it fails, naming `what`.
 * A probe that throws fails the wait at once. Plain Node (no vitest import), so the benches
 * (bench/) use it too.
 */
export async function waitFor<T>(
  what: string,
  probe: () => T | NotYet | Promise<T | NotYet>,
  { timeoutMs = 30_000, everyMs = 50 }: WaitOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
