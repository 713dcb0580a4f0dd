import { waitFor } from '../../../helpers/wait';

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Waits until `count` has not changed for `quietMs` (and, if given, reached `target`), and
 * returns the last value. For "everything has drained": a count still growing is not done.
 */
export async function waitUntilSettled(
  what: string,
  count: () => number,
  {
    quietMs = 3000,
    timeoutMs = 60_000,
    target,
  }: { quietMs?: number; timeoutMs?: number; target?: number } = {},
): Promise<number> {
  let last = count();
  let since = Date.now();
  return waitFor(
    what,
    () => {
      const now = count();
      if (now !== last) {
        last = now;
        since = Date.now();
      }
      if (target !== undefined && now === target) return now;
      return Date.now() - since >= quietMs ? now : undefined;
    },
    { timeoutMs, everyMs: 50 },
  );
}

/** msg/s, rounded, with thousands separators. */
export function rate(messages: number, ms: number): string {
  return Math.round((messages * 1000) / Math.max(ms, 1)).toLocaleString('en-US');
}
