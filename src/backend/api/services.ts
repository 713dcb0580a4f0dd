import type { Settings } from '../../shared/contract';
import type { AuthService } from '../auth/auth-service';
import type { PlantRegistry } from '../plant/plant-registry';
import type { StoreClient } from '../store/store-client';
import type { Dispatcher } from './dispatcher';

/** What handlers work with. Built once by createBackend. */
export interface Services {
  store: StoreClient;
  auth: AuthService;
  plant: PlantRegistry;
  settings: { current(): Settings; replace(settings: Settings): void };
  /** The one clock (epoch ms): time windows and stamps in handlers come from here. */
  now: () => number;
}

export type RegisterHandlers = (dispatcher: Dispatcher, services: Services) => void;
