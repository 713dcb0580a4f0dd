/**
 * Shuts down in two steps: the orderly one gets `deadlineMs`; whatever state the processes
 * are in (a dead store, an unreachable broker, a report mid-build), after that `force` ends
 * what is left. Resolves true when the orderly step finished in time.
 */
export async function closeWithinDeadline(
  orderly: () => Promise<void>,
  force: () => void,
  deadlineMs: number,
  log: (line: string) => void,
): Promise<boolean> {
  let deadline: NodeJS.Timeout | undefined;
  const done = await Promise.race([
    orderly().then(
      () => true,
      (error: unknown) => {
        log(`shutdown: ${String(error)}`);
        return false;
      },
    ),
    new Promise<boolean>((resolve) => (deadline = setTimeout(() => resolve(false), deadlineMs))),
  ]);
  clearTimeout(deadline);
  if (!done) {
    log('shutdown: not everything ended in time; stopping the processes left');
    force();
  }
  return done;
}
