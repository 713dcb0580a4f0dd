import { createBackend } from '../../src/backend/backend';
import { nodeLauncher } from '../../src/backend/process/node-launcher';
import { ChromiumPdfPrinter } from '../../src/backend/reports/pdf/chromium-pdf-printer';
import type { MethodInput, MethodName, Session } from '../../src/shared/contract';
import { formatMs } from './stats';

const ADMIN = { username: 'bench', displayName: 'Bench', password: 'bench password 123' };
const ROUNDS = 3;

/** The median of each day-view's time, in ms, keyed by what was asked. */
export type DayViewTimes = Map<string, number>;

/**
 * What people open over the last 24 hours, timed on the database as it is: the Quality page's
 * yield per step, and the quality and shift reports' data (JSON: the PDF adds Chromium's
 * constant cost, which does not grow with the data). The app is started on the data folder
 * (its own store process: the caller has closed its writer first), each view is asked
 * once untimed, then `ROUNDS` times and the median kept, then the app is closed again.
 */
export async function timeDayViews(
  dataDir: string,
  fromMs: number,
  toMs: number,
  label: string,
): Promise<DayViewTimes> {
  const backend = await createBackend({
    dataDir,
    launcher: nodeLauncher,
    pdfPrinter: new ChromiumPdfPrinter(),
    log: () => undefined,
    ingest: null,
  });
  try {
    const first = await backend.call('setup.createFirstAdmin', ADMIN, null);
    const session = first.ok
      ? first.value
      : await backend
          .call('auth.login', { username: ADMIN.username, password: ADMIN.password }, null)
          .then((login) => {
            if (!login.ok) throw new Error(login.error.message);
            return login.value;
          });
    const { token } = session as Session;
    const range = { from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString() };
    const views: [string, MethodName, MethodInput<MethodName>][] = [
      ['Quality page yield per step', 'results.yield', range],
      ['quality report (JSON)', 'reports.build', { type: 'quality', ...range }],
      ['shift report (JSON)', 'reports.build', { type: 'shift', ...range }],
    ];
    // Untimed: the first report starts the report process (in the app, seconds before anyone
    // asks), and the first read of the database after a writer's run warms the page cache.
    for (const [name, method, input] of views) {
      const answer = await backend.call(method, input, token);
      if (!answer.ok) throw new Error(`${name}: ${answer.error.message}`);
    }
    const times: DayViewTimes = new Map();
    for (const [name, method, input] of views) {
      const each: number[] = [];
      for (let round = 0; round < ROUNDS; round += 1) {
        const started = performance.now();
        const answer = await backend.call(method, input, token);
        each.push(performance.now() - started);
        if (!answer.ok) throw new Error(`${name}: ${answer.error.message}`);
      }
      const median = [...each].sort((a, b) => a - b)[Math.floor(ROUNDS / 2)]!;
      times.set(name, median);
      console.log(
        `  ${label}, last 24 h: ${name.padEnd(28)} median ${formatMs(median).padStart(8)} ` +
          `(${each.map(formatMs).join(', ')})`,
      );
    }
    return times;
  } finally {
    await backend.close();
  }
}
