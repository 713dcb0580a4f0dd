import type { Settings } from '../../shared/contract';
import type { AuthService } from '../auth/auth-service';
import type { IngestService } from '../ingest/ingest-service';
import type { CommandService } from '../machines/command-service';
import type { MachineMonitor } from '../machines/machine-monitor';
import type { PlantRegistry } from '../plant/plant-registry';
import type { ReportService } from '../reports/report-service';
import type { SimulationService } from '../simulation/simulation-service';
import type { StationRateLimiter } from '../station-keys/rate-limit';
import type { StationKeyGate } from '../station-keys/station-key-gate';
import type { StoreClient } from '../store/store-client';
import type { Dispatcher } from './dispatcher';
import type { BrokerControl } from './handlers/broker';

/** What every handler may work with. Built once by createBackend. */
export interface Services {
  store: StoreClient;
  auth: AuthService;
  plant: PlantRegistry;
  settings: { current(): Settings; replace(settings: Settings): void };
  /** The one clock (epoch ms): time windows and stamps in handlers come from here. */
  now: () => number;
  log: (line: string) => void;
}

/** The running parts of the backend that some handlers drive. Built once by createBackend. */
export interface BackendParts {
  dataDir: string;
  ingest: IngestService;
  stationKeys: StationKeyGate;
  stationLimiter: StationRateLimiter;
  /** After a backup was restored: reread what the backend caches of the old database. */
  afterRestore: () => Promise<void>;
  broker: BrokerControl;
  monitor: MachineMonitor;
  commands: CommandService;
  reports: ReportService;
  simulation: SimulationService;
}

export type HandlerServices = Services & BackendParts;

/** The one shape of handler registration: every domain's handlers, from one registry. */
export type RegisterHandlers = (dispatcher: Dispatcher, services: HandlerServices) => void;
