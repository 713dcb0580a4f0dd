import { utilityProcess } from 'electron';
import type { ProcessChannel } from '../backend/process/channel';
import { forwardLines } from '../backend/process/node-fork';
import type { BackgroundLauncher, ProcessName, ProcessOutput } from '../backend/process/launchers';
import storeProcessPath from '../backend/store/store-process?modulePath';
import reportProcessPath from '../backend/reports/process/report-process?modulePath';
import simulatorProcessPath from '../backend/simulation/simulator-process?modulePath';
import brokerProcessPath from '../backend/ingest/broker/broker-process?modulePath';

/** The built entry of each background process (the launcher map of the desktop app). */
const ENTRIES: Record<ProcessName, string> = {
  store: storeProcessPath,
  reports: reportProcessPath,
  simulator: simulatorProcessPath,
  broker: brokerProcessPath,
};

/**
 * Runs the store (better-sqlite3), the report builder, the simulator and the embedded broker
 * in Electron utility processes, so a slow query, a big report or a burst of MQTT never stalls
 * the main process that carries IPC. The backend only sees a ProcessChannel; under plain Node
 * the same backend uses child_process instead (src/backend/process/node-launcher.ts).
 */
export function utilityProcessLauncher(output?: ProcessOutput): BackgroundLauncher {
  const launch = (name: ProcessName) => () => fork(name, output);
  return {
    store: launch('store'),
    reports: launch('reports'),
    simulator: launch('simulator'),
    broker: launch('broker'),
  };
}

function fork(name: ProcessName, output?: ProcessOutput): ProcessChannel {
  const child = utilityProcess.fork(ENTRIES[name], [], {
    serviceName: `linewatch-${name}`,
    stdio: output ? 'pipe' : 'inherit',
  });
  if (output) {
    forwardLines(child.stdout, (line) => output(name, 'stdout', line));
    forwardLines(child.stderr, (line) => output(name, 'stderr', line));
  }
  let exited = false;
  child.once('exit', () => (exited = true));
  return {
    get pid() {
      return child.pid;
    },
    postMessage: (message) => {
      if (!exited) child.postMessage(message);
    },
    onMessage: (listener) => child.on('message', (message: unknown) => listener(message)),
    // utilityProcess reports only an exit code (a signal shows as a code too).
    onExit: (listener) => child.once('exit', (code) => listener(code, null)),
    // utilityProcess.kill() is SIGTERM; it has no SIGKILL of its own, so use the pid.
    kill: (signal = 'SIGTERM') => {
      if (exited) return;
      if (signal === 'SIGKILL' && child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
      else child.kill();
    },
  };
}
