/**
 * For the entry of every background process: an exception nobody caught, or a promise
 * rejection nobody handled, is written to stderr as one JSON line (the parent puts it in the
 * log file) and the process exits, so its supervisor sees it end and starts a fresh one,
 * rather than keep a process running in a state nobody knows.
 */
export const CRASH_EXIT_CODE = 70;

let installed = false;

export function exitOnCrash(processName: string): void {
  if (installed) return;
  installed = true;
  const crash = (kind: string, error: unknown): void => {
    const line = JSON.stringify({
      level: 'fatal',
      process: processName,
      kind,
      message: error instanceof Error ? error.message : String(error),
      stack: error instanceof Error ? error.stack : undefined,
    });
    try {
      process.stderr.write(`${line}\n`);
    } finally {
      process.exit(CRASH_EXIT_CODE);
    }
  };
  process.on('uncaughtException', (error) => crash('uncaughtException', error));
  process.on('unhandledRejection', (reason) => crash('unhandledRejection', reason));
}
