import { utilityProcess } from 'electron';
import type { BackgroundLauncher } from '../backend/backend';
import type { StoreChannel } from '../backend/store/rpc';
import storeProcessPath from '../backend/store/store-process?modulePath';
import reportProcessPath from '../backend/reports/process/report-process?modulePath';
import simulatorProcessPath from '../backend/simulation/simulator-process?modulePath';
import brokerProcessPath from '../backend/ingest/broker/broker-process?modulePath';

/**
 * Runs the store (better-sqlite3), the report builder, the simulator and the embedded broker
 * in Electron utility processes, so a slow query, a big report or a burst of MQTT never stalls
 * the main process that carries IPC. The backend only sees a StoreChannel; under plain Node
 * the same backend uses child_process instead.
 */
export function utilityProcessLauncher(): BackgroundLauncher {
  return {
    launchStore: () => fork(storeProcessPath, 'linewatch-store'),
    launchReports: () => fork(reportProcessPath, 'linewatch-reports'),
    launchSimulator: () => fork(simulatorProcessPath, 'linewatch-simulator'),
    launchBroker: () => fork(brokerProcessPath, 'linewatch-broker'),
  };
}

function fork(modulePath: string, serviceName: string): StoreChannel {
  const child = utilityProcess.fork(modulePath, [], { serviceName });
  return {
    postMessage: (message) => child.postMessage(message),
    onMessage: (listener) => child.on('message', (message: unknown) => listener(message)),
    onExit: (listener) => child.on('exit', (code) => listener(code)),
    kill: () => void child.kill(),
  };
}
