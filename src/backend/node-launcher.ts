import type { BackgroundLauncher } from './backend';
import { launchBrokerWithNode } from './ingest/broker/node-launcher';
import { launchReportsWithNode } from './reports/process/node-launcher';
import { launchSimulatorWithNode } from './simulation/node-launcher';
import { launchStoreWithNode } from './store/node-launcher';

/** Background processes under plain Node (console mode, tests, the command line). */
export const nodeLauncher: BackgroundLauncher = {
  launchStore: launchStoreWithNode,
  launchReports: launchReportsWithNode,
  launchSimulator: launchSimulatorWithNode,
  launchBroker: launchBrokerWithNode,
};
