import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

/**
 * For benches: with LINEWATCH_REPORT_CPU_PROFILE=DIR in its environment (the server passes its
 * own on), the report process records a V8 CPU profile of its whole life and writes it to
 * DIR/report-process-<pid>.cpuprofile when it stops (open it in Chrome's DevTools). The built
 * server forks its processes without Node options, so `--cpu-prof` cannot reach this one.
 * Returns what writes the profile (nothing to do without the variable).
 */
export function profileFromEnvironment(env: NodeJS.ProcessEnv = process.env): () => void {
  const dir = env.LINEWATCH_REPORT_CPU_PROFILE;
  if (!dir) return () => undefined;
  const session = new Session();
  session.connect();
  session.post('Profiler.enable', () => session.post('Profiler.start'));
  return () => {
    // The inspector answers synchronously on the same thread: written before exit goes on.
    session.post('Profiler.stop', (error, result) => {
      if (!error) {
        writeFileSync(
          join(dir, `report-process-${process.pid}.cpuprofile`),
          JSON.stringify(result.profile),
        );
      }
    });
  };
}
