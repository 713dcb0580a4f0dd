import type { Dispatcher } from '../dispatcher';
import type { HandlerServices, RegisterHandlers } from '../services';
import { registerAccountHandlers } from './accounts';
import { registerAlertHandlers } from './alerts';
import { registerAuthHandlers } from './auth';
import { registerBackupHandlers } from './backup';
import { registerBrokerHandlers } from './broker';
import { registerEventHandlers } from './events';
import { registerHandoverHandlers } from './handover';
import { registerIngestHandlers } from './ingest';
import { registerLimitTemplateHandlers } from './limit-templates';
import { registerMachineHandlers } from './machines';
import { registerMaintenanceHandlers } from './maintenance';
import { registerPlantHandlers } from './plant';
import { registerQualityHandlers } from './quality';
import { registerReportHandlers } from './reports';
import { registerSettingsHandlers } from './settings';
import { registerSetupHandlers } from './setup';
import { registerSimulatorHandlers } from './simulator';
import { registerSparkplugHandlers } from './sparkplug';
import { registerStationKeyHandlers } from './station-keys';

/** Every domain's handlers, one registration each, in one place. */
const REGISTRY: readonly RegisterHandlers[] = [
  registerSetupHandlers,
  registerAuthHandlers,
  registerAccountHandlers,
  registerEventHandlers,
  registerSettingsHandlers,
  registerPlantHandlers,
  registerQualityHandlers,
  registerMaintenanceHandlers,
  registerIngestHandlers,
  registerStationKeyHandlers,
  registerBackupHandlers,
  registerBrokerHandlers,
  registerAlertHandlers,
  registerLimitTemplateHandlers,
  registerMachineHandlers,
  registerReportHandlers,
  registerSimulatorHandlers,
  registerHandoverHandlers,
  registerSparkplugHandlers,
];

/**
 * Registers every handler of the contract; throws if a contract method is left without one,
 * so a backend with a missing handler never starts.
 */
export function registerAllHandlers(dispatcher: Dispatcher, services: HandlerServices): void {
  for (const register of REGISTRY) register(dispatcher, services);
  const missing = dispatcher.missingHandlers();
  if (missing.length) throw new Error(`The backend has no handler for: ${missing.join(', ')}`);
}
