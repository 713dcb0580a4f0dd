import type { Dispatcher } from '../dispatcher';
import type { Services } from '../services';
import { registerAccountHandlers } from './accounts';
import { registerAuthHandlers } from './auth';
import { registerEventHandlers } from './events';
import { registerMaintenanceHandlers } from './maintenance';
import { registerPlantHandlers } from './plant';
import { registerQualityHandlers } from './quality';
import { registerSettingsHandlers } from './settings';
import { registerSetupHandlers } from './setup';

/** Every handler of the contract; createBackend refuses to start if one is missing. */
export function registerAllHandlers(dispatcher: Dispatcher, services: Services): void {
  registerSetupHandlers(dispatcher, services);
  registerAuthHandlers(dispatcher, services);
  registerAccountHandlers(dispatcher, services);
  registerEventHandlers(dispatcher, services);
  registerSettingsHandlers(dispatcher, services);
  registerPlantHandlers(dispatcher, services);
  registerQualityHandlers(dispatcher, services);
  registerMaintenanceHandlers(dispatcher, services);
}
