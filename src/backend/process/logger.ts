import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import type { ProcessOutput } from './launchers';

/** The log folder inside the data folder. */
export const LOGS_FOLDER = 'logs';
/** Rotated files kept besides the one being written: a week of daily files. */
const KEEP_FILES = 7;

/**
 * Structured logs (one JSON object a line) in `<data folder>/logs/linewatch.<date>.<n>.log`,
 * a new file each day or at 20 MB, the last 7 kept (pino-roll, in pino's worker thread).
 * `console` also prints each line. Entries carry `process`: "main", or the background process.
 */
export function createFileLogger(dataDir: string, options: { console?: boolean } = {}): Logger {
  const targets: pino.TransportTargetOptions[] = [
    {
      target: 'pino-roll',
      options: {
        file: join(dataDir, LOGS_FOLDER, 'linewatch'),
        extension: '.log',
        frequency: 'daily',
        dateFormat: 'yyyy-MM-dd',
        size: '20m',
        mkdir: true,
        limit: { count: KEEP_FILES, removeOtherLogFiles: true },
      },
    },
  ];
  if (options.console) targets.push({ target: 'pino/file', options: { destination: 1 } });
  return pino(
    { base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime },
    pino.transport({ targets }),
  );
}

/**
 * Lines a background process writes, into the same log: a JSON line (its crash report, see
 * crash-exit.ts) keeps its fields; plain text is one entry, stderr as a warning.
 */
export function processOutputTo(logger: Logger): ProcessOutput {
  return (name, stream, line) => {
    const child = logger.child({ process: name });
    const parsed = parseObject(line);
    if (parsed) {
      const level =
        typeof parsed.level === 'string' && parsed.level in LEVELS ? parsed.level : 'info';
      const message = String(parsed.message ?? '');
      // Its own names for level, message and process give way to the log's.
      const fields = { ...parsed };
      delete fields.level;
      delete fields.message;
      delete fields.process;
      child[level as keyof typeof LEVELS](fields, message);
    } else if (stream === 'stderr') child.warn(line);
    else child.info(line);
  };
}

const LEVELS = { fatal: 1, error: 1, warn: 1, info: 1, debug: 1, trace: 1 };

function parseObject(line: string): Record<string, unknown> | null {
  if (!line.startsWith('{')) return null;
  try {
    const value = JSON.parse(line) as unknown;
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
